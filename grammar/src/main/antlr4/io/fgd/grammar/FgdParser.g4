// The grammar of .fgd files: one application, its AWS settings and its services.
// Structure only; what a value means is decided by AstBuilder and the checker.
//
// Statements end at a NEWLINE. As in Go, the token source (StatementTerminators in the compiler)
// also ends a statement before every '}' and at the end of the file, so `{ cpu 256 }` is one
// line and every loop below is decided by one token.
parser grammar FgdParser;

options { tokenVocab = FgdLexer; }

file
    : (declaration? NEWLINE)* EOF
    ;

declaration
    : APP name=identifier appBody                            #appDeclaration
    | SERVICE name=identifier serviceBody                    #serviceDeclaration
    | JOB name=identifier jobBody                            #jobDeclaration
    | STAGE name=identifier stageBody                        #stageDeclaration
    | VAR name=identifier (EQ value=STRING)?                 #varDeclaration
    ;

// ---------------------------------------------------------------- stages

// A stage overrides app settings and some service settings for one environment. Which service
// statements a stage may hold is decided by AstBuilder, so a `port` in a stage gets a sentence
// saying what a stage can change instead of a parse error.
stageBody
    : LBRACE (stageStatement? NEWLINE)* RBRACE
    ;

stageStatement
    : appStatement                                           #stageAppStatement
    | SERVICE name=identifier serviceBody                    #stageServiceStatement
    ;

// ---------------------------------------------------------------- app

appBody
    : LBRACE (appStatement? NEWLINE)* RBRACE
    ;

appStatement
    : REGION value=word                                      #regionStatement
    | ACCOUNT value=word                                     #accountStatement
    | CLUSTER value=word                                     #clusterStatement
    | EXECUTION_ROLE value=text                              #executionRoleStatement
    | TASK_ROLE value=text                                   #taskRoleStatement
    | REGISTRY value=text                                    #registryStatement
    | NETWORK networkBody                                    #networkSettings
    | TAGS tagsBody                                          #appTagsStatement
    | SCHEDULER_ROLE value=text                              #schedulerRoleStatement
    | IMAGES imagesBody                                      #imagesSettings
    | LOAD_BALANCER loadBalancerBody                         #loadBalancerSettings
    | NAMESPACE value=text                                   #namespaceStatement
    ;

// The ECR repositories fgd owns for the services built from source.
imagesBody
    : LBRACE (imagesStatement? NEWLINE)* RBRACE
    ;

imagesStatement
    : KEEP value=NUMBER                                      #keepImagesStatement
    ;

loadBalancerBody
    : LBRACE (loadBalancerStatement? NEWLINE)* RBRACE
    ;

loadBalancerStatement
    : LISTENER value=text                                    #listenerStatement
    | INTERNET_FACING                                        #internetFacingStatement
    | INTERNAL                                               #internalStatement
    | SUBNETS wordList                                       #loadBalancerSubnetsStatement
    | CERTIFICATE value=text                                 #certificateStatement
    | TLS_POLICY value=text                                  #tlsPolicyStatement
    | ALLOW STRING (COMMA NEWLINE* STRING)*                  #allowStatement
    ;

networkBody
    : LBRACE (networkStatement? NEWLINE)* RBRACE
    ;

networkStatement
    : SUBNETS wordList                                       #subnetsStatement
    | SECURITY_GROUPS wordList                               #securityGroupsStatement
    | PUBLIC_IP value=toggle                                 #publicIpStatement
    ;

tagsBody
    : LBRACE (tag? NEWLINE)* RBRACE
    ;

tag
    : key=text EQ value=scalar
    ;

// ---------------------------------------------------------------- services

serviceBody
    : LBRACE (serviceStatement? NEWLINE)* RBRACE
    ;

serviceStatement
    : containerStatement                                     #serviceContainerStatement
    | BUILD buildRecipe                                      #buildStatement
    | REPLICAS value=NUMBER                                  #replicasStatement
    | SCALE min=NUMBER DOTDOT max=NUMBER ON scaleTarget (COMMA scaleTarget)*
        (COOLDOWN cooldown=QUANTITY)?                        #scaleStatement
    | DEPLOY deployBody                                      #deploySettings
    | LOGS logsBody                                          #logsSettings
    | LOGS OFF                                               #logsOffStatement
    | TAGS tagsBody                                          #serviceTagsStatement
    | SIDECAR name=identifier sidecarBody                    #sidecarDeclaration
    | DEPENDS_ON identifierList                              #dependsOnStatement
    | ARCHITECTURE value=word                                #architectureStatement
    | EPHEMERAL_STORAGE memoryAmount                         #ephemeralStorageStatement
    | EXEC value=toggle                                      #execStatement
    | CAPACITY capacityShare (COMMA capacityShare)*          #capacityStatement
    | VOLUME name=identifier (EFS fileSystem=word efsOption*)? #volumeStatement
    | BEFORE_DEPLOY value=stringList                         #beforeDeployStatement
    | ROUTE target=text (PORT port=NUMBER)? (HEALTH health=text)? routeBody?  #routeStatement
    ;

// How an EFS volume is mounted: `access_point fsap-1`, `root "/data"`, `encrypted [port 2049]`, `iam`.
efsOption
    : ACCESS_POINT value=word                                #efsAccessPoint
    | ROOT value=text                                        #efsRoot
    | ENCRYPTED (PORT port=NUMBER)?                          #efsEncrypted
    | IAM                                                    #efsIam
    ;

// One capacity provider of a service's strategy: `spot`, `on_demand 1 base 2`.
capacityShare
    : provider=word weight=NUMBER? (BASE base=NUMBER)?
    ;

// A route's health check and draining, when the defaults (fgd's fast ones) do not fit, and the
// header of its test traffic in a blue/green, canary or linear deployment.
routeBody
    : LBRACE (routeSetting? NEWLINE)* RBRACE
    ;

routeSetting
    : MATCHER value=text                                     #routeMatcher
    | INTERVAL value=QUANTITY                                #routeInterval
    | HEALTHY_THRESHOLD value=NUMBER                         #routeHealthyThreshold
    | DEREGISTRATION_DELAY value=QUANTITY                    #routeDeregistrationDelay
    | TEST_HEADER value=text                                 #routeTestHeader
    ;

// Statements a service and its sidecars share: they describe one container.
containerStatement
    : IMAGE value=text                                                      #imageStatement
    | PORT value=portNumber (TARGET_GROUP targetGroup=text trafficOption*)? offer? #portStatement
    | ENV name=word EQ value=scalar                                         #envStatement
    | SECRET name=word FROM secretSource (KEY jsonKey=text)?
        (VERSION_STAGE versionStage=text)? (VERSION_ID versionId=text)?     #secretStatement
    | CPU cpuAmount                                                         #cpuStatement
    | MEMORY memoryAmount                                                   #memoryStatement
    | HEALTH command=commandForm healthOption*                                     #healthStatement
    | HEALTH NONE                                                           #healthNoneStatement
    | COMMAND value=stringList                                              #commandStatement
    | ENTRYPOINT value=stringList                                           #entrypointStatement
    | STOP_TIMEOUT value=QUANTITY                                           #stopTimeoutStatement
    | READ_ONLY value=toggle                                                #readOnlyStatement
    | INIT value=toggle                                                     #initStatement
    | ULIMIT name=word soft=NUMBER hard=NUMBER?                             #ulimitStatement
    | STARTS_AFTER container=identifier condition=word?                     #startsAfterStatement
    | MOUNT volume=identifier AT path=text readOnly=READ_ONLY?              #mountStatement
    ;

// What ECS needs to shift traffic between two target groups (canary, linear, blue/green):
// ECS loadBalancers[].advancedConfiguration.
trafficOption
    : ALTERNATE value=text                                   #alternateTargetGroupOption
    | RULE value=text                                        #productionRuleOption
    | TEST_RULE value=text                                   #testRuleOption
    | ROLE value=text                                        #trafficRoleOption
    ;

// `offer [as NAME[:PORT]] [http|http2|grpc]`: the port is offered to the app's other services
// through ECS Service Connect. Which protocols exist is the checker's business.
offer
    : OFFER (AS alias=word)? appProtocol=word?
    ;

portNumber
    : NUMBER                                                 #plainPort
    | QUANTITY                                               #portWithProtocol
    ;

secretSource
    : SSM parameter=text                                     #ssmSecret
    | reference=text                                         #arnSecret
    ;

cpuAmount
    : QUANTITY                                               #cpuWithUnit
    | NUMBER unit=word?                                      #cpuNumber
    ;

memoryAmount
    : QUANTITY                                               #memoryWithUnit
    | NUMBER unit=word?                                      #memoryNumber
    ;

healthOption
    : EVERY value=QUANTITY                                   #healthInterval
    | TIMEOUT value=QUANTITY                                 #healthTimeout
    | RETRIES value=NUMBER                                   #healthRetries
    | GRACE value=QUANTITY                                   #healthGrace
    ;

scaleTarget
    : metric=word value=QUANTITY
    ;

deployBody
    : LBRACE (deployStatement? NEWLINE)* RBRACE
    ;

deployStatement
    : MIN_HEALTHY value=QUANTITY                             #minHealthyStatement
    | MAX_PERCENT value=QUANTITY                             #maxPercentStatement
    | CIRCUIT_BREAKER value=toggle                           #circuitBreakerStatement
    | ROLLBACK value=toggle                                  #rollbackStatement
    | HEALTH_GRACE value=QUANTITY                            #healthGraceStatement
    | STRATEGY name=word percent=QUANTITY? strategyOption*   #strategyStatement
    | BAKE value=QUANTITY                                    #bakeStatement
    | ROLE value=text                                        #deployRoleStatement
    | ALARMS names+=text (COMMA NEWLINE* names+=text)*
        (ROLLBACK rollback=toggle)?                          #alarmsStatement
    | ALARM metric=(QUANTITY | WORD) statistic=WORD? GT threshold=(QUANTITY | NUMBER)
        FOR period=QUANTITY (ON PORT port=NUMBER)?           #alarmStatement
    | HOOK stages+=word (COMMA NEWLINE* stages+=word)*
        LAMBDA target=text hookOption*                       #hookStatement
    | EARLY_SUCCESS value=QUANTITY (CLEANUP cleanup=word)?   #earlySuccessStatement
    ;

// `hook post_scale_up lambda "arn:…" role "arn:…" timeout 10m`: the role ECS assumes to call the
// function, and how long ECS waits for its answer.
hookOption
    : ROLE value=text                                        #hookRoleOption
    | TIMEOUT value=QUANTITY                                 #hookTimeoutOption
    ;

// `canary 10% bake 5m`: the canary's bake; `linear 20% every 2m`: the wait after each step.
strategyOption
    : BAKE value=QUANTITY                                    #strategyBakeOption
    | EVERY value=QUANTITY                                   #strategyEveryOption
    ;

logsBody
    : LBRACE (logsStatement? NEWLINE)* RBRACE
    ;

logsStatement
    : GROUP value=text                                       #logGroupStatement
    | RETENTION value=QUANTITY                               #logRetentionStatement
    | STREAM_PREFIX value=text                               #logStreamPrefixStatement
    ;

sidecarBody
    : LBRACE (sidecarStatement? NEWLINE)* RBRACE
    ;

sidecarStatement
    : containerStatement                                     #sidecarContainerStatement
    | ESSENTIAL value=toggle                                 #essentialStatement
    ;

// ---------------------------------------------------------------- jobs

// A job is a task run on a schedule. Its task is said with a service's statements; which of them a
// job may hold (no replicas, scale, deploy or depends_on) is decided by AstBuilder, so a `replicas`
// in a job gets a sentence instead of a parse error.
jobBody
    : LBRACE (jobStatement? NEWLINE)* RBRACE
    ;

jobStatement
    : SCHEDULE expression=text (IN zone=text)?               #scheduleStatement
    | ENABLED value=toggle                                   #enabledStatement
    | FLEXIBLE_WINDOW value=QUANTITY                         #flexibleWindowStatement
    | RETRIES value=NUMBER                                   #jobRetriesStatement
    | MAX_AGE value=QUANTITY                                 #maxAgeStatement
    | serviceStatement                                       #jobTaskStatement
    ;

// ---------------------------------------------------------------- build recipes

buildRecipe
    : stepsBody                                              #stepsRecipe
    | preset=identifier presetBody                           #presetRecipe
    ;

stepsBody
    : LBRACE (buildStep? NEWLINE)* RBRACE
    ;

buildStep
    : FROM image=text                                        #fromStep
    | WORKDIR path=text                                      #workdirStep
    | COPY sources+=text+                                    #copyStep
    | RUN command=commandForm                                #runStep
    | ENV name=word EQ value=scalar                          #envStep
    | ARG name=word (EQ value=scalar)?                       #argStep
    | USER name=text                                         #userStep
    | CMD command=commandForm                                #cmdStep
    | ENTRYPOINT command=commandForm                         #entrypointStep
    ;

commandForm
    : STRING                                                 #shellForm
    | stringList                                             #execForm
    ;

presetBody
    : LBRACE (presetSetting? NEWLINE)* RBRACE
    ;

// Preset settings are name/value pairs; which names a preset accepts is the checker's business,
// so a misspelt setting gets a "did you mean" instead of a parse error.
presetSetting
    : name=identifier value=scalar
    ;

// ---------------------------------------------------------------- values

scalar
    : STRING                                                 #stringValue
    | QUANTITY                                               #quantityValue
    | word                                                   #wordValue
    ;

text
    : STRING                                                 #quotedText
    | word                                                   #bareText
    ;

stringList
    : LBRACKET NEWLINE* (STRING (COMMA NEWLINE* STRING)* COMMA? NEWLINE*)? RBRACKET
    ;

wordList
    : word (COMMA NEWLINE* word)*
    ;

identifierList
    : identifier (COMMA NEWLINE* identifier)*
    ;

toggle
    : ON | OFF | TRUE | FALSE
    ;

word
    : WORD
    | NUMBER
    | VERSION
    | nonReserved
    ;

identifier
    : WORD
    | nonReserved
    ;

// Keywords that may still be used as names and bare values, so that a service can be called
// `api` or `worker` and a tag can be `key = "x"` without quoting. Keep in step with the lexer.
nonReserved
    : APP | SERVICE | SIDECAR | STAGE | VAR | REGION | ACCOUNT | CLUSTER | EXECUTION_ROLE | TASK_ROLE
    | REGISTRY | IMAGES | KEEP
    | NETWORK | SUBNETS | SECURITY_GROUPS | PUBLIC_IP | TAGS | NAMESPACE | IMAGE | BUILD | PORT
    | TARGET_GROUP | OFFER | AS
    | ENV | SECRET | FROM | KEY | SSM | VERSION_STAGE | VERSION_ID | CPU | MEMORY | HEALTH | EVERY | TIMEOUT | RETRIES | GRACE
    | NONE | REPLICAS | SCALE | DEPLOY | MIN_HEALTHY | MAX_PERCENT | CIRCUIT_BREAKER | ROLLBACK
    | HEALTH_GRACE | LOGS | GROUP | RETENTION | STREAM_PREFIX | COMMAND | ENTRYPOINT | DEPENDS_ON
    | ESSENTIAL | COOLDOWN | WORKDIR | COPY | RUN | CMD | USER | ARG | PACKAGE | BINARY | TOOLCHAIN
    | START | NODE | SCRIPT | CONTEXT
    | ARCHITECTURE | EPHEMERAL_STORAGE | EXEC | STOP_TIMEOUT | READ_ONLY | INIT | ULIMIT | STARTS_AFTER
    | CAPACITY | BASE | VOLUME | EFS | ACCESS_POINT | ROOT | ENCRYPTED | IAM | MOUNT | AT
    | JOB | SCHEDULER_ROLE | SCHEDULE | IN | ENABLED | FLEXIBLE_WINDOW | MAX_AGE
    | BEFORE_DEPLOY
    | STRATEGY | BAKE | ALARMS | ALARM | FOR | ALTERNATE | RULE | TEST_RULE | ROLE
    | HOOK | LAMBDA | EARLY_SUCCESS | CLEANUP
    | LOAD_BALANCER | LISTENER | INTERNET_FACING | INTERNAL | CERTIFICATE | TLS_POLICY | ALLOW | ROUTE | MATCHER | INTERVAL | HEALTHY_THRESHOLD | DEREGISTRATION_DELAY | TEST_HEADER
    ;
