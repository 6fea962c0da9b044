/**
 * End to end: the compiled extension (dist/extension.js, what the .vsix ships) activated in
 * plain Node with a stub `vscode` module, against the real flux-ls. It must start the server,
 * get the diagnostics of an example with a mistake, follow edits, feed the flow-graph webview
 * (updating as the document changes, a vertex click opening the declaration), restart, report a
 * missing server with the install command, and stop the server on deactivate.
 */
import "./vscodeModule";
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, test } from "node:test";
import { EXTENSION, FLUX_LS, REPO, toolchainMissing } from "./lsp";
import { CancellationTokenSource, Location, Position, Uri, control, recorded, workspace, type Diagnostic, type Document, type Panel } from "./vscodeStub";

interface Extension {
  activate(context: unknown): Promise<void>;
  deactivate(): Promise<void>;
}

const BUNDLE = path.join(EXTENSION, "dist", "extension.js");
const skip = !fs.existsSync(BUNDLE) ? `${BUNDLE} is missing: run npm run build` : toolchainMissing();

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Child processes of this test process (Linux /proc), to see flux-ls start and stop. */
function children(): number[] {
  if (!fs.existsSync("/proc/self/stat")) return [];
  const out: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const state = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
      if (ppid === process.pid && state !== "Z") out.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

function codes(diagnostics: Diagnostic[] | undefined): string[] {
  return (diagnostics ?? []).map((d) => {
    const code = d.code as string | { value: string } | undefined;
    return typeof code === "object" ? code.value : String(code);
  });
}

const status = () => recorded.statusItems[recorded.statusItems.length - 1];
const diagnosticsOf = (document: Document) => {
  for (const collection of recorded.collections) {
    const found = collection.get(document.uri);
    if (found) return found;
  }
  return undefined;
};

describe("the compiled extension against the real flux-ls", { skip }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flux-e2e-"));
  let extension: Extension;
  let document: Document;
  const context = { subscriptions: [] as { dispose(): unknown }[], extensionUri: Uri.file(EXTENSION),
    extensionPath: EXTENSION, globalState: { get: () => undefined, update: () => Promise.resolve() },
    workspaceState: { get: () => undefined, update: () => Promise.resolve() }, asAbsolutePath: (p: string) => path.join(EXTENSION, p) };

  after(async () => {
    await extension?.deactivate();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("activates, starts flux-ls and shows the example's mistake as a diagnostic", async () => {
    const source = fs.readFileSync(path.join(REPO, "examples", "webserver", "webserver.flux"), "utf8");
    const broken = source.replace("-> CheckUriLength ->", "-> CheckUriLenght ->");
    assert.notEqual(broken, source);
    const file = path.join(dir, "webserver.flux");
    fs.writeFileSync(file, broken);
    workspace.workspaceFolders = [{ uri: Uri.file(dir), name: "ws", index: 0 }];
    recorded.settings.set("fluxServer.server.path", FLUX_LS);
    document = control.open(file, broken, "flux-server");
    const before = children();
    extension = await import(BUNDLE) as Extension;
    await extension.activate(context);
    assert.equal(status().text, "$(check) Flux", String(status().tooltip));
    assert.match(String(status().tooltip), /flux-ls.* --stdio \(from fluxServer\.server\.path\)/);
    assert.ok(status().visible, "the status item shows for a Flux editor");
    assert.ok(children().some((pid) => !before.includes(pid)), "flux-ls runs as a child process");
    const diagnostics = await until("FLX101", () => codes(diagnosticsOf(document)).includes("FLX101") && diagnosticsOf(document));
    const flx101 = diagnostics.find((d) => codes([d])[0] === "FLX101")!;
    const line = broken.split("\n").findIndex((l) => l.includes("CheckUriLenght"));
    assert.equal(flx101.range.start.line, line);
    assert.match(flx101.message, /CheckUriLenght/);
  });

  test("an edit that fixes the mistake clears the diagnostic", async () => {
    control.change(document.edit("CheckUriLenght", "CheckUriLength"));
    await until("no FLX101", () => !codes(diagnosticsOf(document)).includes("FLX101"));
  });

  test("Show Flow Graph: a webview fed by flux/flowGraph, updated as you type, clicks open declarations", async () => {
    await recorded.commands.get("fluxServer.showFlowGraph")!();
    const panel: Panel = recorded.panels[0];
    assert.match(panel.html, /Content-Security-Policy/);
    assert.match(panel.html, /webview\.js/);
    panel.receive({ type: "ready" });
    type Message = { type: string; graph?: { version: number; vertices: { id: number; name: string; kind: string }[] } };
    const first = await until("a graph", () => (panel.posted as Message[]).find((m) => m.type === "graph"));
    assert.equal(first.graph!.version, document.version);
    assert.ok(first.graph!.vertices.some((v) => v.name === "LookupCache"));
    assert.ok(!first.graph!.vertices.some((v) => v.name === "Audit"));
    control.change(document.edit("ReadRequest -> ParseRequest ->", "ReadRequest -> Audit -> ParseRequest ->"));
    control.change(document.edit("/** Closes the connection. */",
      "/** Logs. */\nAudit (connection *conn, http_request *req) => (connection *conn, http_request *req);\n\n/** Closes the connection. */"));
    const second = await until("the graph after the edit", () => (panel.posted as Message[]).find((m) =>
      m.type === "graph" && m.graph!.vertices.some((v) => v.name === "Audit")));
    assert.equal(second.graph!.version, document.version);
    const audit = second.graph!.vertices.find((v) => v.name === "Audit" && v.kind === "concrete")!;
    panel.receive({ type: "reveal", vertex: audit.id });
    const shown = await until("showTextDocument", () => recorded.shown[0]);
    assert.equal(shown.uri, document.uri.toString());
    assert.equal(shown.selection?.start.line, document.getText().split("\n").findIndex((l) => l.startsWith("Audit (")));
  });

  test("code lenses: Show flow graph opens the webview on the node, N references peeks", async () => {
    const provider = recorded.codeLensProviders[recorded.codeLensProviders.length - 1];
    const lenses = (await provider.provideCodeLenses(document, new CancellationTokenSource().token)) ?? [];
    const graphLens = lenses.find((l) => l.command?.command === "fluxServer.showFlowGraph" && l.command.arguments?.[1] === "ServeFile");
    assert.ok(graphLens, JSON.stringify(lenses.map((l) => l.command)));
    assert.deepEqual(graphLens.command!.arguments, [document.uri.toString(), "ServeFile"]);
    const simulate = lenses.filter((l) => l.command?.command === "fluxServer.simulate");
    assert.ok(simulate.length >= 1 && simulate.every((l) => l.command!.arguments?.[0] === document.uri.toString() && typeof l.command!.arguments?.[1] === "string"),
      JSON.stringify(simulate.map((l) => l.command)));
    const references = lenses.filter((l) => l.command?.command === "editor.action.showReferences");
    assert.ok(references.length > 10);
    assert.ok(!lenses.some((l) => l.command?.command.startsWith("flux.")), "no lens is left to the server's commands");
    const [uri, position, locations] = references[0].command!.arguments as [Uri, Position, Location[]];
    assert.ok(uri instanceof Uri && position instanceof Position && locations.every((l) => l instanceof Location));
    assert.equal(position.line, references[0].range.start.line);
    await recorded.commands.get("fluxServer.showFlowGraph")!(...graphLens.command!.arguments);
    const panel: Panel = recorded.panels[0];
    type Message = { type: string; graph?: { node: string | null; vertices: { name: string }[] } };
    const focused = await until("the focused graph", () => (panel.posted as Message[]).find((m) => m.type === "graph" && m.graph!.node === "ServeFile"));
    assert.ok(!focused.graph!.vertices.some((v) => v.name === "ReadRequest"), "only ServeFile's sub-flow");
    assert.match(panel.title, /\(ServeFile\)/);
  });

  test("Restart Server starts a new flux-ls, which diagnoses again", async () => {
    const before = children();
    control.change(document.edit("-> Audit ->", "-> Audti ->"));
    await until("FLX101 before the restart", () => codes(diagnosticsOf(document)).includes("FLX101"));
    await recorded.commands.get("fluxServer.restartServer")!();
    assert.equal(status().text, "$(check) Flux");
    const after = children();
    assert.ok(after.some((pid) => !before.includes(pid)), "a new server process");
    assert.ok(before.some((pid) => !after.includes(pid)), "the old server process ended");
    await until("FLX101 from the new server", () => codes(diagnosticsOf(document)).includes("FLX101"));
  });

  test("the task provider offers check, build and run with the $flux matcher", async () => {
    const tasks = await recorded.taskProviders.get("flux")!.provideTasks() as { name: string; problemMatchers: string[] }[];
    assert.deepEqual(tasks.map((t) => t.name), ["check"]);
    assert.deepEqual(tasks[0].problemMatchers, ["$flux"]);
  });

  test("a missing server: an error with the install command, and the status says so", async () => {
    recorded.settings.set("fluxServer.server.path", path.join(dir, "no-such-flux-ls"));
    await recorded.commands.get("fluxServer.restartServer")!();
    const error = await until("the error message", () => recorded.messages.find((m) => m.level === "error"));
    assert.match(error.text, /flux-ls\) was not found/);
    assert.match(error.text, /`pipx install \.`/);
    assert.deepEqual(error.items, ["Open Settings", "Copy Install Command"]);
    assert.match(status().text, /no flux-ls/);
    recorded.settings.set("fluxServer.server.path", FLUX_LS);
    await recorded.commands.get("fluxServer.restartServer")!();
    assert.equal(status().text, "$(check) Flux");
  });

  test("deactivate stops flux-ls", async () => {
    assert.ok(children().length > 0);
    await extension.deactivate();
    await until("no child process", () => children().length === 0, 10000);
  });
});
