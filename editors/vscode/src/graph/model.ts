/**
 * The `flux/flowGraph` result (schema `flux-graph/1`, docs/lsp.md) as the extension and the
 * webview read it, and what they compute from it: the place a clicked vertex jumps to and the
 * edge widths of a profile. Pure: no `vscode`, no DOM.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Constraint {
  name: string;
  mode: "read" | "write";
  scope: "program" | "session";
  elevated: boolean;
  upgraded: boolean;
  reason: string | null;
}

export interface Vertex {
  id: number;
  kind: string;
  name: string;
  parent: number | null;
  reachable: boolean;
  expanded?: boolean;
  handles?: string | null;
  declaration: Range | null;
  use: Range | null;
  inputs?: (string | null)[] | null;
  outputs?: (string | null)[] | null;
  constraints?: { declared: Constraint[]; effective: Constraint[] };
  /** Profile: how many flows arrived here (absent without a profile). */
  count?: number | null;
}

export interface Edge {
  id: number;
  src: number;
  dst: number;
  kind: string;
  label: string;
  weight?: number;
  range?: Range | null;
  /** Profile: how many flows took this edge (absent without a profile). */
  count?: number | null;
}

export interface FlowGraph {
  schema: string;
  uri: string;
  version: number | null;
  node: string | null;
  paths: number;
  truncated: boolean;
  vertices: Vertex[];
  edges: Edge[];
  dot?: string;
  svg: string | null;
  svgError?: string;
}

/** Messages from the extension to the webview, and back. */
export type ToWebview =
  | { type: "graph"; graph: FlowGraph; title: string }
  | { type: "error"; message: string; title: string };

export type FromWebview = { type: "reveal"; vertex: number } | { type: "ready" };

/** A light check that a value is a flux-graph/1 result (the server may be older or newer). */
export function isFlowGraph(value: unknown): value is FlowGraph {
  if (typeof value !== "object" || value === null) return false;
  const g = value as Partial<FlowGraph>;
  return typeof g.schema === "string" && g.schema.startsWith("flux-graph/") &&
    Array.isArray(g.vertices) && Array.isArray(g.edges);
}

/**
 * Where clicking vertex `id` goes: the declaration of the node (or handler), else where it is
 * used; undefined for ENTRY/EXIT/ERROR and unknown ids.
 */
export function revealTarget(graph: FlowGraph, id: number): Range | undefined {
  const vertex = graph.vertices.find((v) => v.id === id);
  if (!vertex) return undefined;
  return vertex.declaration ?? vertex.use ?? undefined;
}

function finiteCount(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** True when the graph carries a profile: at least one edge with a count. */
export function hasProfile(graph: Pick<FlowGraph, "edges">): boolean {
  return graph.edges.some((e) => finiteCount(e.count) !== undefined);
}

export interface EdgeStyle {
  /** Stroke width in SVG user units (Graphviz draws edges 1 wide). */
  width: number;
  /** Never taken in the profile. */
  cold: boolean;
  /** Text for the tooltip, e.g. "1,234 flows (61.7%)". */
  title: string;
}

export const MIN_WIDTH = 1;
export const MAX_WIDTH = 8;

/**
 * Edge widths that follow the profile: width grows with the logarithm of an edge's count, from
 * MIN_WIDTH (a count of 0 or 1) to MAX_WIDTH (the busiest edge), so a hot path stands out
 * without a rare one vanishing. Empty without a profile; edges without a count get no style.
 * The share is of the flows that left ENTRY (the edges from ENTRY), else of the busiest edge.
 */
export function edgeStyles(graph: Pick<FlowGraph, "edges" | "vertices">): Map<number, EdgeStyle> {
  const styles = new Map<number, EdgeStyle>();
  if (!hasProfile(graph)) return styles;
  const counts = graph.edges.map((e) => finiteCount(e.count) ?? 0);
  const max = Math.max(...counts);
  const entry = graph.vertices.find((v) => v.kind === "entry")?.id;
  const total = graph.edges.filter((e) => e.src === entry)
    .reduce((sum, e) => sum + (finiteCount(e.count) ?? 0), 0) || max;
  for (const edge of graph.edges) {
    const count = finiteCount(edge.count);
    if (count === undefined) continue;
    const scale = max > 1 ? Math.log1p(count) / Math.log1p(max) : count > 0 ? 1 : 0;
    const width = Math.round((MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * scale) * 100) / 100;
    const share = total > 0 ? ` (${((100 * count) / total).toFixed(1)}%)` : "";
    styles.set(edge.id, {
      width,
      cold: count === 0,
      title: `${count.toLocaleString("en-US")} flow${count === 1 ? "" : "s"}${share}`,
    });
  }
  return styles;
}

/** A vertex's tooltip: name, types, effective constraints with reasons, profile count. */
export function vertexTitle(vertex: Vertex): string {
  const lines = [vertex.name];
  if (vertex.inputs || vertex.outputs) {
    const show = (types: (string | null)[] | null | undefined) =>
      `(${(types ?? []).map((t) => t ?? "?").join(", ")})`;
    lines.push(`${show(vertex.inputs)} => ${show(vertex.outputs)}`);
  }
  for (const c of vertex.constraints?.effective ?? []) {
    const text = `${c.name}${c.mode === "read" ? "?" : ""}${c.scope === "session" ? "(session)" : ""}`;
    lines.push(c.reason ? `${text}: ${c.reason}` : text);
  }
  const count = finiteCount(vertex.count);
  if (count !== undefined) lines.push(`${count.toLocaleString("en-US")} flows`);
  if (vertex.declaration) lines.push("click: go to the declaration");
  return lines.join("\n");
}
