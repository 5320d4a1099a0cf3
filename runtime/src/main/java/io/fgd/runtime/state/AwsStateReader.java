package io.fgd.runtime.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.Arns;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsErrors;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.kinds.cluster.ClusterReads;
import io.fgd.runtime.kinds.loggroup.LogGroupReads;
import io.fgd.runtime.kinds.scalabletarget.ScalableTargetReads;
import io.fgd.runtime.kinds.service.ServiceReads;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionReads;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;

/** {@link LiveState} over the AWS SDK; counts every request it sends. */
public final class AwsStateReader implements LiveState {
  /** The tag fgd puts on everything it creates, with the app's name as value. */
  public static final String OWNER_TAG = "fgd:app";

  private final AwsClients clients;
  private final AwsSettings settings;
  private final AtomicInteger calls = new AtomicInteger();

  public AwsStateReader(AwsClients clients, AwsSettings settings) {
    this.clients = clients;
    this.settings = settings;
  }

  public AwsClients clients() {
    return clients;
  }

  public AwsSettings settings() {
    return settings;
  }

  @Override
  public int apiCalls() {
    return calls.get();
  }

  /** Makes one read, counted, its failure a message for the user naming {@code action}. */
  public <T> T call(String action, Supplier<T> request) throws FgdRuntimeException {
    calls.incrementAndGet();
    try {
      return request.get();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, action, settings);
    }
  }

  /** What to do with one page of a listing; false stops it before the next page is asked for. */
  public interface PageVisitor<P> {
    boolean visit(P page) throws FgdRuntimeException;
  }

  /**
   * Walks the pages of an SDK paginator, counting each request as {@link #call} does; the paginator
   * asks for a page only when the visitor wants the next one, so an early stop saves the requests.
   */
  public <P> void eachPage(String action, SdkIterable<P> pages, PageVisitor<P> visitor)
      throws FgdRuntimeException {
    Iterator<P> it = pages.iterator();
    while (true) {
      P page;
      try {
        if (!it.hasNext()) {
          return;
        }
        calls.incrementAndGet();
        page = it.next();
      } catch (SdkException e) {
        throw AwsErrors.translate(e, action, settings);
      }
      if (!visitor.visit(page)) {
        return;
      }
    }
  }

  @Override
  public Map<String, ObservedService> readServices(String cluster, Collection<String> names)
      throws FgdRuntimeException {
    Map<String, ObservedService> found = new LinkedHashMap<>();
    List<String> all = List.copyOf(names);
    for (int i = 0; i < all.size(); i += SERVICES_PER_READ) {
      List<String> batch = all.subList(i, Math.min(all.size(), i + SERVICES_PER_READ));
      for (ObservedService s : describeServices(cluster, batch)) {
        // Several services of one name can come back (a deleted INACTIVE one and its ACTIVE
        // successor); the live one wins.
        ObservedService previous = found.get(s.name());
        if (previous == null || previous.isGone()) {
          found.put(s.name(), s);
        }
      }
    }
    return found;
  }

  @Override
  public Map<String, ObservedService> listOwnedServices(
      String cluster, String app, Set<String> except) throws FgdRuntimeException {
    List<String> candidates = new ArrayList<>();
    for (String arn : listServiceArns(cluster)) {
      if (!except.contains(Arns.lastSegment(arn))) {
        candidates.add(arn);
      }
    }
    Map<String, ObservedService> owned = new LinkedHashMap<>();
    for (int i = 0; i < candidates.size(); i += SERVICES_PER_READ) {
      for (ObservedService s :
          describeServices(
              cluster, candidates.subList(i, Math.min(candidates.size(), i + SERVICES_PER_READ)))) {
        if (!s.isGone() && isOwnedBy(s, app)) {
          owned.put(s.name(), s);
        }
      }
    }
    return owned;
  }

  @Override
  public List<String> listServiceNames(String cluster) throws FgdRuntimeException {
    // ListServices answers with ARNs (of ACTIVE and DRAINING services); the name is the last part.
    return listServiceArns(cluster).stream().map(Arns::lastSegment).toList();
  }

  private static boolean isOwnedBy(ObservedService s, String app) {
    var tags = s.json().path("tags");
    for (var tag : tags) {
      if (OWNER_TAG.equals(tag.path("key").asText()) && app.equals(tag.path("value").asText())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean readCluster(String cluster) throws FgdRuntimeException {
    return ClusterReads.readCluster(this, cluster);
  }

  private List<ObservedService> describeServices(String cluster, List<String> namesOrArns)
      throws FgdRuntimeException {
    return ServiceReads.describeServices(this, cluster, namesOrArns);
  }

  private List<String> listServiceArns(String cluster) throws FgdRuntimeException {
    return ServiceReads.listServiceArns(this, cluster);
  }

  @Override
  public ObjectNode readTaskDefinition(String arn) throws FgdRuntimeException {
    return TaskDefinitionReads.readTaskDefinition(this, arn);
  }

  @Override
  public Map<String, ObservedScaling> readScaling(String cluster, Collection<String> services)
      throws FgdRuntimeException {
    return ScalableTargetReads.readScaling(this, cluster, services);
  }

  @Override
  public Map<String, ObservedLogGroup> readLogGroups(Collection<String> names)
      throws FgdRuntimeException {
    return LogGroupReads.readLogGroups(this, names);
  }

  /** Application Auto Scaling's name for an ECS service. */
  public static String resourceId(String cluster, String service) {
    return "service/" + cluster + "/" + service;
  }
}
