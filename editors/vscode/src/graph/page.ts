/**
 * The HTML of the flow-graph webview. Everything it runs is `dist/webview.js`, loaded with a
 * nonce under a strict Content-Security-Policy. Pure, so the page is tested in Chromium as is.
 */

export interface PageOptions {
  /** `webview.cspSource` (where the script may come from). */
  cspSource: string;
  /** A fresh random nonce for the script and style tags. */
  nonce: string;
  /** `webview.asWebviewUri(dist/webview.js)`. */
  scriptUri: string;
  title: string;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export const STYLE = `
  :root { color-scheme: light dark; }
  body { margin: 0; padding: 0; font-family: var(--vscode-font-family, sans-serif);
    font-size: var(--vscode-font-size, 13px); color: var(--vscode-foreground, #333);
    background: var(--vscode-editor-background, #fff); }
  header { position: sticky; top: 0; display: flex; gap: 12px; align-items: baseline;
    padding: 6px 12px; background: var(--vscode-editor-background, #fff);
    border-bottom: 1px solid var(--vscode-panel-border, #ddd); z-index: 1; }
  header .title { font-weight: 600; }
  header .info { opacity: 0.75; }
  header button { margin-left: auto; }
  #message { padding: 8px 12px; color: var(--vscode-errorForeground, #c92a2a); white-space: pre-wrap; }
  #message:empty { display: none; }
  #graph { padding: 12px; }
  #graph svg { background: #fff; border-radius: 4px; }
  #graph.fit svg { max-width: 100%; height: auto; }
  #graph g.node { cursor: pointer; }
  #graph g.node.clickable:hover polygon, #graph g.node.clickable:hover path,
  #graph g.node.clickable:hover ellipse, #graph g.node.clickable:hover rect { stroke: #1c7ed6; stroke-width: 2.5; }
  #graph g.edge.cold path { stroke-dasharray: 3 3; opacity: 0.5; }
  #graph text { font-family: Helvetica, Arial, sans-serif; }
  .legend { opacity: 0.75; }
`;

export function graphHtml(options: PageOptions): string {
  const { cspSource, nonce } = options;
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join("; ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(options.title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header>
  <span class="title" id="title">${escapeHtml(options.title)}</span>
  <span class="info" id="info">waiting for the language server…</span>
  <span class="legend" id="legend"></span>
  <button id="fit" type="button" title="Fit the graph to the width of the view">Fit width</button>
</header>
<div id="message" role="alert"></div>
<div id="graph" class="fit"></div>
<script nonce="${nonce}" src="${escapeHtml(options.scriptUri)}"></script>
</body>
</html>
`;
}
