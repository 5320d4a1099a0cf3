package io.fgd.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The language server depends on the compiler only: no AWS SDK (and no fgd runtime) is on its class
 * path, so an editor never pays for loading it and the server cannot call AWS.
 */
class LspClasspathTest {
  @Test
  void noAwsSdkOrRuntimeIsOnTheClassPath() {
    List<String> entries =
        Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    assertTrue(entries.stream().anyMatch(e -> e.contains("lsp4j")), "not the module's class path");
    List<String> offenders =
        entries.stream()
            .filter(
                e ->
                    e.contains("software/amazon")
                        || e.contains("awssdk")
                        || e.contains("fgd-runtime")
                        || e.contains("runtime/target"))
            .toList();
    assertEquals(List.of(), offenders);
    assertThrows(
        ClassNotFoundException.class, () -> Class.forName("software.amazon.awssdk.core.SdkClient"));
    assertThrows(
        ClassNotFoundException.class, () -> Class.forName("io.fgd.runtime.aws.AwsClients"));
  }
}
