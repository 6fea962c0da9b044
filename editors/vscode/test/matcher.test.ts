/**
 * The `$flux` problem matcher of package.json against the real `flux check` and `flux build`:
 * every diagnostic of `flux check --format json` (the contract,
 * docs/language.md#machine-readable-output) must come out of the text output as one problem
 * with the same place, severity, code and message, and the `note:` lines (related locations)
 * must not become problems. VS Code applies the pattern's regexp with JavaScript semantics to
 * each line of the task's output, as done here.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { EXTENSION, REPO, runFlux, toolchainMissing } from "./lsp";

interface Pattern { regexp: string; file: number; line: number; column: number; severity: number; message: number; code: number }
interface Problem { file: string; line: number; column: number; severity: string; message: string; code: string | undefined }

const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION, "package.json"), "utf8")) as {
  contributes: { problemMatchers: { name: string; owner: string; fileLocation: string[]; pattern: Pattern }[] };
};
const matcher = manifest.contributes.problemMatchers[0];

function problems(output: string): Problem[] {
  const p = matcher.pattern;
  const regexp = new RegExp(p.regexp);
  const out: Problem[] = [];
  for (const line of output.split(/\r?\n/)) {
    const m = regexp.exec(line);
    if (!m) continue;
    out.push({ file: m[p.file], line: Number(m[p.line]), column: Number(m[p.column]), severity: m[p.severity],
      message: m[p.message], code: m[p.code] });
  }
  return out;
}

const BROKEN = `Listen () => (int socket);
ReadLine (int socket) => (int socket, char *line);
Echo (int socket, char *line) => (int socket);
Close (int socket) => ();
Unused (int socket) => ();

source Listen => Serve;
Serve = ReadLine -> Close;

atomic Echo:{log};
handle error Missing => Hangup;
`;

const skip = toolchainMissing();

describe("the $flux problem matcher", { skip }, () => {
  test("matches gcc-style lines and leaves notes and carets alone", () => {
    assert.deepEqual(problems([
      "app.flux:8:9: error: output of `ReadLine` (int, char *) does not match input of `Close` (int) [FLX201]",
      "    8 | Serve = ReadLine -> Close;",
      "      |         ^^^^^^^^^^^^^^^^^",
      "app.flux:3:1: note: `ReadLine` outputs (int, char *): declared here",
      "src/web server.c:557:30: error: 'x' undeclared (first use in this function)",
      "web.c:5:1: warning: control reaches end of non-void function [-Wreturn-type]",
    ].join("\n")), [
      { file: "app.flux", line: 8, column: 9, severity: "error", code: "FLX201",
        message: "output of `ReadLine` (int, char *) does not match input of `Close` (int)" },
      { file: "src/web server.c", line: 557, column: 30, severity: "error", code: undefined,
        message: "'x' undeclared (first use in this function)" },
      { file: "web.c", line: 5, column: 1, severity: "warning", code: undefined,
        message: "control reaches end of non-void function [-Wreturn-type]" },
    ]);
    assert.deepEqual(matcher.fileLocation, ["autoDetect", "${workspaceFolder}"]);
  });

  test("flux check: exactly the diagnostics of --format json", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flux-matcher-"));
    try {
      fs.mkdirSync(path.join(dir, "src"));
      fs.writeFileSync(path.join(dir, "src", "echo.flux"), BROKEN);
      fs.copyFileSync(path.join(REPO, "examples", "deadlock", "deadlock.flux"), path.join(dir, "deadlock.flux"));
      const text = runFlux(["check", "."], dir);
      assert.equal(text.status, 1, text.stderr);
      const json = runFlux(["check", "--format", "json", "."], dir);
      const expected = (JSON.parse(json.stdout) as { path: string; line: number; column: number; severity: string; code: string; message: string }[])
        .map((d) => ({ file: d.path, line: d.line, column: d.column, severity: d.severity, message: d.message, code: d.code }));
      assert.ok(expected.length >= 4, json.stdout);
      assert.ok(expected.some((d) => d.severity === "warning") && expected.some((d) => d.severity === "error"));
      assert.ok(text.stdout.includes(": note: "), "the output has notes, which must not match");
      const key = (p: Problem) => `${p.file}:${p.line}:${p.column}:${p.code}`;
      const got = problems(text.stdout + text.stderr);
      assert.deepEqual(got.map(key).sort(), expected.map(key).sort());
      for (const p of got) {
        const e = expected.find((x) => key(x) === key(p))!;
        assert.equal(p.severity, e.severity);
        assert.equal(p.message, e.message.split("\n")[0]);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("flux build: the program's errors, relative to where the task runs", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flux-matcher-"));
    try {
      const project = path.join(dir, "app");
      fs.mkdirSync(project);
      fs.writeFileSync(path.join(project, "echo.flux"), BROKEN);
      fs.writeFileSync(path.join(project, "flux.toml"), '[program]\nflux = "echo.flux"\nsources = []\n');
      const build = runFlux(["build", "app"], dir);
      assert.equal(build.status, 1, build.stdout + build.stderr);
      const got = problems(build.stdout + build.stderr);
      assert.ok(got.length > 0, build.stdout + build.stderr);
      for (const p of got) assert.ok(fs.existsSync(path.join(dir, p.file)), `${p.file} is not relative to the task's folder`);
      assert.ok(got.some((p) => p.code === "FLX201" && p.file === path.join("app", "echo.flux") && p.line === 8));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
