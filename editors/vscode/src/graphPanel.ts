/**
 * The Show Flow Graph webview: the program graph of one Flux document from `flux/flowGraph`,
 * refreshed as the document changes (debounced) and following the active Flux editor. A click
 * on a vertex opens its declaration beside the graph.
 */
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { isFlowGraph, revealTarget, type FlowGraph, type FromWebview, type ToWebview } from "./graph/model";
import { graphHtml } from "./graph/page";
import { LANGUAGE_ID } from "./ids";

export const FLOW_GRAPH_REQUEST = "flux/flowGraph";
const DEBOUNCE_MS = 300;

function nonce(): string {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Buffer.from(bytes).toString("base64").replace(/[^A-Za-z0-9]/g, "");
}

function toRange(range: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export class GraphPanel implements vscode.Disposable {
  private static current: GraphPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private graph: FlowGraph | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private request: vscode.CancellationTokenSource | undefined;
  private sequence = 0;
  private ready = false;
  private last: ToWebview | undefined;

  /** Shows the graph of `document`, focused on `node` (and its sub-flow) when given. */
  static show(extensionUri: vscode.Uri, client: () => LanguageClient | undefined, document: vscode.TextDocument,
              node?: string): void {
    if (GraphPanel.current) {
      GraphPanel.current.setDocument(document, node);
      GraphPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    GraphPanel.current = new GraphPanel(extensionUri, client, document, node);
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(extensionUri: vscode.Uri, private readonly client: () => LanguageClient | undefined,
                      private document: vscode.TextDocument, private node: string | undefined) {
    const dist = vscode.Uri.joinPath(extensionUri, "dist");
    this.panel = vscode.window.createWebviewPanel("fluxServer.flowGraph", this.title(),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [dist] });
    const webview = this.panel.webview;
    webview.html = graphHtml({ cspSource: webview.cspSource, nonce: nonce(), title: this.title(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, "webview.js")).toString() });
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      webview.onDidReceiveMessage((message: FromWebview) => this.receive(message)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && editor.document.languageId === LANGUAGE_ID && editor.document !== this.document) {
          this.setDocument(editor.document);
        }
      }),
    );
    void this.refresh();
  }

  /** Called by the extension when the server (re)started: ask again. */
  static serverChanged(): void {
    GraphPanel.current?.schedule();
  }

  private title(): string {
    const name = this.document.uri.path.split("/").pop() ?? "Flux";
    return `Flow Graph: ${name}${this.node ? ` (${this.node})` : ""}`;
  }

  private setDocument(document: vscode.TextDocument, node?: string): void {
    this.document = document;
    this.node = node;
    this.panel.title = this.title();
    this.graph = undefined;
    void this.refresh();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), DEBOUNCE_MS);
  }

  private post(message: ToWebview): void {
    this.last = message;
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private async refresh(): Promise<void> {
    this.timer = undefined;
    const client = this.client();
    if (!client || !client.isRunning()) {
      this.post({ type: "error", title: this.title(),
        message: "The Flux language server is not running (see the status bar; \"Flux: Restart Server\" starts it)." });
      return;
    }
    this.request?.cancel();
    const source = (this.request = new vscode.CancellationTokenSource());
    const sequence = ++this.sequence;
    try {
      const params = { textDocument: { uri: this.document.uri.toString() }, ...(this.node ? { node: this.node } : {}) };
      const result: unknown = await client.sendRequest(FLOW_GRAPH_REQUEST, params, source.token);
      if (sequence !== this.sequence) return;
      if (!isFlowGraph(result)) throw new Error("the server's answer is not a flux-graph/1 graph");
      this.graph = result;
      this.post({ type: "graph", graph: result, title: this.title() });
    } catch (error) {
      if (sequence !== this.sequence || source.token.isCancellationRequested) return;
      this.post({ type: "error", title: this.title(),
        message: `Could not get the flow graph: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  private receive(message: FromWebview): void {
    if (message.type === "ready") {
      this.ready = true;
      if (this.last) void this.panel.webview.postMessage(this.last);
      return;
    }
    if (message.type === "reveal" && this.graph) {
      const range = revealTarget(this.graph, message.vertex);
      if (!range) return;
      const column = vscode.window.visibleTextEditors.find((e) => e.document === this.document)?.viewColumn
        ?? vscode.ViewColumn.One;
      void vscode.window.showTextDocument(this.document, { viewColumn: column, selection: toRange(range) });
    }
  }

  private disposed = false;

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (GraphPanel.current === this) GraphPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.request?.cancel();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
