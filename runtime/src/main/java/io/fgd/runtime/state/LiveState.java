package io.fgd.runtime.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads what exists in the account. Every method is safe to call from several threads. */
public interface LiveState {
  /**
   * The most names {@link #readServices} reads in one call (DescribeServices takes 10); a caller
   * that wants larger sets read in parallel splits them into batches of this size.
   */
  int SERVICES_PER_READ = 10;

  /** Whether the cluster exists and is ACTIVE. */
  boolean readCluster(String cluster) throws FgdRuntimeException;

  /**
   * The named services that exist in the cluster (any status), by name; missing names are absent.
   */
  Map<String, ObservedService> readServices(String cluster, Collection<String> names)
      throws FgdRuntimeException;

  /** A task definition in ECS wire shape with its {@code tags}. */
  ObjectNode readTaskDefinition(String arn) throws FgdRuntimeException;

  /** The scalable target and policies of an ECS service, if it has a target. */
  Map<String, ObservedScaling> readScaling(String cluster, Collection<String> services)
      throws FgdRuntimeException;

  /** The named log groups that exist, with their retention, by name; missing names are absent. */
  Map<String, ObservedLogGroup> readLogGroups(Collection<String> names) throws FgdRuntimeException;

  /**
   * ACTIVE services in the cluster tagged {@code fgd:app=<app>}, excluding the names in {@code
   * except}: what the spec used to have.
   */
  Map<String, ObservedService> listOwnedServices(String cluster, String app, Set<String> except)
      throws FgdRuntimeException;

  /**
   * The names of the services in the cluster that are not deleted (ACTIVE or DRAINING); none when
   * the cluster does not exist.
   */
  List<String> listServiceNames(String cluster) throws FgdRuntimeException;

  /** Number of AWS API calls made so far, for {@code --debug}. */
  int apiCalls();
}
