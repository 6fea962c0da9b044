/**
 * A simple layered layout for when the server has no Graphviz (`svg` is null): each vertex
 * goes on the layer of its longest path from a root, left to right in the order the server
 * listed them; edges are straight lines. Pure: the webview turns it into SVG elements.
 */
import type { FlowGraph } from "./model";

export interface Box {
  id: number;
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  kind: string;
}

export interface Line {
  id: number;
  from: { x: number; y: number };
  to: { x: number; y: number };
}

export interface Layout {
  boxes: Box[];
  lines: Line[];
  width: number;
  height: number;
}

const CHAR = 7.2;
const HEIGHT = 28;
const GAP_X = 24;
const GAP_Y = 44;
const MARGIN = 16;

export function label(kind: string, name: string): string {
  switch (kind) {
    case "entry": return "ENTRY";
    case "exit": return "EXIT";
    case "error": return "ERROR";
    case "return": return "return";
    case "unknown": return `${name}?`;
    default: return name;
  }
}

/** Longest-path layers (the graph is acyclic; a cycle, which the server never sends, is cut). */
export function layers(graph: Pick<FlowGraph, "vertices" | "edges">): Map<number, number> {
  const ids = new Set(graph.vertices.map((v) => v.id));
  const incoming = new Map<number, number[]>();
  for (const e of graph.edges) {
    if (!ids.has(e.src) || !ids.has(e.dst) || e.src === e.dst) continue;
    incoming.set(e.dst, [...(incoming.get(e.dst) ?? []), e.src]);
  }
  const layer = new Map<number, number>();
  const visiting = new Set<number>();
  const depth = (id: number): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const preds = incoming.get(id) ?? [];
    const value = preds.length ? Math.max(...preds.map(depth)) + 1 : 0;
    visiting.delete(id);
    layer.set(id, value);
    return value;
  };
  for (const v of graph.vertices) depth(v.id);
  return layer;
}

export function layout(graph: Pick<FlowGraph, "vertices" | "edges">): Layout {
  const layer = layers(graph);
  const sparse: Box[][] = [];
  for (const v of graph.vertices) {
    const text = label(v.kind, v.name);
    const box: Box = { id: v.id, x: 0, y: 0, width: Math.max(48, text.length * CHAR + 20),
      height: HEIGHT, label: text, kind: v.kind };
    const row = layer.get(v.id) ?? 0;
    (sparse[row] ??= []).push(box);
  }
  const rows = sparse.filter((row) => row !== undefined); // a cut cycle can leave a layer empty
  let width = 0;
  rows.forEach((row, index) => {
    let x = MARGIN;
    for (const box of row) {
      box.x = x;
      box.y = MARGIN + index * (HEIGHT + GAP_Y);
      x += box.width + GAP_X;
    }
    width = Math.max(width, x - GAP_X + MARGIN);
  });
  for (const row of rows) {
    const last = row[row.length - 1];
    const shift = (width - MARGIN - (last.x + last.width)) / 2; // centre the row
    for (const box of row) box.x += shift;
  }
  const boxes = rows.flat();
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const lines: Line[] = [];
  for (const e of graph.edges) {
    const a = byId.get(e.src);
    const b = byId.get(e.dst);
    if (!a || !b) continue;
    const down = b.y > a.y;
    lines.push({ id: e.id,
      from: { x: a.x + a.width / 2, y: down ? a.y + a.height : a.y + a.height / 2 },
      to: { x: b.x + b.width / 2, y: down ? b.y : b.y + b.height / 2 } });
  }
  const height = MARGIN * 2 + Math.max(rows.length, 1) * (HEIGHT + GAP_Y) - GAP_Y;
  return { boxes, lines, width: Math.max(width, 2 * MARGIN), height };
}
