/**
 * The TextMate grammar, with vscode-tmgrammar-test: the hand-written assertions of
 * test/grammar/*.tmtest, and every bundled example with an assertion for every token the
 * real language server colours (its semantic tokens, mapped to the scope the grammar must give).
 * So instant highlighting agrees with the server's on every example.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { EXTENSION, REPO, examplePrograms, startServer, toolchainMissing, type Server } from "./lsp";

const GRAMMAR = path.join(EXTENSION, "syntaxes", "flux.tmLanguage.json");
const CLI = path.join(EXTENSION, "node_modules", ".bin", "vscode-tmgrammar-test");
const SCOPE = "source.flux-server";
const TYPES = ["function", "type", "parameter", "macro", "keyword", "comment", "operator"];
const MOD = { declaration: 1, definition: 2, defaultLibrary: 32, documentation: 64, callback: 128 };

function runTmGrammarTest(files: string[]): { status: number | null; output: string } {
  const result = spawnSync(CLI, ["--compact", "-g", GRAMMAR, ...files], { encoding: "utf8", cwd: EXTENSION });
  return { status: result.status, output: result.stdout + result.stderr };
}

test("hand-written scope assertions (test/grammar/*.tmtest)", () => {
  const files = fs.readdirSync(path.join(EXTENSION, "test", "grammar")).filter((f) => f.endsWith(".tmtest"))
    .map((f) => path.join("test", "grammar", f));
  assert.ok(files.length > 0);
  const { status, output } = runTmGrammarTest(files);
  assert.equal(status, 0, output);
});

interface Token { line: number; start: number; length: number; type: string; modifiers: number; text: string }

function decode(data: number[], lines: string[]): Token[] {
  const out: Token[] = [];
  let line = 0;
  let start = 0;
  for (let i = 0; i < data.length; i += 5) {
    if (data[i] !== 0) start = 0;
    line += data[i];
    start += data[i + 1];
    out.push({ line, start, length: data[i + 2], type: TYPES[data[i + 3]], modifiers: data[i + 4],
      text: lines[line].slice(start, start + data[i + 2]) });
  }
  return out;
}

/** The scope the grammar must give a token the server coloured (see syntaxes/flux.tmLanguage.json). */
function expectedScope(token: Token, predicates: Set<string>, lineText: string): string {
  const has = (bit: number) => (token.modifiers & bit) !== 0;
  const t = token.text;
  let scope: string;
  switch (token.type) {
    case "comment":
      scope = has(MOD.documentation) ? "comment.block.documentation"
        : t.startsWith("//") ? "comment.line.double-slash" : "comment.block";
      break;
    case "keyword":
      if (t === "_") scope = "constant.language.wildcard";
      else if (["const", "volatile", "restrict"].includes(t)) scope = "storage.modifier";
      else if (["struct", "union", "enum"].includes(t)) scope = "storage.type.struct";
      else if (t === "program" || (t === "session" && lineText.slice(0, token.start).trimEnd().endsWith("("))) scope = "storage.modifier.scope";
      else scope = `keyword.other.${t}`;
      break;
    case "operator":
      scope = { "=>": "keyword.operator.arrow", "->": "keyword.operator.flow", "?": "keyword.operator.mode.reader",
        "!": "keyword.operator.mode.writer", "*": "keyword.operator.pointer" }[t] ?? `unknown operator ${t}`;
      break;
    case "function":
      scope = has(MOD.callback) ? "entity.name.function.c"
        : has(MOD.declaration) || has(MOD.definition) ? "entity.name.function.definition" : "entity.name.function.call";
      break;
    case "type":
      scope = has(MOD.defaultLibrary) ? "storage.type.builtin"
        : has(MOD.declaration) || predicates.has(t) ? "entity.name.type.predicate" : "storage.type";
      break;
    case "parameter":
      scope = "variable.parameter";
      break;
    case "macro":
      scope = "variable.other.constant.constraint";
      break;
    default:
      scope = `unknown token type ${token.type}`;
  }
  return `${scope}.flux-server`;
}

/** The example with one `// <~~~--- scope` assertion line per server token under its line. */
function testCase(relative: string, text: string, tokens: Token[]): string {
  const lines = text.split("\n");
  const predicates = new Set(tokens.filter((t) => t.type === "type" && (t.modifiers & MOD.declaration)).map((t) => t.text));
  const out = [`// SYNTAX TEST "${SCOPE}" "${relative}"`];
  lines.forEach((line, n) => {
    assert.ok(!/^\/\/\s*(\^|<~*-+)/.test(line), `${relative}:${n + 1} looks like an assertion line`);
    out.push(line);
    for (const token of tokens.filter((t) => t.line === n)) {
      out.push(`//<${"~".repeat(token.start)}${"-".repeat(token.length)} ${expectedScope(token, predicates, line)}`);
    }
  });
  return out.join("\n");
}

let server: Server | undefined;
const skip = toolchainMissing();

before(async () => {
  if (!skip) server = await startServer(REPO);
});
after(async () => {
  await server?.close();
});

test("every bundled example is coloured as the language server colours it", { skip }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flux-tmgrammar-"));
  try {
    const files: string[] = [];
    let assertions = 0;
    for (const program of examplePrograms()) {
      const relative = path.relative(REPO, program);
      const text = fs.readFileSync(program, "utf8");
      const uri = await server!.open(program, text);
      const result = await server!.connection.sendRequest<{ data: number[] }>("textDocument/semanticTokens/full", { textDocument: { uri } });
      const tokens = decode(result.data, text.split("\n"));
      assert.ok(tokens.length > 50, `${relative}: only ${tokens.length} semantic tokens`);
      assertions += tokens.length;
      const file = path.join(dir, relative.replace(/[\\/]/g, "__"));
      fs.writeFileSync(file, testCase(relative, text, tokens));
      files.push(file);
    }
    assert.ok(files.length >= 5, `found only ${files.length} examples`);
    const { status, output } = runTmGrammarTest(files);
    assert.equal(status, 0, output.split("\n").slice(0, 40).join("\n"));
    assert.ok(assertions > 500, `${assertions} assertions`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
