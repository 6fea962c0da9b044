/**
 * The tasks of the Check Workspace, Build and Run Server commands: `flux check`, `flux build`
 * and `flux run` as shell processes whose gcc-style output (`file:line:col: severity: message
 * [FLXnnn]`) the `$flux` problem matcher of package.json puts in the Problems panel.
 * No `vscode` import: extension.ts turns these specs into `vscode.Task`s.
 */
import type { Command } from "./config";

export type FluxTaskKind = "check" | "build" | "run";

/** The task definition (`"type": "flux"` in tasks.json). */
export interface FluxTaskDefinition {
  type: "flux";
  command: FluxTaskKind;
  args?: string[];
}

export interface TaskSpec {
  label: string;
  definition: FluxTaskDefinition;
  /** The process and its arguments. */
  command: string;
  args: string[];
  /** Plain text for the problem matcher: no ANSI colours. */
  env: Record<string, string>;
  /** Build is in the build group, Check in the test group. */
  group: "build" | "test" | undefined;
}

export const PROBLEM_MATCHER = "$flux";
export const TASK_SOURCE = "flux";

/** One project: the folder of a `flux.toml`, relative to the workspace folder ("" = the root). */
function projectLabel(project: string): string {
  return project === "" || project === "." ? "" : ` ${project}`;
}

/** The spec of one task from its definition (also used to resolve tasks.json entries). */
export function taskSpec(cli: Command, definition: FluxTaskDefinition): TaskSpec {
  const extra = definition.args ?? [];
  const args = [...cli.args, definition.command];
  let label: string;
  switch (definition.command) {
    case "check":
      args.push(...(extra.length ? extra : ["."]));
      label = `check${extra.length ? " " + extra.join(" ") : ""}`;
      break;
    case "build":
      args.push(...extra);
      label = `build${projectLabel(extra[0] ?? "")}`;
      break;
    case "run":
      args.push(...extra);
      label = `run${projectLabel(extra[0] ?? "")}`;
      break;
  }
  return {
    label,
    definition,
    command: cli.command,
    args,
    env: { NO_COLOR: "1" },
    group: definition.command === "run" ? undefined : definition.command === "check" ? "test" : "build",
  };
}

/**
 * Every task the provider offers: one `check` of the whole folder, and one `build` and one
 * `run` per project (`flux.toml`) found, sorted.
 */
export function taskSpecs(cli: Command, projects: string[]): TaskSpec[] {
  const specs = [taskSpec(cli, { type: "flux", command: "check" })];
  for (const project of [...new Set(projects)].sort()) {
    const where = project === "" || project === "." ? [] : [project];
    specs.push(taskSpec(cli, { type: "flux", command: "build", args: where }));
    specs.push(taskSpec(cli, { type: "flux", command: "run", args: where }));
  }
  return specs;
}

/** The folder of a `flux.toml` relative to the workspace folder, with `/` separators. */
export function projectOf(workspaceFolder: string, manifest: string): string {
  const sep = manifest.includes("\\") && !manifest.includes("/") ? "\\" : "/";
  const folder = workspaceFolder.replace(/[\\/]+$/, "");
  let dir = manifest.slice(0, manifest.lastIndexOf(sep));
  if (dir === folder) return "";
  if (dir.startsWith(folder + sep)) dir = dir.slice(folder.length + 1);
  return dir.split(sep).join("/");
}
