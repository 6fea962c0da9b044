/**
 * Where the language server and the `flux` command are: the settings resolved against the
 * machine. No `vscode` import, so it is unit-tested in plain Node.
 */
import * as path from "node:path";

/** The extension's settings that say how to start things (all optional). */
export interface Settings {
  serverPath: string;
  serverArgs: string[];
  pythonPath: string;
  cliPath: string;
}

/** What the resolution may look at: the file system and the environment, injected for tests. */
export interface Host {
  /** True when `file` exists and is executable. */
  isExecutable(file: string): boolean;
  /** The PATH environment variable's directories. */
  pathDirs: string[];
  /** Folders of the open workspace. */
  workspaceFolders: string[];
  platform: NodeJS.Platform;
  /** The user's home directory (for a leading `~`). */
  home: string;
}

export interface Command {
  command: string;
  args: string[];
  /** How it was found, for the status bar tooltip and the log. */
  origin: string;
}

/** The command that installs the toolchain from a checkout of its repository. */
export const INSTALL_COMMAND = "python3 -m pip install ./tree-sitter-flux .";

export const MISSING_SERVER =
  "The Flux language server (flux-ls) was not found. Install the Flux toolchain: in a checkout " +
  `of its repository run \`${INSTALL_COMMAND}\` (or \`make install\`, which puts flux-ls in ` +
  ".venv/bin/), then set fluxServer.server.path or fluxServer.pythonPath if it is not on PATH.";

function exe(platform: NodeJS.Platform, name: string): string {
  return platform === "win32" ? `${name}.exe` : name;
}

function binDir(platform: NodeJS.Platform): string {
  return platform === "win32" ? "Scripts" : "bin";
}

/** Expands a leading `~` and `${workspaceFolder}` (the first folder). */
export function expand(value: string, host: Host): string {
  let out = value.trim();
  if (out === "~" || out.startsWith("~/")) out = host.home + out.slice(1);
  const folder = host.workspaceFolders[0];
  if (folder !== undefined) out = out.split("${workspaceFolder}").join(folder);
  return out;
}

/** `name` on PATH, or undefined. */
export function which(name: string, host: Host): string | undefined {
  if (name.includes("/") || name.includes("\\")) return host.isExecutable(name) ? name : undefined;
  for (const dir of host.pathDirs) {
    if (!dir) continue;
    const candidate = path.join(dir, exe(host.platform, name));
    if (host.isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** The `bin/` next to a Python interpreter of a virtual environment. */
function siblingOf(python: string, name: string, host: Host): string | undefined {
  const candidate = path.join(path.dirname(python), exe(host.platform, name));
  return host.isExecutable(candidate) ? candidate : undefined;
}

function inWorkspaceVenv(name: string, host: Host): string | undefined {
  for (const folder of host.workspaceFolders) {
    const candidate = path.join(folder, ".venv", binDir(host.platform), exe(host.platform, name));
    if (host.isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/**
 * How to start `flux-ls`, in order: `server.path`; `pythonPath` (its own `flux-ls` script, else
 * `python -m flux_ls.lsp`); `flux-ls` on PATH; `.venv/bin/flux-ls` in a workspace folder.
 * Undefined when none is found. The client appends `--stdio`.
 */
export function resolveServer(settings: Settings, host: Host): Command | undefined {
  const args = [...settings.serverArgs];
  if (settings.serverPath.trim()) {
    const command = expand(settings.serverPath, host);
    const found = which(command, host);
    return found ? { command: found, args, origin: "fluxServer.server.path" } : undefined;
  }
  if (settings.pythonPath.trim()) {
    const python = which(expand(settings.pythonPath, host), host);
    if (python === undefined) return undefined;
    const script = siblingOf(python, "flux-ls", host);
    if (script) return { command: script, args, origin: "fluxServer.pythonPath" };
    return { command: python, args: ["-m", "flux_ls.lsp", ...args], origin: "fluxServer.pythonPath" };
  }
  const onPath = which("flux-ls", host);
  if (onPath) return { command: onPath, args, origin: "PATH" };
  const venv = inWorkspaceVenv("flux-ls", host);
  if (venv) return { command: venv, args, origin: "the workspace's .venv" };
  return undefined;
}

/**
 * How to run the `flux` command for tasks: `cli.path`; `pythonPath` (its `flux`, else
 * `python -m flux_ls.cli.main`); the `flux` beside the server; `flux` on PATH; the workspace's
 * `.venv`. Falls back to plain `flux`, so the task's own error says what is missing.
 */
export function resolveCli(settings: Settings, host: Host, server?: Command): Command {
  if (settings.cliPath.trim()) {
    const command = expand(settings.cliPath, host);
    return { command: which(command, host) ?? command, args: [], origin: "fluxServer.cli.path" };
  }
  if (settings.pythonPath.trim()) {
    const python = which(expand(settings.pythonPath, host), host);
    if (python !== undefined) {
      const script = siblingOf(python, "flux", host);
      if (script) return { command: script, args: [], origin: "fluxServer.pythonPath" };
      return { command: python, args: ["-m", "flux_ls.cli.main"], origin: "fluxServer.pythonPath" };
    }
  }
  if (server && server.origin !== "fluxServer.pythonPath" && !server.args.includes("-m")) {
    const beside = siblingOf(server.command, "flux", host);
    if (beside) return { command: beside, args: [], origin: `beside ${server.command}` };
  }
  const onPath = which("flux", host) ?? inWorkspaceVenv("flux", host);
  return { command: onPath ?? "flux", args: [], origin: onPath ? "PATH" : "not found" };
}
