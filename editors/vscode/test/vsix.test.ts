/**
 * Packaging: `vsce ls` lists exactly the files VS Code needs (the bundles, the manifest, the
 * language contribution, README, LICENSE, the README's picture: no node_modules, sources, tests
 * or source maps), and `vsce package` builds a .vsix holding exactly those, offline.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { EXTENSION } from "./lsp";

const VSCE = path.join(EXTENSION, "node_modules", ".bin", "vsce");
const EXPECTED = [
  "LICENSE", "README.md", "dist/extension.js", "dist/webview.js", "images/flow-graph.png",
  "language-configuration.json", "package.json", "snippets/flux.json", "syntaxes/flux.tmLanguage.json",
];
const skip = !fs.existsSync(path.join(EXTENSION, "dist", "extension.js")) ? "dist/ is missing: run npm run build" : undefined;

function vsce(args: string[]): string {
  const result = spawnSync(VSCE, args, { cwd: EXTENSION, encoding: "utf8" });
  assert.equal(result.status, 0, result.stdout + result.stderr);
  return result.stdout;
}

test("vsce ls: exactly the files the extension needs", { skip }, () => {
  const files = vsce(["ls", "--no-dependencies"]).split("\n").map((l) => l.trim()).filter(Boolean).sort();
  assert.deepEqual(files, EXPECTED);
});

test("vsce package: a .vsix with those files and the manifest", { skip }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flux-vsix-"));
  try {
    const out = path.join(dir, "flux.vsix");
    vsce(["package", "--no-dependencies", "--allow-missing-repository", "--no-rewrite-relative-links", "--out", out]);
    const listing = spawnSync("python3", ["-c",
      "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))", out], { encoding: "utf8" });
    assert.equal(listing.status, 0, listing.stderr);
    const names = listing.stdout.split("\n").filter(Boolean).sort();
    const inExtension = names.filter((n) => n.startsWith("extension/")).map((n) => n.slice("extension/".length));
    const renamed = (f: string) => ({ "README.md": "readme.md", LICENSE: "LICENSE.txt" } as Record<string, string>)[f] ?? f;
    assert.deepEqual(inExtension.sort(), EXPECTED.map(renamed).sort());
    assert.ok(names.includes("extension.vsixmanifest") && names.includes("[Content_Types].xml"));
    assert.ok(fs.statSync(out).size < 1_000_000, `${fs.statSync(out).size} bytes`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
