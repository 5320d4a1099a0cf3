package io.fgd.runtime.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.Artifact;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoServer;
import io.fgd.runtime.render.TextRenderer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * fgd plan through {@link FaultProxy} in front of moto, with the real SDK client: the faults AWS
 * really produces are retried with backoff and the plan comes out the same as without them; faults
 * that outlast the retry budget end in one sentence, never a stack trace.
 */
@ExtendWith(MotoExtension.class)
class PlanUnderFaultsIT {
  static List<Artifact> artifacts;
  MotoServer moto;
  String expected;

  @BeforeAll
  static void compileTheExample() throws Exception {
    Path spec = Path.of(System.getProperty("fgd.specs.dir", "../specs"), "examples", "sheets.fgd");
    artifacts =
        Compiler.compile(SourceFile.read(spec), new CompileOptions(Optional.of("abc123")))
            .artifacts();
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  @BeforeEach
  void planWithoutFaults(MotoServer moto) throws Exception {
    this.moto = moto;
    expected = plan(moto.endpoint().toString());
  }

  String plan(String endpoint) throws FgdRuntimeException {
    AwsSettings settings =
        new AwsSettings(
            Optional.empty(), Optional.of("us-west-1"), Optional.of(java.net.URI.create(endpoint)));
    return TextRenderer.render(Planner.plan("sheets", artifacts, settings).plan(), false);
  }

  @Test
  void throttlingIsRetriedAndThePlanIsTheSame() throws Exception {
    try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
      proxy
          .fail("DescribeServices", FaultProxy.Fault.THROTTLE, 2)
          .fail("DescribeClusters", FaultProxy.Fault.THROTTLE, 1);
      assertEquals(expected, plan(proxy.endpoint().toString()));
      assertEquals(3, proxy.injected());
      assertTrue(proxy.log().contains("DescribeServices:THROTTLE"), proxy.log().toString());
    }
  }

  @Test
  void serverErrorsAreRetried() throws Exception {
    try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
      proxy
          .fail("DescribeServices", FaultProxy.Fault.SERVER_ERROR, 1)
          .fail("DescribeLogGroups", FaultProxy.Fault.UNAVAILABLE, 2);
      assertEquals(expected, plan(proxy.endpoint().toString()));
      assertEquals(3, proxy.injected());
    }
  }

  @Test
  void droppedConnectionsAreRetried() throws Exception {
    try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
      proxy
          .fail("DescribeClusters", FaultProxy.Fault.DROP, 1)
          .fail("DescribeServices", FaultProxy.Fault.DROP, 1);
      assertEquals(expected, plan(proxy.endpoint().toString()));
      assertEquals(2, proxy.injected());
    }
  }

  @Test
  void slowAnswersOnlyMakeItSlower() throws Exception {
    try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
      proxy.slowBy(1500).fail("DescribeServices", FaultProxy.Fault.SLOW, 2);
      assertEquals(expected, plan(proxy.endpoint().toString()));
      assertTrue(proxy.log().contains("DescribeServices:SLOW"), proxy.log().toString());
    }
  }

  @Test
  void throttlingBeyondTheRetryBudgetIsOneSentence() throws Exception {
    try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
      proxy.fail("DescribeServices", FaultProxy.Fault.THROTTLE, 100);
      FgdRuntimeException e =
          assertThrows(FgdRuntimeException.class, () -> plan(proxy.endpoint().toString()));
      assertTrue(e.getMessage().toLowerCase().contains("throttl"), e.getMessage());
      assertFalse(e.getMessage().contains("\n\tat "), e.getMessage());
      assertTrue(proxy.injected() >= 3, "retried before giving up: " + proxy.log());
    }
  }

  @Test
  void persistentOutageIsOneSentence() throws Exception {
    try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
      proxy.fail("DescribeClusters", FaultProxy.Fault.UNAVAILABLE, 100);
      FgdRuntimeException e =
          assertThrows(FgdRuntimeException.class, () -> plan(proxy.endpoint().toString()));
      assertTrue(e.getMessage().contains("even after retries"), e.getMessage());
      assertFalse(e.getMessage().contains("\n\tat "), e.getMessage());
    }
  }
}
