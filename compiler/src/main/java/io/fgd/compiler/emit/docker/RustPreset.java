package io.fgd.compiler.emit.docker;

import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.PresetBuild;
import io.fgd.compiler.ir.Service;
import java.util.List;

/**
 * {@code build rust { package server }}: a release build of one Cargo package, shipped alone on
 * Debian slim as an unprivileged user.
 *
 * <p>The builder compiles the dependencies first, against a stub {@code main.rs}, in a layer that
 * only Cargo.toml and Cargo.lock invalidate; editing sources then recompiles just the package. The
 * package must be a standalone crate with its Cargo.lock beside its Cargo.toml (at {@code
 * context}); a workspace needs build steps. The runtime stage gets the binary and the builder's CA
 * bundle (for outgoing TLS), and no toolchain.
 */
final class RustPreset {
  private RustPreset() {}

  /**
   * The unprivileged account the program runs as. USER names it by id: a name may not resolve
   * outside the image, and an id lets the runtime see it is not root.
   */
  static final String USER = "app";

  static final int UID = 10001;

  static String dockerfile(Service service, PresetBuild preset) {
    String pkg = preset.setting("package").map(Located::value).orElseThrow();
    String binary = preset.setting("binary").map(Located::value).orElse(pkg);
    String toolchain =
        preset.setting("toolchain").map(Located::value).orElse(BaseImages.RUST_DEFAULT);
    String context = Dockerfiles.contextPrefix(preset.setting("context"));
    String stubBuild = "cargo build --release --locked --package " + pkg;
    String build = stubBuild + " --bin " + binary;
    String installed = "/usr/local/bin/" + binary;
    return Dockerfiles.header(service)
        + "\n"
        + "FROM "
        + BaseImages.rustBuilder(toolchain)
        + " AS build\n"
        + "WORKDIR /src\n"
        + "# Dependencies only, built against an empty main: reused until the manifest or lock"
        + " changes.\n"
        + "COPY "
        + Dockerfiles.copyArguments(List.of(context + "Cargo.toml", context + "Cargo.lock", "./"))
        + "\n"
        + "RUN mkdir src \\\n"
        + " && echo 'fn main() {}' > src/main.rs \\\n"
        + " && "
        + stubBuild
        + " \\\n"
        + " && rm -rf src\n"
        + "COPY "
        + Dockerfiles.copyArguments(List.of(context.isEmpty() ? "." : context, "./"))
        + "\n"
        + "# The sources are older than the stub's build: touch them so cargo rebuilds the"
        + " package.\n"
        + "RUN find src -name '*.rs' -exec touch {} + \\\n"
        + " && "
        + build
        + "\n"
        + "\n"
        + "FROM "
        + BaseImages.DEBIAN_RUNTIME
        + "\n"
        + "RUN groupadd --system --gid "
        + UID
        + " "
        + USER
        + " \\\n"
        + " && useradd --system --uid "
        + UID
        + " --gid "
        + USER
        + " --no-create-home --shell /usr/sbin/nologin "
        + USER
        + "\n"
        + "COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt\n"
        + "COPY --from=build /src/target/release/"
        + binary
        + " "
        + installed
        + "\n"
        + "USER "
        + UID
        + ":"
        + UID
        + "\n"
        + Dockerfiles.expose(service)
        + "CMD "
        + Dockerfiles.json(List.of(installed))
        + "\n";
  }
}
