/**
 * Waiting truthfully for ECS service deployments during {@code fgd apply}.
 *
 * <p>{@link io.fgd.runtime.deploy.DeploymentWatcher} polls DescribeServices (and, when tasks fail,
 * ListTasks/DescribeTasks) until the deployment of a just-registered task definition reaches steady
 * state, fails, or the time runs out, and returns a {@link
 * io.fgd.runtime.deploy.DeploymentOutcome}. Progress goes to a {@link
 * io.fgd.runtime.deploy.ProgressListener}: {@link io.fgd.runtime.deploy.PlainProgress} for CI logs,
 * {@link io.fgd.runtime.deploy.LiveProgress} for a terminal. {@link
 * io.fgd.runtime.deploy.DeploymentWatcher#watchInFlight} waits the same way for a rollout this run
 * did not start.
 *
 * <p>{@link io.fgd.runtime.deploy.Rollout} says, from one DescribeServices answer, whether a live
 * service is steady, still rolling out or failed, and renders the line {@code fgd plan} shows for
 * it.
 */
package io.fgd.runtime.deploy;
