/**
 * {@code fgd plan} and {@code fgd apply}: what would change if the spec were applied, and applying
 * it.
 *
 * <p>Entry points for the CLI:
 *
 * <ul>
 *   <li>{@link io.fgd.runtime.engine.Planner#plan(String, java.util.List,
 *       io.fgd.runtime.aws.AwsSettings)}: compiled artifacts and AWS settings in, a {@link
 *       io.fgd.runtime.engine.PlanResult} out (the plan, what was observed, and the number of AWS
 *       calls for {@code --debug}); every failure is an {@link io.fgd.runtime.FgdRuntimeException}
 *       whose message is for the user as is.
 *   <li>{@link io.fgd.runtime.render.TextRenderer}, {@link io.fgd.runtime.render.JsonRenderer},
 *       {@link io.fgd.runtime.render.MarkdownRenderer}: the three renderings.
 *   <li>{@link io.fgd.runtime.engine.SavedPlan}: {@code --out FILE}.
 * </ul>
 *
 * <p>Build services planned without {@code --image-tag} should be compiled with the tag {@link
 * io.fgd.runtime.engine.DesiredState#KEEP_LIVE_IMAGE_TAG}: the plan then keeps the image that runs.
 *
 * <p>Inside: {@link io.fgd.runtime.engine.DesiredState} (from the artifacts' JSON), an {@code
 * Observer} that reads the account concurrently through a {@link io.fgd.runtime.state.LiveState},
 * and the pure {@link io.fgd.runtime.engine.Differ}, which asks each {@link
 * io.fgd.runtime.engine.Kind} of {@link io.fgd.runtime.engine.Kinds} for its changes; {@link
 * io.fgd.runtime.engine.Applier} applies them kind by kind in dependency order. The engine names no
 * kind: everything about one kind of AWS object is in its package under {@code
 * io.fgd.runtime.kinds}.
 */
package io.fgd.runtime.engine;
