// The tokens of .fgd files. Statements end at a newline; '#' and '//' start comments.
// Keywords are reserved only where the parser says so: see `identifier` in FgdParser.
lexer grammar FgdLexer;

// --- declarations
APP: 'app';
SERVICE: 'service';
SIDECAR: 'sidecar';
STAGE: 'stage';
VAR: 'var';
JOB: 'job';

// --- app settings
REGION: 'region';
ACCOUNT: 'account';
CLUSTER: 'cluster';
EXECUTION_ROLE: 'execution_role';
TASK_ROLE: 'task_role';
REGISTRY: 'registry';
NETWORK: 'network';
SUBNETS: 'subnets';
SECURITY_GROUPS: 'security_groups';
PUBLIC_IP: 'public_ip';
TAGS: 'tags';
IMAGES: 'images';
KEEP: 'keep';
SCHEDULER_ROLE: 'scheduler_role';
LOAD_BALANCER: 'load_balancer';
LISTENER: 'listener';
INTERNET_FACING: 'internet_facing';
INTERNAL: 'internal';
CERTIFICATE: 'certificate';
TLS_POLICY: 'tls_policy';
ALLOW: 'allow';
NAMESPACE: 'namespace';

// --- services and containers
IMAGE: 'image';
BUILD: 'build';
PORT: 'port';
TARGET_GROUP: 'target_group';
OFFER: 'offer';
AS: 'as';
ENV: 'env';
SECRET: 'secret';
FROM: 'from';
KEY: 'key';
SSM: 'ssm';
VERSION_STAGE: 'version_stage';
VERSION_ID: 'version_id';
CPU: 'cpu';
MEMORY: 'memory';
HEALTH: 'health';
EVERY: 'every';
TIMEOUT: 'timeout';
RETRIES: 'retries';
GRACE: 'grace';
NONE: 'none';
REPLICAS: 'replicas';
SCALE: 'scale';
ON: 'on';
OFF: 'off';
TRUE: 'true';
FALSE: 'false';
DEPLOY: 'deploy';
MIN_HEALTHY: 'min_healthy';
MAX_PERCENT: 'max_percent';
CIRCUIT_BREAKER: 'circuit_breaker';
ROLLBACK: 'rollback';
HEALTH_GRACE: 'health_grace';
// --- rollout strategies and alarm rollback (issue 15)
STRATEGY: 'strategy';
BAKE: 'bake';
ALARMS: 'alarms';
ALARM: 'alarm';
FOR: 'for';
ALTERNATE: 'alternate';
RULE: 'rule';
TEST_RULE: 'test_rule';
ROLE: 'role';
// --- lifecycle hooks and early success (issue 15)
HOOK: 'hook';
LAMBDA: 'lambda';
EARLY_SUCCESS: 'early_success';
CLEANUP: 'cleanup';
LOGS: 'logs';
GROUP: 'group';
RETENTION: 'retention';
STREAM_PREFIX: 'stream_prefix';
COMMAND: 'command';
ENTRYPOINT: 'entrypoint';
DEPENDS_ON: 'depends_on';
ESSENTIAL: 'essential';
COOLDOWN: 'cooldown';

// --- routes (issue 14)
ROUTE: 'route';
MATCHER: 'matcher';
INTERVAL: 'interval';
HEALTHY_THRESHOLD: 'healthy_threshold';
DEREGISTRATION_DELAY: 'deregistration_delay';
TEST_HEADER: 'test_header';

// --- task and container settings (issue 16)
ARCHITECTURE: 'architecture';
EPHEMERAL_STORAGE: 'ephemeral_storage';
EXEC: 'exec';
STOP_TIMEOUT: 'stop_timeout';
READ_ONLY: 'read_only';
INIT: 'init';
ULIMIT: 'ulimit';
STARTS_AFTER: 'starts_after';

// --- capacity (issue 16)
CAPACITY: 'capacity';
BASE: 'base';

// --- volumes (issue 16)
VOLUME: 'volume';
EFS: 'efs';
ACCESS_POINT: 'access_point';
ROOT: 'root';
ENCRYPTED: 'encrypted';
IAM: 'iam';
MOUNT: 'mount';
AT: 'at';
// --- jobs (issue 17)
SCHEDULE: 'schedule';
IN: 'in';
ENABLED: 'enabled';
FLEXIBLE_WINDOW: 'flexible_window';
MAX_AGE: 'max_age';
// --- operate (issue 17)
BEFORE_DEPLOY: 'before_deploy';

// --- build recipes
WORKDIR: 'workdir';
COPY: 'copy';
RUN: 'run';
CMD: 'cmd';
USER: 'user';
ARG: 'arg';
PACKAGE: 'package';
BINARY: 'binary';
TOOLCHAIN: 'toolchain';
START: 'start';
NODE: 'node';
SCRIPT: 'script';
CONTEXT: 'context';

// --- punctuation
LBRACE: '{';
RBRACE: '}';
LBRACKET: '[';
RBRACKET: ']';
COMMA: ',';
EQ: '=';
DOTDOT: '..';
GT: '>';

// --- literals
STRING: '"' (ESCAPE | ~["\\\r\n])* '"';
// An unterminated string is its own token, so the error says so instead of "token recognition error".
UNTERMINATED_STRING: '"' (ESCAPE | ~["\\\r\n])*;
// A number with a unit attached: 30s, 60%, 512MiB, 0.25vcpu, 8000/udp.
QUANTITY: DIGITS ('.' DIGITS)? [a-zA-Z%/] [a-zA-Z0-9]*;
NUMBER: DIGITS ('.' DIGITS)?;
// A dotted version such as 1.2.3; a bare value like a word.
VERSION: DIGITS ('.' DIGITS) ('.' DIGITS)+;
// Bare words: names, regions, ids, paths, `.` and dotfiles. They cannot start with a digit or
// with `..` unless a `/` follows, so `2..10` is a range and not a word.
WORD: WORD_START WORD_CHAR* | '.';

NEWLINE: ('\r'? '\n' | '\r')+;
COMMENT: ('#' | '//') ~[\r\n]* -> channel(HIDDEN);
WS: [ \t\f\u00A0\uFEFF]+ -> channel(HIDDEN);
// Anything else is an error the parser reports with its location (never dropped silently).
ERROR_CHAR: .;

fragment DIGITS: [0-9]+;
fragment ESCAPE: '\\' ["\\nt$/] | '\\u' HEX HEX HEX HEX;
fragment HEX: [0-9a-fA-F];
fragment WORD_START: [a-zA-Z_/*] | '.' '.'? '/' | '.' [a-zA-Z_];
fragment WORD_CHAR: [a-zA-Z0-9_./:@+*-];
