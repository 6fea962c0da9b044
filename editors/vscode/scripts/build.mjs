// esbuild: the extension (Node, CommonJS, `vscode` external) and the flow-graph webview script
// (browser, IIFE) into dist/; with --tests, also every test/*.test.ts into out/test/.
import * as esbuild from "esbuild";
import { readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const production = process.argv.includes("--production");
const tests = process.argv.includes("--tests");

const common = { bundle: true, logLevel: "warning", absWorkingDir: root, minify: production,
  sourcemap: production ? false : "linked" };

await esbuild.build({ ...common, entryPoints: ["src/extension.ts"], outfile: "dist/extension.js",
  platform: "node", format: "cjs", target: "node18", external: ["vscode"] });
await esbuild.build({ ...common, entryPoints: ["src/webview/main.ts"], outfile: "dist/webview.js",
  platform: "browser", format: "iife", target: "chrome110" });

if (tests) {
  const entryPoints = readdirSync(join(root, "test")).filter((f) => f.endsWith(".test.ts"))
    .map((f) => `test/${f}`);
  await esbuild.build({ ...common, entryPoints, outdir: "out/test", platform: "node",
    format: "cjs", target: "node20", packages: "external", sourcemap: "inline" });
}
