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

/** The command that installs the toolchain (`flux-ls` and `flux` on PATH), run in a clone of its repository. */
export const INSTALL_COMMAND = "pipx install .";

export const MISSING_SERVER =
  "The Flux language server (flux-ls) was not found. Install the Flux toolchain: in a clone of " +
  `its repository run \`${INSTALL_COMMAND}\` (flux-ls and flux go to ~/.local/bin), or ` +
  "`pip install .` into a Python environment and set fluxServer.pythonPath to its interpreter; " +
  "or set fluxServer.server.path to an installed flux-ls (make install puts one in .venv/bin/).";

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

/** pipx's default place, which a desktop-launched VS Code may not have on PATH. */
function inPipxBin(name: string, host: Host): string | undefined {
  if (host.platform === "win32" || !host.home) return undefined;
  const candidate = path.join(host.home, ".local", "bin", name);
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
 * `python -m flux_ls.lsp`); `flux-ls` on PATH; `~/.local/bin/flux-ls` (pipx); `.venv/bin/flux-ls`
 * in a workspace folder.
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
  const pipx = inPipxBin("flux-ls", host);
  if (pipx) return { command: pipx, args, origin: "~/.local/bin" };
  const venv = inWorkspaceVenv("flux-ls", host);
  if (venv) return { command: venv, args, origin: "the workspace's .venv" };
  return undefined;
}

/**
 * How to run the `flux` command for tasks: `cli.path`; `pythonPath` (its `flux`, else
 * `python -m flux_ls.cli.main`); the `flux` beside the server; `flux` on PATH, in ~/.local/bin or
 * in the workspace's `.venv`. Falls back to plain `flux`, so the task's own error says what is missing.
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
  const onPath = which("flux", host) ?? inPipxBin("flux", host) ?? inWorkspaceVenv("flux", host);
  return { command: onPath ?? "flux", args: [], origin: onPath ? "PATH" : "not found" };
}
