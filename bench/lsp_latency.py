#!/usr/bin/env python3
"""Language server latency, as an editor sees it: `fgd lsp` in its own process over stdio.

  bench/lsp_latency.py SPEC COMMAND...     e.g. bench/lsp_latency.py /tmp/fleet.fgd bin/fgd lsp

Opens SPEC, then, warm (after WARM edits), measures
  - diagnostics: the time from sending didChange to receiving the publishDiagnostics of that
    version, for an edit in the middle of the file (an env value of a service): sent as an
    incremental change, with the server's default debounce and with none, and as the whole text;
  - completion: the time from a completion request at the start of a statement in the middle of
    the file to its answer, and the same for the memory values after `memory `.
Prints a Markdown table and writes the raw samples as JSON to $OUT (if set). Standard library only,
so the client is the same on any machine."""

import json
import os
import statistics
import subprocess
import sys
import time

WARM = 30
MEASURED = 50


class Server:
    def __init__(self, command, options):
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.next_id = 0
        self.request("initialize", {"processId": None, "rootUri": None, "capabilities": {},
                                    "initializationOptions": options})
        self.notify("initialized", {})

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def read(self):
        length = 0
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("fgd lsp closed its output")
            line = line.strip()
            if not line:
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == self.next_id and "method" not in message:
                return message.get("result")

    def diagnostics(self, version):
        while True:
            message = self.read()
            if (message.get("method") == "textDocument/publishDiagnostics"
                    and message["params"].get("version") == version):
                return message["params"]["diagnostics"]

    def stop(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=30)


def summary(samples):
    ordered = sorted(samples)
    p90 = ordered[max(0, int(len(ordered) * 0.9) - 1)]
    return statistics.median(ordered), p90, ordered[-1]


def main():
    spec_path, command = sys.argv[1], sys.argv[2:]
    text = open(spec_path, encoding="utf-8").read()
    lines = text.split("\n")
    # The METRICS_ADDR line of the middle service: the edit, and where statement completion asks.
    edits = [i for i, l in enumerate(lines) if l.strip().startswith("env    METRICS_ADDR")]
    memory = [i for i, l in enumerate(lines) if l.strip().startswith("memory")]
    edit_line = edits[len(edits) // 2]
    memory_line = memory[len(memory) // 2]
    uri = "file://" + os.path.abspath(spec_path)
    results = {"services": text.count("\nservice "), "lines": len(lines), "samples": {}}
    rows = []
    runs = (
        ("incremental, default debounce", {}, True),
        ("incremental, no debounce", {"debounceMillis": 0}, True),
        ("whole text, no debounce", {"debounceMillis": 0}, False),
    )
    for label, options, incremental in runs:
        lines = text.split("\n")
        server = Server(command, options)
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "fgd", "version": 1, "text": text}})
        found = server.diagnostics(1)
        samples = []
        for n in range(WARM + MEASURED):
            version = n + 2
            old = lines[edit_line]
            indent = old[: len(old) - len(old.lstrip())]
            new = indent + 'env    METRICS_ADDR = ":%d"' % (9090 + n % 2)
            if incremental:
                change = {"range": {"start": {"line": edit_line, "character": 0},
                                    "end": {"line": edit_line, "character": len(old)}},
                          "text": new}
            else:
                change = {"text": "\n".join(lines[:edit_line] + [new] + lines[edit_line + 1:])}
            lines[edit_line] = new
            started = time.perf_counter()
            server.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
            server.diagnostics(version)
            if n >= WARM:
                samples.append((time.perf_counter() - started) * 1000)
        results["samples"]["diagnostics, " + label] = samples
        rows.append(("didChange to publishDiagnostics, " + label, samples))
        if label == runs[0][0]:
            for what, position in (
                ("completion, statements of a service block",
                 {"line": edit_line, "character": len(indent)}),
                ("completion, memory values for the service's cpu",
                 {"line": memory_line, "character": len(indent) + len("memory ")}),
            ):
                samples = []
                for n in range(WARM + MEASURED * 2):
                    started = time.perf_counter()
                    items = server.request("textDocument/completion", {
                        "textDocument": {"uri": uri}, "position": position})
                    if n >= WARM:
                        samples.append((time.perf_counter() - started) * 1000)
                assert items, what + ": no items"
                results["samples"][what] = samples
                rows.append((what, samples))
        server.stop()
    results["diagnostics at open"] = len(found)
    print("spec: %d services, %d lines; %d warm-up rounds, then %d measured"
          % (results["services"], results["lines"], WARM, MEASURED))
    print()
    print("| measurement | median ms | p90 ms | max ms |")
    print("| --- | --- | --- | --- |")
    for name, samples in rows:
        median, p90, worst = summary(samples)
        print("| %s | %.1f | %.1f | %.1f |" % (name, median, p90, worst))
    if os.environ.get("OUT"):
        with open(os.environ["OUT"], "w", encoding="utf-8") as out:
            json.dump(results, out, indent=2)


if __name__ == "__main__":
    main()
