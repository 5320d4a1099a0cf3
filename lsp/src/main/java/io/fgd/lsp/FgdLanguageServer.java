package io.fgd.lsp;

import io.fgd.compiler.check.FargateSizes;
import io.fgd.compiler.cost.CostReport;
import io.fgd.compiler.cost.FargatePrices;
import io.fgd.compiler.cost.TaskCost;
import io.fgd.compiler.diag.Severity;
import io.fgd.compiler.parse.Cursor;
import io.fgd.compiler.parse.Cursor.Context;
import io.fgd.compiler.parse.Cursor.Word;
import io.fgd.compiler.parse.Formatter;
import io.fgd.compiler.source.SourceFile;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * fgd's language server. Every answer comes from the compiler: its parser and checks for
 * diagnostics, its tokens and grammar for completion and navigation, its formatter for formatting.
 * No request can fail on what the user typed: a bug in an answer is logged to the client and the
 * request gets an empty answer, so the server keeps answering.
 */
public final class FgdLanguageServer
    implements LanguageServer, LanguageClientAware, TextDocumentService, WorkspaceService {

  /** How long diagnostics wait for more typing before the spec is checked again, by default. */
  public static final long DEFAULT_DEBOUNCE_MILLIS = 50;

  private final Map<String, Document> documents = new ConcurrentHashMap<>();
  private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService checker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "fgd-lsp-diagnostics");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, String> environment;
  private volatile long debounceMillis;
  private volatile boolean strict;
  private volatile LanguageClient client;
  private volatile boolean shutdown;
  private final CompletableFuture<Void> exited = new CompletableFuture<>();

  /**
   * One open document: its text as the editor has it (a byte-order mark included), as of a version.
   */
  private record Document(String uri, int version, String text, Snapshot snapshot) {
    SourceFile source() {
      return snapshot.source;
    }
  }

  /**
   * @param environment for {@code FGD_VAR_NAME} values, as {@code fgd validate} reads them
   */
  public FgdLanguageServer(Map<String, String> environment, long debounceMillis) {
    this.environment = Map.copyOf(environment);
    this.debounceMillis = debounceMillis;
  }

  @Override
  public void connect(LanguageClient client) {
    this.client = client;
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    readOptions(params.getInitializationOptions());
    ServerCapabilities capabilities = new ServerCapabilities();
    // Incremental: a keystroke in a large spec sends the edit, not the whole text again.
    TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
    sync.setOpenClose(true);
    sync.setChange(TextDocumentSyncKind.Incremental);
    capabilities.setTextDocumentSync(sync);
    CompletionOptions completion = new CompletionOptions();
    completion.setTriggerCharacters(List.of("{", " ", ","));
    capabilities.setCompletionProvider(completion);
    capabilities.setHoverProvider(true);
    capabilities.setDocumentFormattingProvider(true);
    capabilities.setDocumentSymbolProvider(true);
    capabilities.setDefinitionProvider(true);
    capabilities.setReferencesProvider(true);
    capabilities.setCodeActionProvider(true);
    return CompletableFuture.completedFuture(
        new InitializeResult(capabilities, new ServerInfo("fgd", version())));
  }

  /** {@code {"strict": true, "debounceMillis": 50}}, both optional. */
  private void readOptions(Object options) {
    if (options instanceof com.google.gson.JsonObject json) {
      if (json.has("strict") && json.get("strict").isJsonPrimitive()) {
        strict = json.get("strict").getAsBoolean();
      }
      if (json.has("debounceMillis") && json.get("debounceMillis").isJsonPrimitive()) {
        debounceMillis = Math.max(0, json.get("debounceMillis").getAsLong());
      }
    }
  }

  private static String version() {
    String v = FgdLanguageServer.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdown = true;
    checker.shutdownNow();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    checker.shutdownNow();
    exited.complete(null);
  }

  /** Completes when the client sends {@code exit}. */
  CompletableFuture<Void> exited() {
    return exited;
  }

  boolean isShutdown() {
    return shutdown;
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return this;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return this;
  }

  @Override
  public void didChangeConfiguration(DidChangeConfigurationParams params) {}

  @Override
  public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {}

  // ---------------------------------------------------------------- documents and diagnostics

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    var doc = params.getTextDocument();
    update(doc.getUri(), doc.getVersion(), doc.getText());
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    List<TextDocumentContentChangeEvent> changes = params.getContentChanges();
    if (changes.isEmpty()) {
      return;
    }
    Document doc = documents.get(uri);
    String text = doc == null ? "" : doc.text();
    for (TextDocumentContentChangeEvent change : changes) {
      text =
          change.getRange() == null
              ? change.getText()
              : Positions.apply(text, change.getRange(), change.getText());
    }
    update(uri, params.getTextDocument().getVersion(), text);
  }

  /** The text of an open document as the server has it, for tests. */
  Optional<String> text(String uri) {
    return Optional.ofNullable(documents.get(uri)).map(Document::text);
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    documents.remove(uri);
    ScheduledFuture<?> waiting = pending.remove(uri);
    if (waiting != null) {
      waiting.cancel(false);
    }
    publish(uri, null, List.of());
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {}

  private void update(String uri, int version, String text) {
    documents.put(
        uri, new Document(uri, version, text, new Snapshot(new SourceFile(fileName(uri), text))));
    ScheduledFuture<?> next =
        checker.schedule(() -> check(uri, version), debounceMillis, TimeUnit.MILLISECONDS);
    ScheduledFuture<?> previous = pending.put(uri, next);
    if (previous != null) {
      previous.cancel(false);
    }
  }

  /** Checks a document and publishes its diagnostics, unless it changed or closed meanwhile. */
  private void check(String uri, int version) {
    Document doc = documents.get(uri);
    if (doc == null || doc.version() != version) {
      return;
    }
    List<Diagnostic> diagnostics = safely("diagnostics", List.of(), () -> diagnostics(doc));
    Document now = documents.get(uri);
    if (now != null && now.version() == version) {
      publish(uri, version, diagnostics);
    }
    // Tokens and outline for the requests that follow an edit (completion, hover), made here
    // rather than while the editor waits for an answer.
    safely("outline", null, () -> doc.snapshot().outline());
  }

  private void publish(String uri, Integer version, List<Diagnostic> diagnostics) {
    LanguageClient c = client;
    if (c != null) {
      PublishDiagnosticsParams params = new PublishDiagnosticsParams(uri, diagnostics);
      params.setVersion(version);
      c.publishDiagnostics(params);
    }
  }

  /** The diagnostics of a document as the protocol carries them. */
  List<Diagnostic> diagnostics(Document doc) {
    return diagnostics(doc.uri(), doc.source(), environment, strict);
  }

  static List<Diagnostic> diagnostics(
      String uri, SourceFile source, Map<String, String> environment, boolean strict) {
    List<Diagnostic> result = new ArrayList<>();
    for (io.fgd.compiler.diag.Diagnostic d : Analysis.diagnostics(source, environment, strict)) {
      Diagnostic diagnostic =
          new Diagnostic(
              Positions.range(source, d.subject()),
              d.summary() + ": " + d.detail(),
              d.severity() == Severity.ERROR
                  ? DiagnosticSeverity.Error
                  : DiagnosticSeverity.Warning,
              "fgd",
              d.code());
      d.context()
          .ifPresent(
              context ->
                  diagnostic.setRelatedInformation(
                      List.of(
                          new DiagnosticRelatedInformation(
                              new Location(uri, Positions.range(source, context)),
                              "related: " + d.summary()))));
      result.add(diagnostic);
    }
    return result;
  }

  private static String fileName(String uri) {
    try {
      URI parsed = URI.create(uri);
      if ("file".equals(parsed.getScheme()) && parsed.getPath() != null) {
        return parsed.getPath();
      }
    } catch (IllegalArgumentException e) {
      // not a URI we can read a path from: use it as it is
    }
    return uri;
  }

  private Optional<Snapshot> source(String uri) {
    return Optional.ofNullable(documents.get(uri)).map(Document::snapshot);
  }

  /** Runs a request's work; a bug answers {@code empty} and is logged, never thrown. */
  private <T> T safely(String what, T empty, Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException | StackOverflowError e) {
      LanguageClient c = client;
      if (c != null) {
        c.logMessage(
            new org.eclipse.lsp4j.MessageParams(
                org.eclipse.lsp4j.MessageType.Error,
                "fgd lsp: " + what + " failed, this is a bug in fgd, please report it: " + e));
      }
      return empty;
    }
  }

  // ---------------------------------------------------------------- requests

  @Override
  public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(
      CompletionParams params) {
    List<CompletionItem> items =
        safely(
            "completion",
            List.of(),
            () ->
                source(params.getTextDocument().getUri())
                    .map(s -> completion(s, params.getPosition()))
                    .orElse(List.of()));
    return CompletableFuture.completedFuture(Either.forLeft(items));
  }

  static List<CompletionItem> completion(SourceFile source, Position position) {
    return completion(new Snapshot(source), position);
  }

  static List<CompletionItem> completion(Snapshot snapshot, Position position) {
    return Completions.at(
        snapshot, Positions.line(position), Positions.column(snapshot.source, position));
  }

  @Override
  public CompletableFuture<Hover> hover(HoverParams params) {
    Hover hover =
        safely(
            "hover",
            null,
            () ->
                source(params.getTextDocument().getUri())
                    .flatMap(s -> hover(s, params.getPosition()))
                    .orElse(null));
    return CompletableFuture.completedFuture(hover);
  }

  static Optional<Hover> hover(SourceFile source, Position position) {
    return hover(new Snapshot(source), position);
  }

  static Optional<Hover> hover(Snapshot snapshot, Position position) {
    SourceFile source = snapshot.source;
    int line = Positions.line(position);
    int column = Positions.column(source, position);
    Outline outline = snapshot.outline();
    Optional<Outline.Found> name = outline.at(line, column);
    if (name.isPresent()) {
      return Optional.of(markdown(describe(outline, name.get()), name.get().name().span(), source));
    }
    // The word under the cursor: Cursor.at sees it as being written when the cursor is inside it.
    Context context = Cursor.at(snapshot.words(), line, column + wordRest(source, line, column));
    Optional<Word> word = context.partial();
    if (word.isEmpty() || !context.before().isEmpty()) {
      return Optional.empty();
    }
    String keyword = word.get().text();
    var frame = context.innermost();
    List<StatementDocs.Row> rows =
        StatementDocs.lookup(frame.block(), frame.name().orElse(""), keyword);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder(StatementDocs.markdown(rows));
    if (keyword.equals("cpu") || keyword.equals("memory")) {
      taskSize(frame).ifPresent(size -> text.append("\n\n").append(size));
      monthlyCost(frame, snapshot.words()).ifPresent(cost -> text.append("\n\n").append(cost));
    }
    return Optional.of(markdown(text.toString(), word.get().span(), source));
  }

  /** How many code points of the word at a position lie after it. */
  private static int wordRest(SourceFile source, int line, int column) {
    String text = source.line(line);
    int[] points = text.codePoints().toArray();
    int i = column - 1;
    int rest = 0;
    while (i + rest < points.length
        && (Character.isLetterOrDigit(points[i + rest]) || points[i + rest] == '_')) {
      rest++;
    }
    return rest;
  }

  /**
   * For {@code cpu} and {@code memory} in a service: what one task of that size costs a month in
   * the app's region, from the same price file and formula as {@code fgd validate --cost}.
   */
  private static Optional<String> monthlyCost(Cursor.Frame frame, List<Word> words) {
    if (frame.block() != Cursor.Block.SERVICE && frame.block() != Cursor.Block.STAGE_SERVICE) {
      return Optional.empty();
    }
    Optional<String> region = appRegion(words);
    if (region.isEmpty()) {
      return Optional.empty();
    }
    int cpu = Completions.taskCpu(frame).orElse(FargateSizes.DEFAULT_CPU);
    int mib = FargateSizes.DEFAULT_MEMORY;
    String architecture = "x86_64";
    for (List<Word> statement : frame.statements()) {
      if (statement.size() >= 2 && statement.get(0).text().equals("memory")) {
        mib = memoryMiB(statement.subList(1, statement.size())).orElse(mib);
      }
      if (statement.size() >= 2 && statement.get(0).text().equals("architecture")) {
        architecture = statement.get(1).text();
      }
    }
    if (!FargateSizes.isValid(cpu, mib)) {
      return Optional.empty();
    }
    String arch = architecture;
    TaskCost task = new TaskCost(region.get(), arch, cpu, mib, 20);
    return Optional.of(
        task.monthly()
            .map(
                m ->
                    "One task of this size: "
                        + TaskCost.dollars(m)
                        + " a month in "
                        + region.get()
                        + " ("
                        + arch
                        + ", on demand, 730 hours; Fargate prices of "
                        + FargatePrices.asOf(region.get())
                        + ").")
            .orElse(CostReport.noPrices(region.get())));
  }

  /** The value of the {@code region} statement of the {@code app} block, if written. */
  private static Optional<String> appRegion(List<Word> words) {
    int depth = 0;
    boolean inApp = false;
    Word previous = null;
    for (Word w : words) {
      if (w.kind() == Cursor.Kind.COMMENT || w.kind() == Cursor.Kind.NEWLINE) {
        continue;
      }
      if (w.kind() == Cursor.Kind.PUNCTUATION && w.text().equals("{")) {
        depth++;
      } else if (w.kind() == Cursor.Kind.PUNCTUATION && w.text().equals("}")) {
        depth = Math.max(0, depth - 1);
        inApp = inApp && depth > 0;
      } else if (depth == 0 && w.text().equals("app")) {
        inApp = true;
      } else if (inApp
          && depth == 1
          && previous != null
          && previous.text().equals("region")
          && w.isName()) {
        return Optional.of(w.text());
      }
      previous = w;
    }
    return Optional.empty();
  }

  /** For {@code cpu} and {@code memory} in a service: its task size and what else fits. */
  private static Optional<String> taskSize(Cursor.Frame frame) {
    if (frame.block() != Cursor.Block.SERVICE && frame.block() != Cursor.Block.STAGE_SERVICE) {
      return Optional.empty();
    }
    int cpu = Completions.taskCpu(frame).orElse(FargateSizes.DEFAULT_CPU);
    Optional<Integer> memory = Optional.empty();
    for (List<Word> statement : frame.statements()) {
      if (statement.size() >= 2 && statement.get(0).text().equals("memory")) {
        memory = memoryMiB(statement.subList(1, statement.size()));
      }
    }
    int mib = memory.orElse(FargateSizes.DEFAULT_MEMORY);
    List<Integer> allowed = FargateSizes.memoriesFor(cpu);
    String sizes =
        allowed.isEmpty()
            ? "Fargate has no task size with " + cpu + " CPU units."
            : "With "
                + cpu
                + " CPU units, memory can be "
                + allowed.stream()
                    .map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", "))
                + " MiB.";
    String valid =
        FargateSizes.isValid(cpu, mib) ? "a valid Fargate task size" : "not a Fargate task size";
    return Optional.of(
        "Task size: "
            + cpu
            + " CPU units ("
            + Completions.vcpus(cpu)
            + " vCPU) and "
            + mib
            + " MiB, "
            + valid
            + ". "
            + sizes);
  }

  private static Optional<Integer> memoryMiB(List<Word> value) {
    Matcher m = MEMORY.matcher(value.get(0).text() + (value.size() > 1 ? value.get(1).text() : ""));
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      int amount = Integer.parseInt(m.group(1));
      return Optional.of(m.group(2).toLowerCase().startsWith("g") ? amount * 1024 : amount);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static final Pattern MEMORY =
      Pattern.compile("(\\d+)(|MiB|MB|GiB|GB)", Pattern.CASE_INSENSITIVE);

  private static String describe(Outline outline, Outline.Found found) {
    String name = found.name().name();
    List<Outline.Name> all = outline.all(found);
    Optional<Outline.Name> declaration = all.stream().filter(Outline.Name::declaration).findFirst();
    if (found.variable()) {
      String value = outline.variableDefaults.get(name);
      return declaration.isEmpty()
          ? "`${" + name + "}`: no variable of this name is declared"
          : "`var "
              + name
              + (value == null
                  ? "`: no default; set it with `--var " + name + "=VALUE`"
                  : " = " + value + "`")
              + " (line "
              + declaration.get().span().startLine()
              + ")";
    }
    return declaration.isEmpty()
        ? "`service " + name + "`: no service of this name is declared"
        : "`service " + name + "` (line " + declaration.get().span().startLine() + ")";
  }

  private static Hover markdown(String text, io.fgd.compiler.source.Span span, SourceFile source) {
    Hover hover = new Hover(new MarkupContent(MarkupKind.MARKDOWN, text));
    hover.setRange(Positions.range(source, span));
    return hover;
  }

  @Override
  public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
    List<TextEdit> edits =
        safely(
            "formatting",
            List.of(),
            () ->
                source(params.getTextDocument().getUri())
                    .map(s -> formatting(s.source))
                    .orElse(List.of()));
    return CompletableFuture.completedFuture(edits);
  }

  /** {@code fgd fmt}'s layout as one edit; none when formatted already or not parseable. */
  static List<TextEdit> formatting(SourceFile source) {
    Formatter.Result result = Formatter.format(source);
    if (result.text().isEmpty() || result.text().get().equals(source.text())) {
      return List.of();
    }
    return List.of(new TextEdit(Positions.whole(source), result.text().get()));
  }

  @Override
  public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
      DocumentSymbolParams params) {
    List<Either<SymbolInformation, DocumentSymbol>> symbols =
        safely(
            "document symbols",
            List.of(),
            () ->
                source(params.getTextDocument().getUri())
                    .map(
                        s ->
                            symbols(s.source, s.outline().symbols).stream()
                                .map(Either::<SymbolInformation, DocumentSymbol>forRight)
                                .toList())
                    .orElse(List.of()));
    return CompletableFuture.completedFuture(symbols);
  }

  static List<DocumentSymbol> symbols(SourceFile source) {
    return symbols(source, Outline.of(source).symbols);
  }

  private static List<DocumentSymbol> symbols(SourceFile source, List<Outline.Symbol> symbols) {
    List<DocumentSymbol> result = new ArrayList<>();
    for (Outline.Symbol s : symbols) {
      DocumentSymbol symbol =
          new DocumentSymbol(
              s.name(),
              switch (s.kind()) {
                case "app" -> SymbolKind.Module;
                case "service" -> SymbolKind.Class;
                case "sidecar" -> SymbolKind.Field;
                case "stage" -> SymbolKind.Namespace;
                default -> SymbolKind.Variable;
              },
              Positions.range(source, s.whole()),
              Positions.range(source, s.selection()),
              s.kind());
      symbol.setChildren(symbols(source, s.children()));
      result.add(symbol);
    }
    return result;
  }

  @Override
  public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>>
      definition(DefinitionParams params) {
    String uri = params.getTextDocument().getUri();
    List<Location> locations =
        safely(
            "definition",
            List.of(),
            () -> source(uri).map(s -> definition(uri, s, params.getPosition())).orElse(List.of()));
    return CompletableFuture.completedFuture(Either.forLeft(locations));
  }

  static List<Location> definition(String uri, SourceFile source, Position position) {
    return definition(uri, new Snapshot(source), position);
  }

  static List<Location> definition(String uri, Snapshot snapshot, Position position) {
    SourceFile source = snapshot.source;
    Outline outline = snapshot.outline();
    return outline
        .at(Positions.line(position), Positions.column(source, position))
        .map(
            found ->
                outline.all(found).stream()
                    .filter(Outline.Name::declaration)
                    .map(n -> new Location(uri, Positions.range(source, n.span())))
                    .toList())
        .orElse(List.of());
  }

  @Override
  public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
    String uri = params.getTextDocument().getUri();
    boolean declaration = params.getContext() == null || params.getContext().isIncludeDeclaration();
    List<Location> locations =
        safely(
            "references",
            List.of(),
            () ->
                source(uri)
                    .map(s -> references(uri, s, params.getPosition(), declaration))
                    .orElse(List.of()));
    return CompletableFuture.completedFuture(locations);
  }

  static List<Location> references(
      String uri, SourceFile source, Position position, boolean includeDeclaration) {
    return references(uri, new Snapshot(source), position, includeDeclaration);
  }

  static List<Location> references(
      String uri, Snapshot snapshot, Position position, boolean includeDeclaration) {
    SourceFile source = snapshot.source;
    Outline outline = snapshot.outline();
    return outline
        .at(Positions.line(position), Positions.column(source, position))
        .map(
            found ->
                outline.all(found).stream()
                    .filter(n -> includeDeclaration || !n.declaration())
                    .map(n -> new Location(uri, Positions.range(source, n.span())))
                    .toList())
        .orElse(List.of());
  }

  @Override
  public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
    String uri = params.getTextDocument().getUri();
    List<Either<Command, CodeAction>> actions =
        safely(
            "code actions",
            List.of(),
            () ->
                source(uri)
                    .map(
                        s ->
                            codeActions(uri, s.source, params.getContext().getDiagnostics())
                                .stream()
                                .map(Either::<Command, CodeAction>forRight)
                                .toList())
                    .orElse(List.of()));
    return CompletableFuture.completedFuture(actions);
  }

  private static final Pattern DID_YOU_MEAN = Pattern.compile("Did you mean \"([^\"]+)\"\\?");

  /** A quick fix for every "Did you mean" among the diagnostics: write the suggestion instead. */
  static List<CodeAction> codeActions(String uri, SourceFile source, List<Diagnostic> diagnostics) {
    List<CodeAction> actions = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      Matcher m =
          DID_YOU_MEAN.matcher(
              d.getMessage() == null
                  ? ""
                  : d.getMessage().getLeft() == null ? "" : d.getMessage().getLeft());
      if (!m.find()) {
        continue;
      }
      String suggestion = m.group(1);
      String written = text(source, d.getRange());
      if (written.isEmpty()) {
        continue;
      }
      String replacement = written.startsWith("${") ? "${" + suggestion + "}" : suggestion;
      CodeAction action = new CodeAction("Change to \"" + suggestion + "\"");
      action.setKind(CodeActionKind.QuickFix);
      action.setDiagnostics(List.of(d));
      action.setIsPreferred(true);
      action.setEdit(
          new WorkspaceEdit(Map.of(uri, List.of(new TextEdit(d.getRange(), replacement)))));
      actions.add(action);
    }
    return actions;
  }

  /** The text of a one-line range, or "" if it spans lines or lies outside the document. */
  private static String text(SourceFile source, org.eclipse.lsp4j.Range range) {
    Position start = range.getStart();
    Position end = range.getEnd();
    if (start.getLine() != end.getLine()) {
      return "";
    }
    String line = source.line(start.getLine() + 1);
    if (start.getCharacter() < 0
        || end.getCharacter() > line.length()
        || start.getCharacter() > end.getCharacter()) {
      return "";
    }
    return line.substring(start.getCharacter(), end.getCharacter());
  }
}
