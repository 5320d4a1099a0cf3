package io.fgd.runtime.build;

import io.fgd.runtime.FgdRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tag of the images fgd builds from source: {@code --image-tag} when given, else, in a git work
 * tree, the commit's short SHA (its first {@value #SHA_LENGTH} hex digits, the same in every clone,
 * shallow or not), with {@code -dirty} when tracked files have uncommitted changes. The same
 * default serves build, plan and apply, so the tag a CI job builds is the tag it deploys.
 *
 * @param value the tag
 * @param fromGit whether it is the default from git rather than {@code --image-tag}
 * @param dirty whether the work tree had uncommitted changes to tracked files
 */
public record ImageTag(String value, boolean fromGit, boolean dirty) {
  public static final int SHA_LENGTH = 12;

  /** What a registry accepts as a tag (the OCI distribution spec's). */
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

  public static ImageTag given(String tag) {
    return new ImageTag(tag, false, false);
  }

  /** Whether a registry would take {@code tag}. */
  public static boolean valid(String tag) {
    return TAG.matcher(tag).matches();
  }

  /** The warning to print with a dirty tag. */
  public String dirtyWarning() {
    return "Warning: the git work tree has uncommitted changes to tracked files, so images are"
        + " tagged "
        + value
        + ": commit them for a tag that names what was built.";
  }

  /**
   * The default tag for the spec in {@code folder}: from the git work tree that holds it, or empty
   * when it is in none (or git is not installed, or the repository has no commit yet).
   */
  public static Optional<ImageTag> fromGit(Path folder, Processes processes)
      throws FgdRuntimeException {
    // No lock files for a read (git status may otherwise refresh the index), no pager, no prompt.
    Processes git =
        processes.withEnvironment(
            Map.of("GIT_OPTIONAL_LOCKS", "0", "GIT_TERMINAL_PROMPT", "0", "LC_ALL", "C"));
    if (Processes.onPath("git", System.getenv()).isEmpty()) {
      return Optional.empty();
    }
    List<String> head = new ArrayList<>();
    Processes.Result sha;
    try {
      sha =
          git.run(
              List.of("git", "-C", folder.toString(), "rev-parse", "--verify", "-q", "HEAD"),
              null,
              null,
              head::add,
              30);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FgdRuntimeException("Interrupted while asking git for the commit.", e);
    }
    if (!sha.ok() || head.size() != 1 || !SHA.matcher(head.get(0).strip()).matches()) {
      return Optional.empty();
    }
    List<String> changed = new ArrayList<>();
    Processes.Result status;
    try {
      status =
          git.run(
              List.of(
                  "git",
                  "-C",
                  folder.toString(),
                  "status",
                  "--porcelain",
                  "--untracked-files=no",
                  "--ignore-submodules=none"),
              null,
              null,
              changed::add,
              60);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FgdRuntimeException("Interrupted while asking git for the commit.", e);
    }
    if (!status.ok()) {
      throw new FgdRuntimeException(
          "git status failed in "
              + folder
              + " (exit code "
              + status.exitCode()
              + "), so fgd cannot tell whether the work tree is clean:\n"
              + status.indentedTail()
              + "\nPass --image-tag TAG to choose the tag.");
    }
    boolean dirty = changed.stream().anyMatch(l -> !l.isBlank());
    String value = head.get(0).strip().substring(0, SHA_LENGTH) + (dirty ? "-dirty" : "");
    return Optional.of(new ImageTag(value, true, dirty));
  }
}
