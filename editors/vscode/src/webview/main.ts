/**
 * The script of the flow-graph webview (bundled to dist/webview.js). It shows the Graphviz SVG
 * the server rendered (or, without Graphviz, a simple layered drawing), makes every node
 * clickable (the extension then opens its declaration) and, when the graph carries a profile,
 * draws each edge as wide as its count says.
 */
import { edgeStyles, hasProfile, vertexTitle, type FlowGraph, type FromWebview, type ToWebview } from "../graph/model";
import { layout } from "../graph/layout";

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void };

const vscode = acquireVsCodeApi();
const SVG = "http://www.w3.org/2000/svg";

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`missing #${id}`);
  return element;
}

function svgElement<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, String(value));
  return element;
}

function titled(element: Element, text: string): void {
  let title = element.querySelector(":scope > title");
  if (!title) {
    title = document.createElementNS(SVG, "title");
    element.prepend(title);
  }
  title.textContent = text;
}

/** The Graphviz SVG, parsed (never as HTML). */
function parseSvg(text: string): SVGSVGElement | undefined {
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  const root = doc.documentElement;
  if (root.nodeName !== "svg" || doc.querySelector("parsererror")) return undefined;
  return document.importNode(root, true) as unknown as SVGSVGElement;
}

/** Without Graphviz: boxes on layers, straight edges, with the ids Graphviz would give. */
function drawLayout(graph: FlowGraph): SVGSVGElement {
  const { boxes, lines, width, height } = layout(graph);
  const svg = svgElement("svg", { width, height, viewBox: `0 0 ${width} ${height}` });
  const defs = svgElement("defs", {});
  const marker = svgElement("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
    markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" });
  marker.append(svgElement("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#333" }));
  defs.append(marker);
  svg.append(defs);
  for (const line of lines) {
    const g = svgElement("g", { id: `e${line.id}`, class: "edge" });
    const bend = Math.max(20, Math.abs(line.to.y - line.from.y) / 3);
    g.append(svgElement("path", { d: `M${line.from.x},${line.from.y} C${line.from.x},${line.from.y + bend} ${line.to.x},${line.to.y - bend} ${line.to.x},${line.to.y}`,
      stroke: "#333", fill: "none", "marker-end": "url(#arrow)" }));
    svg.append(g);
  }
  for (const box of boxes) {
    const g = svgElement("g", { id: `v${box.id}`, class: "node" });
    const red = box.kind === "error" || box.kind === "handler" || box.kind === "unknown";
    g.append(svgElement("rect", { x: box.x, y: box.y, width: box.width, height: box.height, rx: 6,
      fill: "#fff", stroke: red ? "#c92a2a" : "#333" }));
    const text = svgElement("text", { x: box.x + box.width / 2, y: box.y + box.height / 2 + 4,
      "text-anchor": "middle", "font-size": 12, fill: red ? "#c92a2a" : "#000" });
    text.textContent = box.label;
    g.append(text);
    svg.append(g);
  }
  return svg;
}

/** Clickable vertices and profile widths on either drawing (ids `v<N>` and `e<N>`). */
function decorate(svg: SVGSVGElement, graph: FlowGraph): void {
  const vertices = new Map(graph.vertices.map((v) => [v.id, v]));
  for (const g of Array.from(svg.querySelectorAll("g.node"))) {
    const vertex = vertices.get(Number(g.id.replace(/^v/, "")));
    if (!vertex) continue;
    titled(g, vertexTitle(vertex));
    if (!vertex.declaration && !vertex.use) continue;
    g.classList.add("clickable");
    g.addEventListener("click", (event) => {
      event.preventDefault();
      vscode.postMessage({ type: "reveal", vertex: vertex.id });
    });
  }
  const styles = edgeStyles(graph);
  for (const g of Array.from(svg.querySelectorAll("g.edge"))) {
    const style = styles.get(Number(g.id.replace(/^e/, "")));
    if (!style) continue;
    g.setAttribute("data-count-width", String(style.width));
    g.classList.toggle("cold", style.cold);
    for (const path of Array.from(g.querySelectorAll("path"))) {
      path.setAttribute("stroke-width", String(style.width));
    }
    for (const head of Array.from(g.querySelectorAll("polygon"))) {
      head.setAttribute("stroke-width", String(Math.max(1, style.width / 2)));
    }
    titled(g, style.title);
  }
}

function show(message: ToWebview): void {
  byId("title").textContent = message.title;
  const note = byId("message");
  if (message.type === "error") {
    note.textContent = message.message;
    byId("info").textContent = "";
    return;
  }
  const graph = message.graph;
  const container = byId("graph");
  const drawing = (graph.svg && parseSvg(graph.svg)) || drawLayout(graph);
  decorate(drawing, graph);
  const { scrollX, scrollY } = window;
  container.replaceChildren(drawing);
  window.scrollTo(scrollX, scrollY);
  const nodes = graph.vertices.filter((v) => !["entry", "exit", "error", "return"].includes(v.kind)).length;
  byId("info").textContent = `${nodes} vertices · ${graph.paths} paths` +
    (graph.node ? ` · focused on ${graph.node}` : "") +
    (graph.version === null ? " · from disk" : "") + (graph.truncated ? " · truncated" : "");
  byId("legend").textContent = hasProfile(graph) ? "edge width: flows in the profile" : "";
  note.textContent = graph.svg ? "" : `Simple layout (${graph.svgError ?? "no SVG"}); install Graphviz for the full drawing.`;
  document.body.dataset.rendered = String(Date.now());
}

window.addEventListener("message", (event: MessageEvent<ToWebview>) => {
  const data = event.data;
  if (data && (data.type === "graph" || data.type === "error")) show(data);
});
byId("fit").addEventListener("click", () => byId("graph").classList.toggle("fit"));
vscode.postMessage({ type: "ready" });
