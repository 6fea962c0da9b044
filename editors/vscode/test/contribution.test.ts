/**
 * The language contribution: every snippet, expanded with its defaults, is Flux the real
 * checker parses (no FLX001) and `flux fmt` leaves alone; the language configuration's
 * patterns do what they claim on real Flux lines.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import { EXTENSION, FLUX, toolchainMissing } from "./lsp";

const snippets = JSON.parse(fs.readFileSync(path.join(EXTENSION, "snippets", "flux.json"), "utf8")) as
  Record<string, { prefix: string; body: string[]; description: string }>;
const config = JSON.parse(fs.readFileSync(path.join(EXTENSION, "language-configuration.json"), "utf8")) as {
  wordPattern: string; indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  comments: { lineComment: string; blockComment: string[] };
};

/** A snippet body with every placeholder at its default (the first choice of a choice). */
export function expand(body: string[]): string {
  let text = body.join("\n");
  for (let i = 0; i < 5; i++) {
    text = text.replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, "$1").replace(/\$\{\d+:([^{}$]*)\}/g, "$1");
  }
  return text.replace(/\$\d+/g, "") + "\n";
}

function flux(args: string[], input: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(FLUX, args, { input, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("snippets", { skip: toolchainMissing() }, () => {
  test("expansion of placeholders", () => {
    assert.equal(expand(["${1:Serve} = ${2:Read} -> ${3:Write};"]), "Serve = Read -> Write;\n");
    assert.equal(expand(["atomic ${1:Node}:{${2:cache}${3|?,!,|}};"]), "atomic Node:{cache?};\n");
  });
  for (const [name, snippet] of Object.entries(snippets)) {
    test(`${name} (${snippet.prefix}) parses and is formatted`, () => {
      const text = expand(snippet.body);
      assert.doesNotMatch(text, /\$/, text);
      const check = flux(["check", "--format", "json", "-"], text);
      const codes = (JSON.parse(check.stdout) as { code: string }[]).map((d) => d.code);
      assert.ok(!codes.includes("FLX001"), `${text}\n${check.stdout}`);
      const fmt = flux(["fmt", "--check", "-"], text);
      assert.equal(fmt.status, 0, `${text}\n${fmt.stdout}${fmt.stderr}`);
    });
  }
});

describe("language configuration", () => {
  test("comments are Flux's", () => {
    assert.equal(config.comments.lineComment, "//");
    assert.deepEqual(config.comments.blockComment, ["/*", "*/"]);
  });
  test("the word pattern is a Flux identifier", () => {
    const word = new RegExp(config.wordPattern, "g");
    assert.deepEqual("ReadRequest -> Route:[_, get_or_head]".match(word), ["ReadRequest", "Route", "_", "get_or_head"]);
  });
  test("indent after an open bracket that a wrapped declaration leaves, not after a whole one", () => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    assert.ok(increase.test("Wrapped ("));
    assert.ok(increase.test("atomic Node:{  // constraints"));
    assert.ok(!increase.test("Read (int socket) => (int socket);"));
    assert.ok(!increase.test("Serve = Read -> Write;"));
    assert.ok(decrease.test(") => ();"));
    assert.ok(!decrease.test("    int socket,"));
  });
});
