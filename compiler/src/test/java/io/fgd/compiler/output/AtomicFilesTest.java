package io.fgd.compiler.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fgd.compiler.Artifact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path tmp;

  @BeforeEach
  void posix() {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
  }

  private static Set<PosixFilePermission> mode(Path p) throws IOException {
    return Files.getPosixFilePermissions(p);
  }

  /** What the umask gives a new file: one made the ordinary way. */
  private Set<PosixFilePermission> umaskFile() throws IOException {
    Path file = tmp.resolve("ordinary-file");
    return mode(Files.exists(file) ? file : Files.createFile(file));
  }

  private Set<PosixFilePermission> umaskFolder() throws IOException {
    Path folder = tmp.resolve("ordinary-folder");
    return mode(Files.exists(folder) ? folder : Files.createDirectory(folder));
  }

  @Test
  void aReplacedFileKeepsItsModeAndANewOneGetsTheUmasks() throws IOException {
    Path spec = Files.writeString(tmp.resolve("app.fgd"), "old");
    Files.setPosixFilePermissions(spec, PosixFilePermissions.fromString("rw-r-----"));
    AtomicFiles.write(spec, "new".getBytes(StandardCharsets.UTF_8));
    assertEquals("new", Files.readString(spec));
    assertEquals(PosixFilePermissions.fromString("rw-r-----"), mode(spec));

    Path fresh = tmp.resolve("sub/fresh.plan");
    AtomicFiles.write(fresh, "x".getBytes(StandardCharsets.UTF_8));
    assertEquals(umaskFile(), mode(fresh));
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(
          List.of("app.fgd", "ordinary-file", "sub"),
          left.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary file left behind");
    }
  }

  @Test
  void aLinkIsWrittenThrough() throws IOException {
    Path real = Files.writeString(tmp.resolve("real.fgd"), "old");
    Path link = Files.createSymbolicLink(tmp.resolve("link.fgd"), real.getFileName());
    AtomicFiles.write(link, "new".getBytes(StandardCharsets.UTF_8));
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("new", Files.readString(real));
  }

  @Test
  void createRefusesAnExistingFile() throws IOException {
    Path there = Files.writeString(tmp.resolve("there.fgd"), "mine");
    assertThrows(
        FileAlreadyExistsException.class,
        () -> AtomicFiles.create(there, "theirs".getBytes(StandardCharsets.UTF_8)));
    assertEquals("mine", Files.readString(there));
    Path fresh = tmp.resolve("fresh.fgd");
    AtomicFiles.create(fresh, "new".getBytes(StandardCharsets.UTF_8));
    assertArrayEquals("new".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(fresh));
    assertEquals(umaskFile(), mode(fresh));
  }

  @Test
  void anOutputFolderGetsTheUmasksModeOrKeepsItsOwn() throws Exception {
    List<Artifact> artifacts =
        List.of(new Artifact("web/taskdef.json", "{}\n".getBytes(StandardCharsets.UTF_8)));
    Path out = tmp.resolve("out");
    OutputFolder.replace(out, artifacts);
    assertEquals(umaskFolder(), mode(out), "a new output folder is not private");
    assertEquals(umaskFolder(), mode(out.resolve("web")));
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-x---"));
    OutputFolder.replace(out, artifacts);
    assertEquals(PosixFilePermissions.fromString("rwxr-x---"), mode(out), "kept on replace");
  }
}
