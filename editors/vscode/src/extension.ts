/**
 * The Flux extension: starts `flux-ls --stdio` through vscode-languageclient for Flux server
 * programs (language id `flux-server`, so it coexists with InfluxData's Flux query language),
 * shows the server's state in the status bar, and adds Show Flow Graph, Check Workspace,
 * Build, Run Server (tasks with the `$flux` problem matcher) and Restart Server.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { INSTALL_COMMAND, MISSING_SERVER, resolveCli, resolveServer, type Command, type Host, type Settings } from "./config";
import { GraphPanel } from "./graphPanel";
import { lensAction } from "./lenses";
import { COMMANDS, LANGUAGE_ID, SECTION, TASK_TYPE } from "./ids";
import { statusText, type ServerState } from "./status";
import { PROBLEM_MATCHER, TASK_SOURCE, projectOf, taskSpec, taskSpecs, type FluxTaskDefinition, type FluxTaskKind, type TaskSpec } from "./tasks";

let client: LanguageClient | undefined;
let server: Command | undefined;
let status: vscode.StatusBarItem;
let output: vscode.OutputChannel;
let state: ServerState = "stopped";
let stateDetail = "";

function settings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    serverPath: config.get<string>("server.path", ""),
    serverArgs: config.get<string[]>("server.args", []),
    pythonPath: config.get<string>("pythonPath", ""),
    cliPath: config.get<string>("cli.path", ""),
  };
}

function host(): Host {
  return {
    isExecutable(file: string): boolean {
      try {
        fs.accessSync(file, fs.constants.X_OK);
        return fs.statSync(file).isFile();
      } catch {
        return false;
      }
    },
    pathDirs: (process.env.PATH ?? "").split(path.delimiter),
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
    platform: process.platform,
    home: os.homedir(),
  };
}

function setState(next: ServerState, detail = stateDetail): void {
  state = next;
  stateDetail = detail;
  const shown = statusText(state, detail);
  status.text = shown.text;
  status.tooltip = shown.tooltip;
  status.backgroundColor = shown.error ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
  status.command = state === "missing" || state === "stopped" ? COMMANDS.restartServer : COMMANDS.showOutput;
}

function updateStatusVisibility(): void {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === LANGUAGE_ID || state === "missing" || state === "failed") status.show();
  else status.hide();
}

async function reportMissing(): Promise<void> {
  setState("missing", "Set fluxServer.server.path or fluxServer.pythonPath, or put flux-ls on PATH.");
  updateStatusVisibility();
  output.appendLine(MISSING_SERVER);
  const choice = await vscode.window.showErrorMessage(MISSING_SERVER, "Open Settings", "Copy Install Command");
  if (choice === "Open Settings") {
    await vscode.commands.executeCommand("workbench.action.openSettings", "fluxServer");
  } else if (choice === "Copy Install Command") {
    await vscode.env.clipboard.writeText(INSTALL_COMMAND);
  }
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  server = resolveServer(settings(), host());
  if (!server) {
    void reportMissing();
    return;
  }
  const serverOptions: ServerOptions = {
    command: server.command,
    args: server.args,
    transport: TransportKind.stdio, // the client appends --stdio
    options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID, scheme: "file" }, { language: LANGUAGE_ID, scheme: "untitled" }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.{flux,fx}") },
    outputChannel: output,
    initializationOptions: {},
    middleware: {
      async provideCodeLenses(document, token, next) {
        const lenses = await next(document, token);
        return lenses?.map(rewriteLens);
      },
    },
  };
  const created = new LanguageClient(SECTION, "Flux Language Server", serverOptions, clientOptions);
  client = created;
  const detail = `${server.command} ${[...server.args, "--stdio"].join(" ")} (from ${server.origin})`;
  setState("starting", detail);
  context.subscriptions.push(created.onDidChangeState((event) => {
    if (client !== created) return;
    if (event.newState === State.Running) setState("running");
    else if (event.newState === State.Starting) setState("starting");
    else setState("stopped");
    updateStatusVisibility();
    GraphPanel.serverChanged();
  }));
  try {
    await created.start();
    if (client === created) setState("running");
    GraphPanel.serverChanged();
  } catch (error) {
    if (client === created) {
      setState("failed", `${detail}\n${error instanceof Error ? error.message : String(error)}`);
      output.appendLine(`flux-ls did not start: ${String(error)}`);
    }
  }
  updateStatusVisibility();
}

/** A server lens command made local: the graph webview, VS Code's references peek. */
function rewriteLens(lens: vscode.CodeLens): vscode.CodeLens {
  const command = lens.command;
  if (!command) return lens;
  const start = { line: lens.range.start.line, character: lens.range.start.character };
  const action = lensAction(command.command, command.arguments, start);
  if (action?.kind === "flowGraph") {
    lens.command = { title: command.title, command: COMMANDS.showFlowGraph, arguments: [action.uri, action.node] };
  } else if (action?.kind === "simulate") {
    lens.command = { title: command.title, command: COMMANDS.simulate, arguments: [action.uri, action.source] };
  } else if (action?.kind === "references") {
    const toRange = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
      new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    lens.command = { title: command.title, command: "editor.action.showReferences", arguments: [
      vscode.Uri.parse(action.uri), new vscode.Position(action.position.line, action.position.character),
      action.locations.map((l) => new vscode.Location(vscode.Uri.parse(l.uri), toRange(l.range)))] };
  }
  return lens;
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop(5000);
    } catch (error) {
      output.appendLine(`stopping flux-ls: ${String(error)}`);
    }
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stopClient();
  await startClient(context);
}

function toTask(spec: TaskSpec, folder: vscode.WorkspaceFolder, definition: vscode.TaskDefinition = spec.definition): vscode.Task {
  const execution = new vscode.ProcessExecution(spec.command, spec.args, { cwd: folder.uri.fsPath, env: spec.env });
  const task = new vscode.Task(definition, folder, spec.label, TASK_SOURCE, execution, [PROBLEM_MATCHER]);
  if (spec.group === "build") task.group = vscode.TaskGroup.Build;
  if (spec.group === "test") task.group = vscode.TaskGroup.Test;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true };
  return task;
}

async function projects(folder: vscode.WorkspaceFolder): Promise<string[]> {
  const manifests = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, "**/flux.toml"),
    "**/{node_modules,.venv,.git,.flux-build}/**", 200);
  return manifests.map((m) => projectOf(folder.uri.fsPath, m.fsPath));
}

function cli(): Command {
  return resolveCli(settings(), host(), server);
}

const taskProvider: vscode.TaskProvider = {
  async provideTasks(): Promise<vscode.Task[]> {
    const tasks: vscode.Task[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const spec of taskSpecs(cli(), await projects(folder))) tasks.push(toTask(spec, folder));
    }
    return tasks;
  },
  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition as FluxTaskDefinition;
    const folder = typeof task.scope === "object" ? task.scope : vscode.workspace.workspaceFolders?.[0];
    if (!folder || !["check", "build", "run"].includes(definition.command)) return undefined;
    return toTask(taskSpec(cli(), definition), folder, task.definition);
  },
};

/** Runs a flux task; with several projects, asks which one. */
async function runTask(kind: FluxTaskKind): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showWarningMessage("Flux: open a folder first (tasks run in a workspace folder).");
    return;
  }
  const candidates: vscode.Task[] = [];
  for (const folder of folders) {
    for (const spec of taskSpecs(cli(), kind === "check" ? [] : await projects(folder))) {
      if (spec.definition.command === kind) candidates.push(toTask(spec, folder));
    }
  }
  if (candidates.length === 0) {
    void vscode.window.showWarningMessage(`Flux: no flux.toml in the workspace, so nothing to ${kind} (\`flux new NAME\` scaffolds a project).`);
    return;
  }
  let task = candidates[0];
  if (candidates.length > 1) {
    const picked = await vscode.window.showQuickPick(candidates.map((t) => ({ label: t.name, task: t })),
      { placeHolder: `Flux: which project to ${kind}?` });
    if (!picked) return;
    task = picked.task;
  }
  await vscode.tasks.executeTask(task);
}

function activeFluxDocument(): vscode.TextDocument | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === LANGUAGE_ID) return editor.document;
  return vscode.window.visibleTextEditors.find((e) => e.document.languageId === LANGUAGE_ID)?.document;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("Flux Language Server");
  status = vscode.window.createStatusBarItem("fluxServer.status", vscode.StatusBarAlignment.Left, 10);
  status.name = "Flux Language Server";
  context.subscriptions.push(output, status);
  const registerCommand = (name: string, run: (...args: unknown[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(name, run));
  registerCommand(COMMANDS.restartServer, () => restart(context));
  registerCommand(COMMANDS.showOutput, () => output.show(true));
  registerCommand(COMMANDS.checkWorkspace, () => runTask("check"));
  registerCommand(COMMANDS.build, () => runTask("build"));
  registerCommand(COMMANDS.runServer, () => runTask("run"));
  registerCommand(COMMANDS.showFlowGraph, async (uri?: unknown, node?: unknown) => {
    // From the palette or the editor title: the active Flux file (a title-bar click passes its
    // Uri); from a "Show flow graph" lens: the document's URI and the node to focus on.
    const wanted = typeof uri === "string" ? uri : uri instanceof vscode.Uri ? uri.toString() : undefined;
    const document = wanted
      ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === wanted) ?? await vscode.workspace.openTextDocument(vscode.Uri.parse(wanted))
      : activeFluxDocument();
    if (!document) {
      void vscode.window.showInformationMessage("Flux: open a Flux file (language \"Flux (servers)\") to see its flow graph.");
      return;
    }
    GraphPanel.show(context.extensionUri, () => client, document, typeof node === "string" ? node : undefined);
  });
  registerCommand(COMMANDS.simulate, async (uri?: unknown, source?: unknown) => {
    // flux/simulate (docs/simulate.md): the prediction table of the document's program, with
    // its project's profile or estimates.toml; from the palette, the active Flux file.
    const wanted = typeof uri === "string" ? uri : uri instanceof vscode.Uri ? uri.toString() : activeFluxDocument()?.uri.toString();
    if (!wanted || !client) {
      void vscode.window.showInformationMessage("Flux: open a Flux file with flux-ls running to simulate it.");
      return;
    }
    const running = client;
    const params = { textDocument: { uri: wanted }, source: typeof source === "string" ? source : undefined };
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: "Flux: simulating", cancellable: true },
        (_progress, token) => running.sendRequest<{ text?: string }>("flux/simulate", params, token));
      const document = await vscode.workspace.openTextDocument({ content: result?.text ?? "", language: "plaintext" });
      await vscode.window.showTextDocument(document, { preview: true });
    } catch (error) {
      void vscode.window.showErrorMessage(`Flux: simulation failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  context.subscriptions.push(
    vscode.tasks.registerTaskProvider(TASK_TYPE, taskProvider),
    vscode.window.onDidChangeActiveTextEditor(() => updateStatusVisibility()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (["server.path", "server.args", "pythonPath"].some((key) => event.affectsConfiguration(`${SECTION}.${key}`))) {
        void restart(context);
      }
    }),
  );
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
