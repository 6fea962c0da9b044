/** Identifiers shared by the extension's modules and package.json. */
export const LANGUAGE_ID = "flux-server";
export const SECTION = "fluxServer";
export const TASK_TYPE = "flux";
export const COMMANDS = {
  showFlowGraph: "fluxServer.showFlowGraph",
  simulate: "fluxServer.simulate",
  checkWorkspace: "fluxServer.checkWorkspace",
  build: "fluxServer.build",
  runServer: "fluxServer.runServer",
  restartServer: "fluxServer.restartServer",
  showOutput: "fluxServer.showOutput",
} as const;
