package io.fgd.compiler.emit.docker;

import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.PresetBuild;
import io.fgd.compiler.ir.Service;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code build node { start "node dist/main.js" }}: an npm project installed from its lockfile,
 * built, pruned to production dependencies, and run by the image's unprivileged {@code node} user.
 *
 * <p>{@code npm ci} runs in a layer that only package.json and package-lock.json invalidate. The
 * build stage keeps npm's cache and the dev dependencies; the runtime stage gets the pruned project
 * and {@code NODE_ENV=production}. Both stages use the same Node.js image, so native modules built
 * in one load in the other.
 */
final class NodePreset {
  private NodePreset() {}

  /** The uid and gid of the {@code node} user the official Node.js images create. */
  static final int NODE_UID = 1000;

  /** The npm script the preset runs unless {@code script} says otherwise. */
  static final String DEFAULT_SCRIPT = "build";

  /** {@code script none}: the project has nothing to build (plain JavaScript). */
  static final String NO_SCRIPT = "none";

  /** Words a start command can be split on without changing its meaning (no shell syntax). */
  private static final Pattern PLAIN_ARGV =
      Pattern.compile("[A-Za-z0-9_./:=@%+,-]+( +[A-Za-z0-9_./:=@%+,-]+)*");

  static String dockerfile(Service service, PresetBuild preset) {
    String start = preset.setting("start").map(Located::value).orElseThrow();
    String version = preset.setting("node").map(Located::value).orElse(BaseImages.NODE_DEFAULT);
    String script = preset.setting("script").map(Located::value).orElse(DEFAULT_SCRIPT);
    String context = Dockerfiles.contextPrefix(preset.setting("context"));
    String image = BaseImages.node(version);
    String buildAndPrune =
        script.equals(NO_SCRIPT)
            ? "RUN npm prune --omit=dev\n"
            : "RUN npm run " + script + " \\\n && npm prune --omit=dev\n";
    return Dockerfiles.header(service)
        + "\n"
        + "FROM "
        + image
        + " AS build\n"
        + "WORKDIR /app\n"
        + "# Dependencies only: reused until the manifest or the lockfile changes.\n"
        + "COPY "
        + Dockerfiles.copyArguments(
            List.of(context + "package.json", context + "package-lock.json", "./"))
        + "\n"
        + "RUN npm ci\n"
        + "COPY "
        + Dockerfiles.copyArguments(List.of(context.isEmpty() ? "." : context, "./"))
        + "\n"
        + buildAndPrune
        + "\n"
        + "FROM "
        + image
        + "\n"
        + "ENV NODE_ENV=production\n"
        + "WORKDIR /app\n"
        + "COPY --from=build /app ./\n"
        + "# node, the image's unprivileged user, by id.\n"
        + "USER "
        + NODE_UID
        + ":"
        + NODE_UID
        + "\n"
        + Dockerfiles.expose(service)
        + "CMD "
        + Dockerfiles.json(startArgv(start))
        + "\n";
  }

  /**
   * {@code node dist/main.js} as {@code ["node", "dist/main.js"]}, so node is PID 1 and gets
   * SIGTERM; a command with shell syntax (quotes, $, &&, pipes) runs through {@code /bin/sh -c}.
   */
  static List<String> startArgv(String start) {
    String trimmed = start.strip();
    if (PLAIN_ARGV.matcher(trimmed).matches()) {
      return Arrays.asList(trimmed.split(" +"));
    }
    return List.of("/bin/sh", "-c", start);
  }
}
