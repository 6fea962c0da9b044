/**
 * What the server's code-lens commands do in VS Code. flux-ls puts `flux.flowGraph` ("Show
 * flow graph", arguments `[uri, node]`) and `flux.showReferences` ("N references", arguments
 * `[uri, name, locations]`) and `flux.simulate` ("Simulate load", arguments `[uri, source]`) on
 * its lenses (docs/lsp.md); run on the server they would only return data, so the extension
 * shows the graph in its webview, the locations in VS Code's references peek and the
 * prediction table in an editor. No `vscode` import: extension.ts builds the VS Code objects.
 */
import type { Position, Range } from "./graph/model";

export const FLOW_GRAPH_COMMAND = "flux.flowGraph";
export const REFERENCES_COMMAND = "flux.showReferences";
export const SIMULATE_COMMAND = "flux.simulate";

export interface LspLocation {
  uri: string;
  range: Range;
}

export type LensAction =
  | { kind: "flowGraph"; uri: string; node: string | undefined }
  | { kind: "references"; uri: string; position: Position; locations: LspLocation[] }
  | { kind: "simulate"; uri: string; source: string | undefined };

function isRange(value: unknown): value is Range {
  const r = value as Range | undefined;
  return typeof r?.start?.line === "number" && typeof r.start.character === "number" &&
    typeof r.end?.line === "number" && typeof r.end.character === "number";
}

function isLocation(value: unknown): value is LspLocation {
  const l = value as LspLocation | undefined;
  return typeof l?.uri === "string" && isRange(l.range);
}

/** The action of a lens command, or undefined for a command this extension leaves alone. */
export function lensAction(command: string, args: unknown[] | undefined, lensStart: Position): LensAction | undefined {
  const [uri, second, third] = args ?? [];
  if (typeof uri !== "string") return undefined;
  if (command === FLOW_GRAPH_COMMAND) {
    return { kind: "flowGraph", uri, node: typeof second === "string" && second ? second : undefined };
  }
  if (command === SIMULATE_COMMAND) {
    return { kind: "simulate", uri, source: typeof second === "string" && second ? second : undefined };
  }
  if (command === REFERENCES_COMMAND && Array.isArray(third)) {
    return { kind: "references", uri, position: lensStart, locations: third.filter(isLocation) };
  }
  return undefined;
}
