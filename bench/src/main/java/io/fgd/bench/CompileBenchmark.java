package io.fgd.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.compiler.Artifact;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.emit.Json;
import io.fgd.compiler.emit.ecs.SchemaValidator;
import io.fgd.compiler.parse.Parsing;
import io.fgd.compiler.source.SourceFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The compile pipeline on a generated spec of {@code services} services ({@link SpecGenerator}), in
 * a warm JVM: {@link #compile} is everything {@code fgd compile} does between reading the file and
 * writing the folder (parse, check, emit, validate every JSON document against its schema); {@link
 * #parse} and {@link #validate} are its first stages, {@link #schemaValidate} its last one alone.
 * {@link #jacksonFloor} is the floor: Jackson writing the same JSON documents and reading them
 * back, which no JSON-emitting compiler can beat.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CompileBenchmark {
  static final CompileOptions OPTIONS = new CompileOptions(Optional.of("bench"));

  @Param({"1", "10", "100", "1000"})
  public int services;

  SourceFile source;

  /** The ECS JSON documents the spec compiles to, parsed, each with its schema. */
  List<JsonNode> documents;

  List<SchemaValidator.Kind> kinds;

  @Setup(Level.Trial)
  public void setUp() {
    source = new SourceFile("fleet.fgd", SpecGenerator.spec(services));
    Compiler.Compilation compiled = Compiler.compile(source, OPTIONS);
    if (compiled.hasErrors()) {
      throw new IllegalStateException("the generated spec has errors: " + compiled.diagnostics());
    }
    documents = new ArrayList<>();
    kinds = new ArrayList<>();
    for (Artifact a : compiled.artifacts()) {
      Optional<SchemaValidator.Kind> kind = kindOf(a.path());
      if (kind.isPresent()) {
        try {
          documents.add(Json.mapper().readTree(a.content()));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        kinds.add(kind.get());
      }
    }
  }

  static Optional<SchemaValidator.Kind> kindOf(String path) {
    if (path.endsWith("/taskdef.json")) {
      return Optional.of(SchemaValidator.Kind.TASK_DEFINITION);
    }
    if (path.endsWith("/service.json")) {
      return Optional.of(SchemaValidator.Kind.SERVICE);
    }
    if (path.endsWith("/scaling.json")) {
      return Optional.of(SchemaValidator.Kind.SCALING);
    }
    if (path.endsWith("/logs.json")) {
      return Optional.of(SchemaValidator.Kind.LOGS);
    }
    return Optional.empty();
  }

  @Benchmark
  public Parsing.Result parse() {
    return Parsing.parse(source);
  }

  @Benchmark
  public Compiler.Validation validate() {
    return Compiler.validate(source);
  }

  @Benchmark
  public Compiler.Compilation compile() {
    return Compiler.compile(source, OPTIONS);
  }

  @Benchmark
  public void schemaValidate(Blackhole bh) {
    for (int i = 0; i < documents.size(); i++) {
      bh.consume(SchemaValidator.errors(kinds.get(i), documents.get(i)));
    }
  }

  @Benchmark
  public void jacksonFloor(Blackhole bh) throws IOException {
    for (JsonNode document : documents) {
      bh.consume(Json.mapper().readTree(Json.bytes(document)));
    }
  }
}
