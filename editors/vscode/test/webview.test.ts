/**
 * The flow-graph webview page (graphHtml + dist/webview.js, exactly what VS Code loads) in
 * headless Chromium (Debian's /usr/bin/chromium through playwright-core), fed the real graph of
 * examples/webserver from the real flux-ls: the drawing appears (checked on a screenshot),
 * clicking a vertex asks the extension to open its declaration, a graph with profile counts
 * draws edges as wide as their counts, and a new graph replaces the old one.
 * UPDATE_SCREENSHOTS=1 also writes editors/vscode/images/flow-graph.png (the README's picture).
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { edgeStyles, revealTarget, type FlowGraph } from "../src/graph/model";
import { graphHtml } from "../src/graph/page";
import { EXTENSION, REPO, startServer, toolchainMissing } from "./lsp";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const WEB = path.join(REPO, "examples", "webserver", "webserver.flux");
const SCRIPT = path.join(EXTENSION, "dist", "webview.js");

const skip = !fs.existsSync(CHROMIUM) ? `${CHROMIUM} is not installed (Debian package chromium)`
  : !fs.existsSync(SCRIPT) ? `${SCRIPT} is missing: run npm run build`
  : toolchainMissing();

let browser: Browser | undefined;
let graph: FlowGraph;
let edited: FlowGraph;
let dir: string;
const consoleErrors: string[] = [];

before(async () => {
  if (skip) return;
  const server = await startServer(REPO);
  try {
    const uri = await server.open(WEB);
    graph = await server.connection.sendRequest("flux/flowGraph", { textDocument: { uri } });
    // An edit, as typed: a new step in the Request flow.
    const text = fs.readFileSync(WEB, "utf8").replace("ReadRequest -> ParseRequest ->", "ReadRequest -> ParseRequest -> Audit ->")
      + "\n/** Logs the request. */\nAudit (connection *conn, http_request *req) => (connection *conn, http_request *req);\n";
    await server.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    edited = await server.connection.sendRequest("flux/flowGraph", { textDocument: { uri } });
  } finally {
    await server.close();
  }
  const { chromium } = await import("playwright-core");
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "flux-webview-"));
});

after(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

type Posted = { type: string; vertex?: number };

async function openPage(): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width: 1000, height: 1300 } });
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.addInitScript(() => {
    const w = window as unknown as { posted: unknown[]; acquireVsCodeApi: () => unknown };
    w.posted = [];
    w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.posted.push(m) });
  });
  const file = path.join(dir, `page-${Math.random().toString(36).slice(2)}.html`);
  fs.writeFileSync(file, graphHtml({ cspSource: "file:", nonce: "n0nce", title: "Flow Graph: webserver.flux",
    scriptUri: pathToFileURL(SCRIPT).href }));
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => (window as unknown as { posted: Posted[] }).posted.some((m) => m.type === "ready"));
  return page;
}

async function send(page: Page, g: FlowGraph): Promise<void> {
  const before = await page.evaluate(() => document.body.dataset.rendered ?? "");
  await page.evaluate((message) => window.postMessage(message, "*"), { type: "graph", graph: g, title: "Flow Graph: webserver.flux" });
  await page.waitForFunction((b) => (document.body.dataset.rendered ?? "") !== b, before);
}

/** Share of non-background pixels and number of distinct colours of a PNG, measured by Chromium. */
async function inkOf(png: Buffer): Promise<{ ink: number; colours: number }> {
  const page = await browser!.newPage();
  try {
    return await page.evaluate(async (data) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext("2d")!;
      ctx.drawImage(image, 0, 0);
      const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let ink = 0;
      const colours = new Set<number>();
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i] < 200 || pixels[i + 1] < 200 || pixels[i + 2] < 200) ink++;
        colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
      }
      return { ink: ink / (pixels.length / 4), colours: colours.size };
    }, png.toString("base64"));
  } finally {
    await page.close();
  }
}

describe("flow-graph webview in headless Chromium", { skip }, () => {
  test("draws the real graph of examples/webserver (screenshot has content)", async () => {
    const page = await openPage();
    const blank = await inkOf(await page.screenshot());
    await send(page, graph);
    const names = await page.$$eval("#graph svg g.node", (nodes) => nodes.map((n) => n.textContent ?? ""));
    for (const name of ["ReadRequest", "ParseRequest", "LookupCache", "InsertCache", "CloseConnection"]) {
      assert.ok(names.some((n) => n.includes(name)), `no vertex ${name} in ${names.join(", ")}`);
    }
    const edges = await page.$$eval("#graph svg g.edge", (e) => e.length);
    assert.ok(edges >= graph.edges.length, `${edges} edges drawn, graph has ${graph.edges.length}`);
    assert.match(await page.textContent("#info") ?? "", new RegExp(`${graph.paths} paths`));
    const png = await page.screenshot();
    fs.mkdirSync(path.join(EXTENSION, "out"), { recursive: true });
    fs.writeFileSync(path.join(EXTENSION, "out", "flow-graph.png"), png);
    const drawn = await inkOf(png);
    assert.ok(drawn.ink > blank.ink + 0.01 && drawn.ink > 0.02, `ink ${blank.ink} → ${drawn.ink}`);
    assert.ok(drawn.colours > 20, `${drawn.colours} colours`);
    if (process.env.UPDATE_SCREENSHOTS) {
      const shot = await page.screenshot({ clip: { x: 0, y: 0, width: 1000, height: 900 } });
      fs.writeFileSync(path.join(EXTENSION, "images", "flow-graph.png"), shot);
    }
    assert.deepEqual(consoleErrors, []);
    await page.close();
  });

  test("clicking a vertex asks to open its declaration", async () => {
    const page = await openPage();
    await send(page, graph);
    const vertex = graph.vertices.find((v) => v.name === "LookupCache" && v.kind === "concrete")!;
    await page.click(`#graph svg #v${vertex.id}`);
    const posted = await page.evaluate(() => (window as unknown as { posted: Posted[] }).posted);
    assert.deepEqual(posted.filter((m) => m.type === "reveal"), [{ type: "reveal", vertex: vertex.id }]);
    const line = fs.readFileSync(WEB, "utf8").split("\n").findIndex((l) => l.startsWith("LookupCache ("));
    assert.equal(revealTarget(graph, vertex.id)?.start.line, line);
    const entry = graph.vertices.find((v) => v.kind === "entry")!;
    await page.click(`#graph svg #v${entry.id}`, { force: true });
    const after = await page.evaluate(() => (window as unknown as { posted: Posted[] }).posted);
    assert.equal(after.filter((m) => m.type === "reveal").length, 1, "ENTRY has no declaration to open");
    await page.close();
  });

  test("a new graph (the document changed) replaces the drawing", async () => {
    const page = await openPage();
    await send(page, graph);
    const count = async () => page.$$eval("#graph svg g.node", (nodes) => nodes.filter((n) => (n.textContent ?? "").includes("Audit")).length);
    assert.equal(await count(), 0);
    await send(page, edited);
    assert.ok(await count() > 0);
    assert.equal(await page.$$eval("#graph svg", (s) => s.length), 1);
    await page.close();
  });

  test("edge widths follow the profile counts, on the Graphviz drawing and on the simple layout", async () => {
    const profiled = JSON.parse(fs.readFileSync(path.join(EXTENSION, "test", "fixtures", "profiled-graph.json"), "utf8")) as FlowGraph;
    const real: FlowGraph = { ...graph, edges: graph.edges.map((e) => ({ ...e, count: e.id % 3 === 0 ? 0 : 10 ** (e.id % 4) })) };
    for (const g of [real, profiled]) {
      const page = await openPage();
      await send(page, g);
      const styles = edgeStyles(g);
      const drawn = await page.$$eval("#graph svg g.edge", (edges) => edges.map((e) => ({
        id: Number(e.id.slice(1)), widths: Array.from(e.querySelectorAll("path")).map((p) => Number(getComputedStyle(p).strokeWidth.replace("px", ""))),
        cold: e.classList.contains("cold"), title: e.querySelector("title")?.textContent ?? "" })));
      assert.ok(drawn.length >= g.edges.length);
      for (const edge of drawn) {
        const style = styles.get(edge.id);
        if (!style) continue;
        assert.ok(edge.widths.length > 0 && edge.widths.every((w) => Math.abs(w - style.width) < 0.01), `e${edge.id}: ${edge.widths.join(",")} ≠ ${style.width}`);
        assert.equal(edge.cold, style.cold);
        assert.ok(edge.title.includes(style.title), edge.title);
      }
      const widths = new Set(drawn.flatMap((e) => e.widths));
      assert.ok(widths.size >= 3, `only widths ${[...widths].join(", ")}`);
      assert.match(await page.textContent("#legend") ?? "", /profile/);
      await page.close();
    }
    assert.deepEqual(consoleErrors, []);
  });
});
