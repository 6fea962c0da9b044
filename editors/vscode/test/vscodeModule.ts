/** Makes `require("vscode")` return the stub (for the compiled extension). */
import Module from "node:module";
import * as stub from "./vscodeStub";

const anyClass = new Proxy(class {}, {
  get: (target, p) => (p in target ? (target as unknown as Record<string | symbol, unknown>)[p] : typeof p === "string" ? p : undefined),
});

/** The module object: the stub's exports, and a generic class for any other name. */
const exports: Record<string | symbol, unknown> = { ...stub };
export const vscodeModule = new Proxy(exports, {
  get: (target, p): unknown => (typeof p === "symbol" || p in target ? target[p] : anyClass),
});

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const internal = Module as unknown as { _load: Load };
const original = internal._load;
internal._load = function (request: string, parent: unknown, isMain: boolean): unknown {
  if (request === "vscode") return vscodeModule;
  return original.call(this, request, parent, isMain);
};
