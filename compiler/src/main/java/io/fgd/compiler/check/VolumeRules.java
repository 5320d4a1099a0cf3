package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.diag.Suggestions;
import io.fgd.compiler.ir.Container;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Sidecar;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.ir.Volume;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules for a task's volumes and the containers' mounts, as the ECS API reference states them.
 *
 * <p>Volume.name: "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens".
 * EFSAuthorizationConfig: "If an access point is specified, the root directory value specified in
 * the EFSVolumeConfiguration must either be omitted or set to / ... If an access point is used,
 * transit encryption must be on", and for iam "If it is turned on, transit encryption must be
 * turned on". The ids are the EFS API reference's FileSystemId ({@code fs-} and 8 to 40 hexadecimal
 * digits) and AccessPointId ({@code fsap-} and 8 to 40).
 */
final class VolumeRules {
  private VolumeRules() {}

  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  static final Pattern FILE_SYSTEM = Pattern.compile("fs-[0-9a-f]{8,40}");
  static final Pattern ACCESS_POINT = Pattern.compile("fsap-[0-9a-f]{8,40}");

  static void check(Spec spec, Diagnostics diagnostics) {
    boolean taskRole = spec.app().flatMap(a -> a.taskRole()).isPresent();
    for (Service service : spec.services()) {
      Map<String, Volume> volumes = new LinkedHashMap<>();
      for (Volume v : service.settings().volumes()) {
        String name = v.name().value();
        if (!NAME.matcher(name).matches()) {
          diagnostics.error("volume.name", v.name().span(), name);
        }
        Volume first = volumes.putIfAbsent(name, v);
        if (first != null) {
          diagnostics.errorWithContext(
              "volume.duplicate",
              v.name().span(),
              first.name().span(),
              name,
              first.span().startLine());
        }
        v.efs().ifPresent(efs -> efs(efs, diagnostics));
        // EFSAuthorizationConfig.iam: "use the Amazon ECS task role defined in a task definition".
        v.efs()
            .flatMap(Volume.Efs::iam)
            .filter(s -> !taskRole)
            .ifPresent(s -> diagnostics.warning("volume.iamNoTaskRole", s, name));
      }
      Map<String, Container> containers = new LinkedHashMap<>();
      containers.put(service.name().value(), service.container());
      for (Sidecar sidecar : service.sidecars()) {
        containers.putIfAbsent(sidecar.name().value(), sidecar.container());
      }
      Set<String> mounted = new HashSet<>();
      for (Container c : containers.values()) {
        Map<String, Volume.Mount> paths = new HashMap<>();
        for (Volume.Mount m : c.settings().mounts()) {
          String volume = m.volume().value();
          mounted.add(volume);
          if (!volumes.containsKey(volume)) {
            diagnostics.error(
                "mount.unknownVolume",
                m.volume().span(),
                volume,
                Suggestions.didYouMean(volume, volumes.keySet()));
          }
          String path = m.path().value();
          if (!path.startsWith("/")) {
            diagnostics.error("mount.relative", m.path().span(), path);
          }
          Volume.Mount other = paths.putIfAbsent(path, m);
          if (other != null) {
            diagnostics.errorWithContext(
                "mount.duplicatePath",
                m.path().span(),
                other.path().span(),
                path,
                other.span().startLine());
          }
        }
      }
      List<Volume> unused = new ArrayList<>();
      volumes.values().stream()
          .filter(v -> !mounted.contains(v.name().value()))
          .forEach(unused::add);
      for (Volume v : unused) {
        diagnostics.warning("volume.unused", v.name().span(), v.name().value());
      }
    }
  }

  private static void efs(Volume.Efs efs, Diagnostics diagnostics) {
    Located<String> id = efs.fileSystemId();
    if (!FILE_SYSTEM.matcher(id.value()).matches()) {
      diagnostics.error("volume.fileSystemId", id.span(), id.value());
    }
    efs.accessPoint()
        .filter(a -> !ACCESS_POINT.matcher(a.value()).matches())
        .ifPresent(a -> diagnostics.error("volume.accessPointId", a.span(), a.value()));
    efs.root()
        .ifPresent(
            r -> {
              if (!r.value().startsWith("/")) {
                diagnostics.error("volume.rootRelative", r.span(), r.value());
              } else if (efs.accessPoint().isPresent() && !r.value().equals("/")) {
                diagnostics.errorWithContext(
                    "volume.rootWithAccessPoint",
                    r.span(),
                    efs.accessPoint().get().span(),
                    r.value());
              }
            });
    if (efs.encrypted().isEmpty()) {
      efs.accessPoint()
          .ifPresent(a -> diagnostics.error("volume.needsEncryption", a.span(), "access_point"));
      efs.iam().ifPresent(s -> diagnostics.error("volume.needsEncryption", s, "iam"));
    }
    efs.port()
        .filter(p -> p.value() < 1 || p.value() > 65535)
        .ifPresent(p -> diagnostics.error("volume.port", p.span(), p.value()));
  }
}
