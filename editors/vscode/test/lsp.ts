/**
 * Test helpers: the repository's paths, the real `flux-ls` over stdio with vscode-jsonrpc (for
 * the tests that need real server output: the grammar against semantic tokens, the webview
 * against a real graph) and the `flux` CLI.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";

/** editors/vscode (the compiled tests run from out/test/). */
export const EXTENSION = path.resolve(__dirname, "..", "..");
export const REPO = path.resolve(EXTENSION, "..", "..");
export const VENV_BIN = path.join(REPO, ".venv", "bin");
export const FLUX_LS = process.env.FLUX_LS ?? path.join(VENV_BIN, "flux-ls");
export const FLUX = process.env.FLUX ?? path.join(VENV_BIN, "flux");

/** Why the tests that need the toolchain cannot run, or undefined when they can. */
export function toolchainMissing(): string | undefined {
  for (const file of [FLUX_LS, FLUX]) {
    if (!fs.existsSync(file)) return `${file} is missing: run \`make install\` in the repository first`;
  }
  return undefined;
}

/** Every bundled example program, sorted. */
export function examplePrograms(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(flux|fx)$/.test(entry.name)) out.push(full);
    }
  };
  walk(path.join(REPO, "examples"));
  return out.sort();
}

export function runFlux(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(FLUX, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface Server {
  connection: MessageConnection;
  process: ChildProcess;
  open(file: string, text?: string): Promise<string>;
  close(): Promise<void>;
}

/** `flux-ls --stdio`, initialized as a client with VS Code's defaults (UTF-16 positions). */
export async function startServer(root: string): Promise<Server> {
  const child = spawn(FLUX_LS, ["--stdio"], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
  child.stderr?.resume();
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onNotification(() => undefined);
  connection.onRequest(() => null);
  connection.listen();
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: null,
    capabilities: { textDocument: { semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ["relative"] } } },
    initializationOptions: { diagnosticMode: "push" },
  });
  await connection.sendNotification("initialized", {});
  return {
    connection,
    process: child,
    async open(file: string, text = fs.readFileSync(file, "utf8")): Promise<string> {
      const uri = pathToFileURL(file).href;
      await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "flux-server", version: 1, text } });
      return uri;
    },
    async close(): Promise<void> {
      await connection.sendRequest("shutdown");
      await connection.sendNotification("exit");
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) resolve();
        else child.once("exit", () => resolve());
      });
      connection.dispose();
    },
  };
}
