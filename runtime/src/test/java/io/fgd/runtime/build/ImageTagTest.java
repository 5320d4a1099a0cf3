package io.fgd.runtime.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image tag default, against a real git repository made in a temporary folder. */
class ImageTagTest {
  @TempDir Path tmp;

  private String git(Path dir, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("git", "-C", dir.toString()));
    argv.addAll(
        List.of(
            "-c",
            "user.name=fgd test",
            "-c",
            "user.email=test@example.invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main"));
    argv.addAll(List.of(args));
    List<String> out = new ArrayList<>();
    Processes.Result r = Processes.plain().run(argv, null, null, out::add, 60);
    assertEquals(0, r.exitCode(), String.join("\n", out));
    return String.join("\n", out).strip();
  }

  private Path repoWithOneCommit() throws Exception {
    Path repo = tmp.resolve("repo");
    Path deploy = Files.createDirectories(repo.resolve("deploy"));
    git(repo, "init", "-q");
    Files.writeString(deploy.resolve("app.fgd"), "app a {}\n");
    Files.writeString(repo.resolve("main.rs"), "fn main() {}\n");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "first");
    return repo;
  }

  @Test
  void aCleanWorkTreeGivesTheCommitsShortSha() throws Exception {
    Path repo = repoWithOneCommit();
    String sha = git(repo, "rev-parse", "HEAD");
    Optional<ImageTag> tag = ImageTag.fromGit(repo.resolve("deploy"), Processes.plain());
    assertEquals(Optional.of(new ImageTag(sha.substring(0, 12), true, false)), tag);
    assertTrue(ImageTag.valid(tag.get().value()));
  }

  @Test
  void aChangedTrackedFileMakesItDirty() throws Exception {
    Path repo = repoWithOneCommit();
    String sha = git(repo, "rev-parse", "HEAD");
    Files.writeString(repo.resolve("main.rs"), "fn main() { println!(\"x\"); }\n");
    ImageTag tag = ImageTag.fromGit(repo.resolve("deploy"), Processes.plain()).orElseThrow();
    assertEquals(sha.substring(0, 12) + "-dirty", tag.value());
    assertTrue(tag.dirty());
    assertTrue(tag.dirtyWarning().contains(tag.value()), tag.dirtyWarning());
    assertTrue(ImageTag.valid(tag.value()));
  }

  @Test
  void aStagedChangeIsDirtyToo() throws Exception {
    Path repo = repoWithOneCommit();
    Files.writeString(repo.resolve("main.rs"), "changed\n");
    git(repo, "add", "main.rs");
    assertTrue(ImageTag.fromGit(repo, Processes.plain()).orElseThrow().dirty());
  }

  @Test
  void untrackedFilesDoNotMakeItDirty() throws Exception {
    Path repo = repoWithOneCommit();
    Files.writeString(repo.resolve("notes.txt"), "scratch\n");
    ImageTag tag = ImageTag.fromGit(repo, Processes.plain()).orElseThrow();
    assertFalse(tag.dirty());
    assertFalse(tag.value().endsWith("-dirty"));
  }

  @Test
  void aNewCommitGivesANewTag() throws Exception {
    Path repo = repoWithOneCommit();
    String first = ImageTag.fromGit(repo, Processes.plain()).orElseThrow().value();
    Files.writeString(repo.resolve("main.rs"), "second\n");
    git(repo, "commit", "-q", "-am", "second");
    String second = ImageTag.fromGit(repo, Processes.plain()).orElseThrow().value();
    assertFalse(first.equals(second));
    assertEquals(git(repo, "rev-parse", "--short=12", "HEAD"), second);
  }

  @Test
  void outsideAWorkTreeThereIsNoDefault() throws Exception {
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    assertEquals(Optional.empty(), ImageTag.fromGit(plain, Processes.plain()));
  }

  @Test
  void aRepositoryWithoutACommitHasNoDefault() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("empty"));
    git(repo, "init", "-q");
    assertEquals(Optional.empty(), ImageTag.fromGit(repo, Processes.plain()));
  }

  @Test
  void tagsARegistryWouldRefuseAreInvalid() {
    assertTrue(ImageTag.valid("1.4.2"));
    assertTrue(ImageTag.valid("abc_DEF-1"));
    assertFalse(ImageTag.valid("-leading-dash"));
    assertFalse(ImageTag.valid("has space"));
    assertFalse(ImageTag.valid("a/b"));
    assertFalse(ImageTag.valid("x".repeat(129)));
  }
}
