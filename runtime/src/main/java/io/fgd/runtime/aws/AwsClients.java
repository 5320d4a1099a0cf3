package io.fgd.runtime.aws;

import io.fgd.runtime.FgdRuntimeException;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/** The SDK clients fgd uses, sharing one HTTP client and one credentials chain. */
public final class AwsClients implements AutoCloseable {
  private final SdkHttpClient http;
  private final EcsClient ecs;
  private final ApplicationAutoScalingClient autoScaling;
  private final CloudWatchLogsClient logs;
  private final CallLog calls;
  // Clients of the services only some commands or specs use: made on first use, so a plan that
  // needs none of them loads none of their classes.
  private final Lazy<EcrClient> ecr;
  private final Lazy<SchedulerClient> scheduler;
  private final Lazy<CloudWatchClient> cloudWatch;
  private final Lazy<ElasticLoadBalancingV2Client> elb;
  private final Lazy<Ec2Client> ec2;
  private final Lazy<ServiceDiscoveryClient> cloudMap;

  private AwsClients(
      SdkHttpClient http,
      EcsClient ecs,
      ApplicationAutoScalingClient autoScaling,
      CloudWatchLogsClient logs,
      CallLog calls,
      Lazy.Maker maker) {
    this.http = http;
    this.calls = calls;
    this.ecs = ecs;
    this.autoScaling = autoScaling;
    this.logs = logs;
    this.ecr = new Lazy<>(() -> maker.make(EcrClient.builder()));
    this.scheduler = new Lazy<>(() -> maker.make(SchedulerClient.builder()));
    this.cloudWatch = new Lazy<>(() -> maker.make(CloudWatchClient.builder()));
    this.elb = new Lazy<>(() -> maker.make(ElasticLoadBalancingV2Client.builder()));
    this.ec2 = new Lazy<>(() -> maker.make(Ec2Client.builder()));
    this.cloudMap = new Lazy<>(() -> maker.make(ServiceDiscoveryClient.builder()));
  }

  /**
   * Builds clients from settings, with an explicit credentials provider (tests use static keys).
   */
  public static AwsClients create(AwsSettings settings, AwsCredentialsProvider credentials) {
    CallLog calls = new CallLog();
    SdkHttpClient http = httpClient(settings);
    ClientOverrideConfiguration override =
        ClientOverrideConfiguration.builder()
            // standard mode retries throttling with backoff, 3 attempts in all; a reached quota
            // is final (AwsErrors.isQuota)
            .retryStrategy(
                AwsRetryStrategy.standardRetryStrategy().toBuilder()
                    .doNotRetryWhen(r -> AwsErrors.isQuota(r.failure()))
                    .build())
            .apiCallTimeout(Duration.ofSeconds(60))
            .addExecutionInterceptor(calls)
            .build();
    return new AwsClients(
        http,
        configure(EcsClient.builder(), settings, credentials, override).httpClient(http).build(),
        configure(ApplicationAutoScalingClient.builder(), settings, credentials, override)
            .httpClient(http)
            .build(),
        configure(CloudWatchLogsClient.builder(), settings, credentials, override)
            .httpClient(http)
            .build(),
        calls,
        new Lazy.Maker() {
          @Override
          public <C, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C make(
              B builder) {
            return configure(builder, settings, credentials, override).httpClient(http).build();
          }
        });
  }

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The HTTP client the three clients share. The SDK's builder makes its TLS context when it builds
   * the client, loading and parsing the JDK's trust store (some 150 certificates): on a short-lived
   * process that was the larger part of making the clients (bench/RESULTS.md, round 6). An endpoint
   * given as plain {@code http://} (the sandbox, moto, LocalStack) never uses TLS, so it gets a
   * client that opens plain connections with the same timeouts and makes no TLS context; should a
   * request go to an {@code https} address all the same, the JDK's default TLS applies, verified as
   * usual. Every other case, real AWS included, keeps the SDK's builder and its proxy settings.
   */
  static SdkHttpClient httpClient(AwsSettings settings) {
    boolean plainHttp =
        settings.endpointUrl().map(u -> "http".equalsIgnoreCase(u.getScheme())).orElse(false);
    if (plainHttp) {
      return UrlConnectionHttpClient.create(
          uri -> {
            // Opening makes no connection (connecting is what sending does), so this only fails
            // on an address that is not a URL, which the SDK never builds.
            try {
              var c = (java.net.HttpURLConnection) uri.toURL().openConnection();
              c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
              c.setReadTimeout((int) SOCKET_TIMEOUT.toMillis());
              return c;
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
    }
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(CONNECT_TIMEOUT)
        .socketTimeout(SOCKET_TIMEOUT)
        .build();
  }

  /**
   * {@link #create(AwsSettings)} for a command: building a client resolves the region (and a named
   * profile) eagerly, so a bad one fails here, as one sentence rather than an SDK exception.
   */
  public static AwsClients connect(AwsSettings settings) throws FgdRuntimeException {
    try {
      return create(settings);
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "connecting to AWS", settings);
    }
  }

  /** Builds clients with the credentials the settings name (profile or the default chain). */
  public static AwsClients create(AwsSettings settings) {
    if (settings.sandbox()) {
      return create(
          settings,
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create(
                  io.fgd.runtime.sandbox.Sandbox.ACCESS_KEY,
                  io.fgd.runtime.sandbox.Sandbox.ACCESS_KEY)));
    }
    AwsCredentialsProvider credentials =
        settings
            .profile()
            .<AwsCredentialsProvider>map(
                p -> ProfileCredentialsProvider.builder().profileName(p).build())
            .orElseGet(DefaultCredentialsProvider::create);
    return create(settings, credentials);
  }

  private static <B extends AwsClientBuilder<B, ?>> B configure(
      B builder,
      AwsSettings settings,
      AwsCredentialsProvider credentials,
      ClientOverrideConfiguration override) {
    builder.credentialsProvider(credentials).overrideConfiguration(override);
    settings.region().ifPresent(r -> builder.region(Region.of(r)));
    settings.endpointUrl().ifPresent(builder::endpointOverride);
    return builder;
  }

  public EcsClient ecs() {
    return ecs;
  }

  public ApplicationAutoScalingClient autoScaling() {
    return autoScaling;
  }

  public CloudWatchLogsClient logs() {
    return logs;
  }

  /** The ECR client, made on first use. */
  public EcrClient ecr() {
    return ecr.get();
  }

  /** The EventBridge Scheduler client, made on first use. */
  public SchedulerClient scheduler() {
    return scheduler.get();
  }

  /** The CloudWatch client (metric alarms), made on first use. */
  public CloudWatchClient cloudWatch() {
    return cloudWatch.get();
  }

  /** The Elastic Load Balancing (v2) client, made on first use. */
  public ElasticLoadBalancingV2Client elb() {
    return elb.get();
  }

  /** The EC2 client (subnets' VPC, security groups), made on first use. */
  public Ec2Client ec2() {
    return ec2.get();
  }

  /**
   * The Cloud Map client (the Service Connect namespace), made on first use: a plan of an app
   * without Service Connect loads none of its classes.
   */
  public ServiceDiscoveryClient cloudMap() {
    return cloudMap.get();
  }

  /** Every API call these clients made, as the SDK saw it (one entry per call, not per retry). */
  public CallLog calls() {
    return calls;
  }

  @Override
  public void close() {
    ecs.close();
    autoScaling.close();
    logs.close();
    ecr.close();
    scheduler.close();
    cloudWatch.close();
    elb.close();
    ec2.close();
    cloudMap.close();
    http.close();
  }
}
