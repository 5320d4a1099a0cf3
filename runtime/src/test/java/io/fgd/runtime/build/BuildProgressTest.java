package io.fgd.runtime.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The compact build view as pure functions: the steps it reads and the rows it prints. */
class BuildProgressTest {
  @Test
  void readsTheStepOfBuildahPodmanAndBuildx() {
    assertEquals(
        Optional.of(new BuildProgress.Row("api", 3, 6, "RUN cargo build")),
        BuildProgress.step("api", "STEP 3/6: RUN cargo build"));
    assertEquals(
        Optional.of(new BuildProgress.Row("api", 2, 5, "COPY src ./src")),
        BuildProgress.step("api", "#7 [2/5] COPY src ./src"));
    assertEquals(
        Optional.of(new BuildProgress.Row("api", 4, 4, "RUN npm ci")),
        BuildProgress.step("api", "#9 [build 4/4] RUN npm ci"));
    assertEquals(Optional.empty(), BuildProgress.step("api", "Compiling serde v1.0.210"));
  }

  @Test
  void rendersOneAlignedLinePerServiceCutToTheWidth() {
    List<String> rows =
        BuildProgress.render(
            List.of(
                new BuildProgress.Row("api", 3, 6, "RUN cargo build --release"),
                new BuildProgress.Row("worker", 0, 0, "waiting"),
                new BuildProgress.Row("web", 6, 6, "built and pushed r/shop/web:1 (sha256:ab)")),
            40);
    assertEquals(
        List.of(
            "api     step 3/6    RUN cargo build --r…",
            "worker              waiting",
            "web     step 6/6    built and pushed r/…"),
        rows);
  }

  @Test
  void aServicesLinesMoveItsRowAndFgdsLineEndsIt() {
    Map<String, BuildProgress.Row> rows = new LinkedHashMap<>();
    rows.put("api", new BuildProgress.Row("api", 0, 0, "waiting"));
    BuildProgress.Row step =
        BuildProgress.update(rows, "api | STEP 2/4: COPY . /srv").orElseThrow();
    assertEquals(new BuildProgress.Row("api", 2, 4, "COPY . /srv"), step);
    rows.put("api", step);
    // a line of the step's own output keeps the row as it is
    assertEquals(step, BuildProgress.update(rows, "api | hello: world").orElseThrow());
    assertEquals(
        new BuildProgress.Row("api", 2, 4, "built and pushed r/shop/api:1"),
        BuildProgress.update(rows, "api: built and pushed r/shop/api:1").orElseThrow());
    assertEquals(Optional.empty(), BuildProgress.update(rows, "Logging in to r"));
  }

  @Test
  void repaintsTheRowsInPlaceAndKeepsOtherLinesAbove() {
    StringWriter text = new StringWriter();
    BuildProgress progress = new BuildProgress(new PrintWriter(text), 80, List.of("api", "web"));
    progress.accept("api | STEP 1/2: FROM scratch");
    progress.accept("a line about no service");
    String out = text.toString();
    // the second paint moved up over the two rows before printing
    assertEquals(1, out.split("\u001b\\[2A", -1).length - 1, out);
    String plain = out.replaceAll("\u001b\\[[0-9]*[AK]|\r", "");
    assertEquals(
        "api  step 1/2    FROM scratch\nweb              waiting\n"
            + "a line about no service\napi  step 1/2    FROM scratch\nweb              waiting\n",
        plain);
  }
}
