/** What the status bar item says in each state of the language server. No `vscode` import. */

export type ServerState = "starting" | "running" | "stopped" | "missing" | "failed";

export interface StatusText {
  text: string;
  tooltip: string;
  /** Drawn with the status bar's error colours. */
  error: boolean;
}

export function statusText(state: ServerState, detail = ""): StatusText {
  const more = detail ? `\n${detail}` : "";
  switch (state) {
    case "starting":
      return { text: "$(sync~spin) Flux", tooltip: `Flux: starting flux-ls…${more}`, error: false };
    case "running":
      return { text: "$(check) Flux", tooltip: `Flux: flux-ls is running${more}\nClick for the server's log`, error: false };
    case "stopped":
      return { text: "$(debug-stop) Flux", tooltip: `Flux: flux-ls stopped${more}\nRun "Flux: Restart Server" to start it`, error: true };
    case "missing":
      return { text: "$(error) Flux: no flux-ls", tooltip: `Flux: the language server was not found${more}`, error: true };
    case "failed":
      return { text: "$(error) Flux", tooltip: `Flux: flux-ls failed${more}\nClick for the server's log`, error: true };
  }
}
