/** Unit tests of every module that does not import `vscode`. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import { INSTALL_COMMAND, MISSING_SERVER, expand, resolveCli, resolveServer, which, type Host, type Settings } from "../src/config";
import { layers, layout } from "../src/graph/layout";
import { MAX_WIDTH, MIN_WIDTH, edgeStyles, hasProfile, isFlowGraph, revealTarget, vertexTitle, type FlowGraph } from "../src/graph/model";
import { graphHtml } from "../src/graph/page";
import { COMMANDS, LANGUAGE_ID, SECTION, TASK_TYPE } from "../src/ids";
import { statusText, type ServerState } from "../src/status";
import { FLOW_GRAPH_COMMAND, REFERENCES_COMMAND, SIMULATE_COMMAND, lensAction } from "../src/lenses";
import { PROBLEM_MATCHER, projectOf, taskSpec, taskSpecs } from "../src/tasks";
import { EXTENSION } from "./lsp";

const FIXTURE = path.join(EXTENSION, "test", "fixtures", "profiled-graph.json");
const profiled = (): FlowGraph => JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as FlowGraph;
const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION, "package.json"), "utf8")) as {
  contributes: Record<string, unknown> & { configuration: { properties: Record<string, unknown> } };
};

function fakeHost(executables: string[], over: Partial<Host> = {}): Host {
  const set = new Set(executables);
  return { isExecutable: (f) => set.has(f), pathDirs: ["/usr/local/bin", "/usr/bin"], workspaceFolders: ["/ws"], platform: "linux", home: "/home/u", ...over };
}
const none: Settings = { serverPath: "", serverArgs: [], pythonPath: "", cliPath: "" };

describe("config: finding flux-ls and flux", () => {
  test("flux-ls on PATH, in PATH order", () => {
    const host = fakeHost(["/usr/bin/flux-ls", "/usr/local/bin/flux-ls"]);
    assert.deepEqual(resolveServer(none, host), { command: "/usr/local/bin/flux-ls", args: [], origin: "PATH" });
  });
  test("pipx's ~/.local/bin before the workspace's .venv when nothing is on PATH", () => {
    const host = fakeHost(["/home/u/.local/bin/flux-ls", "/ws/.venv/bin/flux-ls"]);
    assert.deepEqual(resolveServer(none, host), { command: "/home/u/.local/bin/flux-ls", args: [], origin: "~/.local/bin" });
    assert.equal(resolveServer(none, { ...host, platform: "win32" })?.command, undefined);
  });
  test("the workspace's .venv when nothing is on PATH", () => {
    const host = fakeHost(["/ws/.venv/bin/flux-ls"]);
    assert.equal(resolveServer(none, host)?.command, "/ws/.venv/bin/flux-ls");
    assert.equal(resolveServer(none, host)?.origin, "the workspace's .venv");
  });
  test("server.path wins, with ~ and ${workspaceFolder} expanded, and extra args kept", () => {
    const host = fakeHost(["/home/u/flux/.venv/bin/flux-ls", "/usr/bin/flux-ls"]);
    const settings = { ...none, serverPath: "~/flux/.venv/bin/flux-ls", serverArgs: ["--log-level", "debug"] };
    assert.deepEqual(resolveServer(settings, host),
      { command: "/home/u/flux/.venv/bin/flux-ls", args: ["--log-level", "debug"], origin: "fluxServer.server.path" });
    assert.equal(expand("~/x", host), "/home/u/x");
    assert.equal(expand("${workspaceFolder}/bin/flux-ls", host), "/ws/bin/flux-ls");
  });
  test("a server.path that does not exist is missing (no silent fallback to PATH)", () => {
    const host = fakeHost(["/usr/bin/flux-ls"]);
    assert.equal(resolveServer({ ...none, serverPath: "/opt/nothing/flux-ls" }, host), undefined);
  });
  test("pythonPath: its environment's flux-ls script, else python -m flux_ls.lsp", () => {
    const withScript = fakeHost(["/env/bin/python", "/env/bin/flux-ls", "/usr/bin/flux-ls"]);
    assert.deepEqual(resolveServer({ ...none, pythonPath: "/env/bin/python" }, withScript),
      { command: "/env/bin/flux-ls", args: [], origin: "fluxServer.pythonPath" });
    const bare = fakeHost(["/usr/bin/python3"]);
    assert.deepEqual(resolveServer({ ...none, pythonPath: "python3", serverArgs: ["-v"] }, bare),
      { command: "/usr/bin/python3", args: ["-m", "flux_ls.lsp", "-v"], origin: "fluxServer.pythonPath" });
    assert.deepEqual(resolveCli({ ...none, pythonPath: "python3" }, bare),
      { command: "/usr/bin/python3", args: ["-m", "flux_ls.cli.main"], origin: "fluxServer.pythonPath" });
  });
  test("nothing found: undefined, and the message names the install command", () => {
    assert.equal(resolveServer(none, fakeHost([])), undefined);
    assert.ok(MISSING_SERVER.includes(INSTALL_COMMAND));
    assert.ok(MISSING_SERVER.includes("fluxServer.server.path"));
  });
  test("flux: cli.path, else beside the server, else PATH, else plain flux", () => {
    const host = fakeHost(["/opt/flux/bin/flux-ls", "/opt/flux/bin/flux", "/usr/bin/flux"]);
    const server = resolveServer({ ...none, serverPath: "/opt/flux/bin/flux-ls" }, host);
    assert.equal(resolveCli(none, host, server).command, "/opt/flux/bin/flux");
    assert.equal(resolveCli(none, host).command, "/usr/bin/flux");
    assert.equal(resolveCli({ ...none, cliPath: "/x/flux" }, host).command, "/x/flux");
    assert.deepEqual(resolveCli(none, fakeHost([])), { command: "flux", args: [], origin: "not found" });
  });
  test("which: Windows names get .exe", () => {
    assert.equal(which("flux-ls", fakeHost(["C:/py/flux-ls.exe"], { pathDirs: ["C:/py"], platform: "win32" })), path.join("C:/py", "flux-ls.exe"));
  });
});

describe("tasks", () => {
  const cli = { command: "/v/bin/flux", args: [], origin: "PATH" };
  test("check the folder, then build and run per project, sorted", () => {
    const specs = taskSpecs(cli, ["examples/webserver", "", "examples/kvstore", "examples/kvstore"]);
    assert.deepEqual(specs.map((s) => s.label), ["check", "build", "run", "build examples/kvstore", "run examples/kvstore",
      "build examples/webserver", "run examples/webserver"]);
    assert.deepEqual(specs.map((s) => s.args), [["check", "."], ["build"], ["run"], ["build", "examples/kvstore"],
      ["run", "examples/kvstore"], ["build", "examples/webserver"], ["run", "examples/webserver"]]);
    assert.ok(specs.every((s) => s.command === "/v/bin/flux" && s.env.NO_COLOR === "1"));
    assert.deepEqual(specs.slice(0, 3).map((s) => s.group), ["test", "build", undefined]);
  });
  test("a tasks.json definition with args, and python -m flux_ls.cli.main", () => {
    const spec = taskSpec({ command: "python3", args: ["-m", "flux_ls.cli.main"], origin: "" },
      { type: "flux", command: "check", args: ["--warnings-as-errors", "src"] });
    assert.deepEqual(spec.args, ["-m", "flux_ls.cli.main", "check", "--warnings-as-errors", "src"]);
  });
  test("projectOf: the folder of a flux.toml relative to the workspace", () => {
    assert.equal(projectOf("/ws", "/ws/flux.toml"), "");
    assert.equal(projectOf("/ws/", "/ws/examples/web/flux.toml"), "examples/web");
    assert.equal(projectOf("C:\\ws", "C:\\ws\\a\\b\\flux.toml"), "a/b");
  });
  test("package.json declares the task type and the $flux problem matcher the tasks use", () => {
    const definitions = manifest.contributes.taskDefinitions as { type: string }[];
    assert.deepEqual(definitions.map((d) => d.type), [TASK_TYPE]);
    const matchers = manifest.contributes.problemMatchers as { name: string }[];
    assert.deepEqual(matchers.map((m) => `$${m.name}`), [PROBLEM_MATCHER]);
  });
});

describe("graph model", () => {
  test("isFlowGraph", () => {
    assert.ok(isFlowGraph(profiled()));
    assert.ok(!isFlowGraph({ schema: "other", vertices: [], edges: [] }));
    assert.ok(!isFlowGraph(null));
    assert.ok(!isFlowGraph({ schema: "flux-graph/1", vertices: {} }));
  });
  test("a click goes to the declaration, else the use; nowhere for ENTRY", () => {
    const graph = profiled();
    assert.deepEqual(revealTarget(graph, 4), { start: { line: 1, character: 0 }, end: { line: 1, character: 46 } });
    graph.vertices[4].declaration = null;
    assert.deepEqual(revealTarget(graph, 4)?.start, { line: 6, character: 8 });
    assert.equal(revealTarget(graph, 0), undefined);
    assert.equal(revealTarget(graph, 99), undefined);
  });
  test("edge widths follow the counts on a log scale; none without a profile", () => {
    const graph = profiled();
    assert.ok(hasProfile(graph));
    const styles = edgeStyles(graph);
    assert.equal(styles.get(0)?.width, MAX_WIDTH);
    assert.equal(styles.get(9)?.width, MIN_WIDTH);
    assert.ok(styles.get(9)?.cold);
    assert.ok(!styles.get(2)?.cold);
    assert.equal(styles.has(10), false, "an edge without a count gets no style");
    const w = (id: number) => styles.get(id)!.width;
    assert.ok(w(2) > w(3) && w(3) > w(6) && w(6) > w(9), [2, 3, 6, 9].map(w).join(" "));
    assert.equal(styles.get(2)?.title, "900 flows (90.0%)");
    assert.equal(styles.get(9)?.title, "0 flows (0.0%)");
    for (const edge of graph.edges) delete edge.count;
    assert.ok(!hasProfile(graph));
    assert.equal(edgeStyles(graph).size, 0);
    graph.edges[0].count = null;
    assert.equal(edgeStyles(graph).size, 0);
  });
  test("vertex tooltips: types, constraints, count", () => {
    const title = vertexTitle(profiled().vertices[4]);
    assert.equal(title, "CheckCache\n(int) => (int, bool)\ncache?\n1,000 flows\nclick: go to the declaration");
  });
  test("the fallback layout: layers by longest path, no overlaps, every edge drawn", () => {
    const graph = profiled();
    const layer = layers(graph);
    assert.equal(layer.get(0), 0);
    assert.equal(layer.get(3), 1);
    assert.equal(layer.get(7), 4);
    assert.equal(layer.get(1), 5);
    const { boxes, lines, width, height } = layout(graph);
    assert.equal(boxes.length, graph.vertices.length);
    assert.equal(lines.length, graph.edges.length);
    for (const a of boxes) {
      assert.ok(a.x >= 0 && a.y >= 0 && a.x + a.width <= width && a.y + a.height <= height);
      for (const b of boxes) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        assert.ok(apart, `${a.label} overlaps ${b.label}`);
      }
    }
    assert.ok(boxes.some((b) => b.label === "ENTRY") && boxes.some((b) => b.label === "NotFound"));
  });
  test("a cycle (which the server never sends) does not hang the layout", () => {
    const graph = { vertices: profiled().vertices.slice(0, 2), edges: [
      { id: 0, src: 0, dst: 1, kind: "flow", label: "" }, { id: 1, src: 1, dst: 0, kind: "flow", label: "" }] };
    assert.equal(layout(graph).boxes.length, 2);
  });
});

describe("code lenses", () => {
  const at = { line: 4, character: 0 };
  const range = { start: { line: 9, character: 8 }, end: { line: 9, character: 12 } };
  test("Show flow graph opens the webview focused on the node", () => {
    assert.deepEqual(lensAction(FLOW_GRAPH_COMMAND, ["file:///a.flux", "Serve"], at), { kind: "flowGraph", uri: "file:///a.flux", node: "Serve" });
    assert.deepEqual(lensAction(FLOW_GRAPH_COMMAND, ["file:///a.flux"], at), { kind: "flowGraph", uri: "file:///a.flux", node: undefined });
  });
  test("N references peeks at the locations, from the lens", () => {
    assert.deepEqual(lensAction(REFERENCES_COMMAND, ["file:///a.flux", "Read", [{ uri: "file:///a.flux", range }, { bogus: 1 }]], at),
      { kind: "references", uri: "file:///a.flux", position: at, locations: [{ uri: "file:///a.flux", range }] });
  });
  test("Simulate load asks flux/simulate for the lens's source", () => {
    assert.deepEqual(lensAction(SIMULATE_COMMAND, ["file:///a.flux", "Listen"], at), { kind: "simulate", uri: "file:///a.flux", source: "Listen" });
  });
  test("other commands and malformed arguments are left alone", () => {
    assert.equal(lensAction("other.command", ["file:///a.flux"], at), undefined);
    assert.equal(lensAction(FLOW_GRAPH_COMMAND, [], at), undefined);
    assert.equal(lensAction(REFERENCES_COMMAND, ["file:///a.flux", "Read"], at), undefined);
  });
});

describe("webview page", () => {
  test("a strict CSP with the nonce, the script from its URI, the title escaped", () => {
    const html = graphHtml({ cspSource: "vscode-resource:", nonce: "abc123", scriptUri: "vscode-resource:/dist/webview.js", title: "Flow <Graph>" });
    assert.match(html, /default-src 'none'/);
    assert.match(html, /script-src 'nonce-abc123'/);
    assert.match(html, /<script nonce="abc123" src="vscode-resource:\/dist\/webview.js"><\/script>/);
    assert.match(html, /<title>Flow &lt;Graph&gt;<\/title>/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
  });
});

describe("status bar", () => {
  test("every state has a text and a tooltip; failures are errors", () => {
    const states: ServerState[] = ["starting", "running", "stopped", "missing", "failed"];
    for (const state of states) {
      const shown = statusText(state, "flux-ls --stdio");
      assert.match(shown.text, /Flux/);
      assert.match(shown.tooltip, /flux-ls --stdio/);
      assert.equal(shown.error, ["stopped", "missing", "failed"].includes(state));
    }
    assert.match(statusText("starting").text, /spin/);
  });
});

describe("package.json", () => {
  test("the language id, grammar, snippets and commands agree with the code", () => {
    const c = manifest.contributes as unknown as {
      languages: { id: string; extensions: string[]; configuration: string }[];
      grammars: { language: string; path: string; scopeName: string }[];
      snippets: { language: string; path: string }[];
      commands: { command: string }[];
    };
    assert.deepEqual(c.languages.map((l) => l.id), [LANGUAGE_ID]);
    assert.notEqual(LANGUAGE_ID, "flux", "InfluxData's Flux extension owns the id `flux`");
    assert.deepEqual(c.languages[0].extensions, [".flux", ".fx"]);
    const grammar = JSON.parse(fs.readFileSync(path.join(EXTENSION, c.grammars[0].path), "utf8")) as { scopeName: string };
    assert.equal(grammar.scopeName, c.grammars[0].scopeName);
    assert.notEqual(grammar.scopeName, "source.flux", "InfluxData's grammar is source.flux");
    const snippets = JSON.parse(fs.readFileSync(path.join(EXTENSION, c.snippets[0].path), "utf8")) as Record<string, { prefix: string; body: string[] }>;
    assert.ok(Object.keys(snippets).length >= 6);
    JSON.parse(fs.readFileSync(path.join(EXTENSION, c.languages[0].configuration), "utf8"));
    const contributed = c.commands.map((x) => x.command).sort();
    assert.deepEqual(contributed, Object.values(COMMANDS).filter((x) => x !== COMMANDS.showOutput).sort());
    for (const key of Object.keys(manifest.contributes.configuration.properties)) assert.ok(key.startsWith(`${SECTION}.`), key);
  });
});
