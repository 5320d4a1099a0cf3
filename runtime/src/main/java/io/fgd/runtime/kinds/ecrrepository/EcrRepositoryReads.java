package io.fgd.runtime.kinds.ecrrepository;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.Arns;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ReadScope;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedService;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;

/**
 * How the plan reads ECR repositories, in the Observer's two waves: first the spec's repositories,
 * up to {@value #NAMES_PER_REQUEST} names per DescribeRepositories; then, on the read pool beside
 * the task definitions, each existing repository's lifecycle policy and tags (one
 * GetLifecyclePolicy and one ListTagsForResource each: ECR has no batch form of either), and the
 * repositories of services that left the spec (their tags and whether they hold images).
 */
public final class EcrRepositoryReads {
  /**
   * DescribeRepositories takes at most 100 names
   * (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DescribeRepositories.html).
   */
  static final int NAMES_PER_REQUEST = 100;

  /** The spec's repositories that exist, by repository name. */
  public static final String KEY = "ecr_repository";

  /** Their lifecycle policies and tags, by repository name. */
  public static final String DETAILS = "ecr_repository_details";

  /** The repositories of services that left the spec and carry the app's tag, by service. */
  public static final String ORPHANS = "ecr_repository_orphans";

  private EcrRepositoryReads() {}

  /** How fgd reads ECR repositories; tests fake it. */
  public interface Api {
    /**
     * The named repositories, by name; empty when one of them does not exist (DescribeRepositories
     * then fails as a whole, with RepositoryNotFoundException).
     */
    Optional<Map<String, ObservedRepository>> describe(String registryId, Collection<String> names)
        throws FgdRuntimeException;

    /** The repository's lifecycle policy text; empty when it has none or is gone. */
    Optional<String> lifecyclePolicy(String registryId, String name) throws FgdRuntimeException;

    /** The repository's tags; empty when it has none or does not exist. */
    Map<String, String> tags(String arn) throws FgdRuntimeException;

    /** Whether the repository holds at least one image. */
    boolean hasImages(String registryId, String name) throws FgdRuntimeException;
  }

  public static Api api(LiveState live) {
    return live.reads(Api.class, Sdk::new);
  }

  public static Map<String, ObservedRepository> repositories(ObservedState observed) {
    return observed.get(KEY, Map.of());
  }

  public static Map<String, ObservedRepository.Details> details(ObservedState observed) {
    return observed.get(DETAILS, Map.of());
  }

  public static Map<String, ObservedRepository.Orphan> orphans(ObservedState observed) {
    return observed.get(ORPHANS, Map.of());
  }

  /** The spec's repositories by registry: {@code ecr.json}'s CreateRepository requests. */
  static Map<String, List<String>> wanted(Collection<DesiredService> services) {
    Map<String, List<String>> out = new TreeMap<>();
    for (DesiredService s : services) {
      s.repository()
          .ifPresent(
              r -> {
                ObjectNode create = (ObjectNode) r.path("repository");
                out.computeIfAbsent(create.path("registryId").asText(), k -> new ArrayList<>())
                    .add(create.path("repositoryName").asText());
              });
    }
    return out;
  }

  static final List<KindRead> READS =
      List.of(
          new KindRead() {
            @Override
            public String key() {
              return KEY;
            }

            @Override
            public ReadScope.Pending<?> start(ReadScope scope) {
              Api api = api(scope.live());
              List<String[]> keys = new ArrayList<>();
              List<List<String>> batches = new ArrayList<>();
              List<ReadScope.Pending<Optional<Map<String, ObservedRepository>>>> parts =
                  new ArrayList<>();
              wanted(scope.desired().services().values())
                  .forEach(
                      (registry, names) -> {
                        for (int i = 0; i < names.size(); i += NAMES_PER_REQUEST) {
                          List<String> batch =
                              List.copyOf(
                                  names.subList(i, Math.min(names.size(), i + NAMES_PER_REQUEST)));
                          keys.add(new String[] {registry});
                          batches.add(batch);
                          parts.add(scope.fork(() -> api.describe(registry, batch)));
                        }
                      });
              return () -> {
                Map<String, ObservedRepository> all = new TreeMap<>();
                List<ReadScope.Pending<Optional<Map<String, ObservedRepository>>>> ones =
                    new ArrayList<>();
                for (int i = 0; i < parts.size(); i++) {
                  Optional<Map<String, ObservedRepository>> found = parts.get(i).join();
                  if (found.isPresent()) {
                    all.putAll(found.get());
                    continue;
                  }
                  if (batches.get(i).size() == 1) {
                    continue; // the one name does not exist
                  }
                  // A name of the batch does not exist (a plan that creates repositories): each
                  // name is asked alone, all at once, one round trip more.
                  String registry = keys.get(i)[0];
                  for (String name : batches.get(i)) {
                    ones.add(scope.fork(() -> api.describe(registry, List.of(name))));
                  }
                }
                for (var one : ones) {
                  one.join().ifPresent(all::putAll);
                }
                return all;
              };
            }
          },
          new KindRead() {
            @Override
            public String key() {
              return DETAILS;
            }

            @Override
            public List<String> after() {
              return List.of(KEY);
            }

            @Override
            public ReadScope.Pending<?> start(ReadScope scope) {
              Api api = api(scope.live());
              Map<String, ReadScope.Pending<Optional<String>>> policies = new LinkedHashMap<>();
              Map<String, ReadScope.Pending<Map<String, String>>> tags = new LinkedHashMap<>();
              repositories(scope.observed())
                  .forEach(
                      (name, r) -> {
                        policies.put(
                            name, scope.fork(() -> api.lifecyclePolicy(r.registryId(), name)));
                        tags.put(name, scope.fork(() -> api.tags(r.arn())));
                      });
              return () -> {
                Map<String, ObservedRepository.Details> out = new TreeMap<>();
                for (String name : policies.keySet()) {
                  out.put(
                      name,
                      new ObservedRepository.Details(
                          policies.get(name).join(), tags.get(name).join()));
                }
                return out;
              };
            }
          },
          new KindRead() {
            @Override
            public String key() {
              return ORPHANS;
            }

            @Override
            public List<String> after() {
              return List.of(ObservedState.ORPHANS);
            }

            @Override
            public ReadScope.Pending<?> start(ReadScope scope) {
              Api api = api(scope.live());
              String prefix = prefix(scope.desired().app(), scope.desired().services().values());
              Map<String, ReadScope.Pending<Map<String, String>>> tags = new TreeMap<>();
              Map<String, ReadScope.Pending<Boolean>> images = new TreeMap<>();
              Map<String, String[]> where = new TreeMap<>();
              for (ObservedService s : scope.observed().orphans().values()) {
                // The repository's ARN is the task definition's, with ECR's resource: its
                // partition, region and account (the registry's id).
                Optional<Arn> arn = Arns.parse(s.taskDefinitionArn());
                if (arn.isEmpty()
                    || arn.get().region().isEmpty()
                    || arn.get().accountId().isEmpty()) {
                  continue;
                }
                String account = arn.get().accountId().get();
                String name = prefix + s.name();
                String repositoryArn =
                    "arn:"
                        + arn.get().partition()
                        + ":ecr:"
                        + arn.get().region().get()
                        + ":"
                        + account
                        + ":repository/"
                        + name;
                where.put(s.name(), new String[] {account, name});
                tags.put(s.name(), scope.fork(() -> api.tags(repositoryArn)));
                images.put(s.name(), scope.fork(() -> api.hasImages(account, name)));
              }
              String app = scope.desired().app();
              return () -> {
                Map<String, ObservedRepository.Orphan> out = new TreeMap<>();
                for (var e : tags.entrySet()) {
                  boolean ours = app.equals(e.getValue().join().get(AwsStateReader.OWNER_TAG));
                  boolean hasImages = images.get(e.getKey()).join();
                  if (ours) {
                    String[] w = where.get(e.getKey());
                    out.put(e.getKey(), new ObservedRepository.Orphan(w[0], w[1], hasImages));
                  }
                }
                return out;
              };
            }
          });

  /**
   * What comes before the service's name in its repository's: {@code APP/}, or the registry's path
   * and the app, as the spec's repositories show it.
   */
  static String prefix(String app, Collection<DesiredService> services) {
    for (DesiredService s : services) {
      if (s.repository().isPresent()) {
        String name = s.repository().get().path("repository").path("repositoryName").asText();
        if (name.endsWith("/" + s.name())) {
          return name.substring(0, name.length() - s.name().length());
        }
      }
    }
    return app + "/";
  }

  /** The reads over the SDK, each request counted. */
  private static final class Sdk implements Api {
    private final AwsStateReader reader;

    Sdk(AwsStateReader reader) {
      this.reader = reader;
    }

    @Override
    public Optional<Map<String, ObservedRepository>> describe(
        String registryId, Collection<String> names) throws FgdRuntimeException {
      Map<String, ObservedRepository> out = new TreeMap<>();
      try {
        for (Repository r :
            reader.call(
                "reading ECR repositories",
                () ->
                    reader
                        .clients()
                        .ecr()
                        .describeRepositories(b -> b.registryId(registryId).repositoryNames(names))
                        .repositories())) {
          out.put(r.repositoryName(), observed(r));
        }
        return Optional.of(out);
      } catch (FgdRuntimeException e) {
        if (e.getCause() instanceof RepositoryNotFoundException) {
          return Optional.empty();
        }
        throw e;
      }
    }

    @Override
    public Optional<String> lifecyclePolicy(String registryId, String name)
        throws FgdRuntimeException {
      try {
        return Optional.ofNullable(
            reader.call(
                "reading the lifecycle policy of ECR repository " + name,
                () ->
                    reader
                        .clients()
                        .ecr()
                        .getLifecyclePolicy(b -> b.registryId(registryId).repositoryName(name))
                        .lifecyclePolicyText()));
      } catch (FgdRuntimeException e) {
        if (e.getCause() instanceof LifecyclePolicyNotFoundException
            || e.getCause() instanceof RepositoryNotFoundException) {
          return Optional.empty();
        }
        throw e;
      }
    }

    @Override
    public Map<String, String> tags(String arn) throws FgdRuntimeException {
      try {
        Map<String, String> out = new TreeMap<>();
        for (Tag t :
            reader.call(
                "reading the tags of ECR repository " + Arns.resource(arn),
                () -> reader.clients().ecr().listTagsForResource(b -> b.resourceArn(arn)).tags())) {
          out.put(t.key(), t.value());
        }
        return out;
      } catch (FgdRuntimeException e) {
        if (e.getCause() instanceof RepositoryNotFoundException) {
          return Map.of();
        }
        throw e;
      }
    }

    @Override
    public boolean hasImages(String registryId, String name) throws FgdRuntimeException {
      try {
        return !reader
            .call(
                "listing the images of ECR repository " + name,
                () ->
                    reader
                        .clients()
                        .ecr()
                        .listImages(
                            b -> b.registryId(registryId).repositoryName(name).maxResults(1)))
            .imageIds()
            .isEmpty();
      } catch (FgdRuntimeException e) {
        if (e.getCause() instanceof RepositoryNotFoundException) {
          return false;
        }
        throw e;
      }
    }
  }

  static ObservedRepository observed(Repository r) {
    return new ObservedRepository(
        r.registryId(),
        r.repositoryName(),
        r.repositoryArn(),
        r.imageTagMutabilityAsString() == null ? "MUTABLE" : r.imageTagMutabilityAsString(),
        r.imageScanningConfiguration() != null
            && Boolean.TRUE.equals(r.imageScanningConfiguration().scanOnPush()),
        r.encryptionConfiguration() == null
            ? "AES256"
            : r.encryptionConfiguration().encryptionTypeAsString(),
        Optional.ofNullable(r.encryptionConfiguration())
            .map(c -> c.kmsKey())
            .filter(k -> !k.isEmpty()));
  }
}
