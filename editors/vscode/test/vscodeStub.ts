/**
 * A small stand-in for the `vscode` module, enough for the compiled extension
 * (dist/extension.js) and vscode-languageclient to run in plain Node against the real flux-ls:
 * documents, tabs, settings, commands, diagnostics collections, a status bar item, webview
 * panels and tasks are recorded so the end-to-end test can look at them. Everything else is a
 * no-op that returns a disposable (a Proxy supplies any member not written here).
 */
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

type Listener<T> = (event: T) => unknown;

export class Disposable {
  constructor(private readonly callOnDispose: () => void = () => undefined) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.callOnDispose();
  }
}

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  event = (listener: Listener<T>, thisArg?: unknown): Disposable => {
    const bound = thisArg ? listener.bind(thisArg) : listener;
    this.listeners.push(bound);
    return new Disposable(() => { this.listeners = this.listeners.filter((l) => l !== bound); });
  };
  fire(event: T): void {
    for (const listener of [...this.listeners]) listener(event);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Uri {
  private constructor(readonly scheme: string, readonly path: string, private readonly text: string) {}
  static parse(value: string): Uri {
    const scheme = value.slice(0, value.indexOf(":"));
    return new Uri(scheme, scheme === "file" ? fileURLToPath(value) : value.slice(scheme.length + 1), value);
  }
  static file(file: string): Uri {
    return new Uri("file", file, pathToFileURL(file).href);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return Uri.file(path.join(base.fsPath, ...parts));
  }
  get fsPath(): string {
    return this.path;
  }
  get authority(): string {
    return "";
  }
  get query(): string {
    return "";
  }
  get fragment(): string {
    return "";
  }
  with(): Uri {
    return this;
  }
  toString(): string {
    return this.text;
  }
  toJSON(): unknown {
    return { scheme: this.scheme, path: this.path, external: this.text };
  }
}

export class Position {
  constructor(readonly line: number, readonly character: number) {}
  isBefore(other: Position): boolean {
    return this.line < other.line || (this.line === other.line && this.character < other.character);
  }
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    this.start = a instanceof Position ? a : new Position(a, b as number);
    this.end = b instanceof Position ? b : new Position(c!, d!);
  }
}

export class Selection extends Range {}

export class Location {
  constructor(readonly uri: Uri, readonly range: Range | Position) {}
}

export enum DiagnosticSeverity { Error = 0, Warning = 1, Information = 2, Hint = 3 }
export enum DiagnosticTag { Unnecessary = 1, Deprecated = 2 }
export enum StatusBarAlignment { Left = 1, Right = 2 }
export enum ViewColumn { Active = -1, Beside = -2, One = 1, Two = 2 }
export enum TaskRevealKind { Always = 1, Silent = 2, Never = 3 }
export enum ConfigurationTarget { Global = 1, Workspace = 2, WorkspaceFolder = 3 }
export enum TextDocumentSaveReason { Manual = 1 }
export enum FileType { File = 1, Directory = 2 }
export enum UIKind { Desktop = 1, Web = 2 }
export enum EndOfLine { LF = 1, CRLF = 2 }

export class Diagnostic {
  code?: unknown;
  source?: string;
  tags?: DiagnosticTag[];
  relatedInformation?: unknown[];
  constructor(readonly range: Range, readonly message: string, readonly severity: DiagnosticSeverity = DiagnosticSeverity.Error) {}
}

export class DiagnosticRelatedInformation {
  constructor(readonly location: Location, readonly message: string) {}
}

export class CancellationTokenSource {
  private readonly emitter = new EventEmitter<void>();
  token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
  cancel(): void {
    if (!this.token.isCancellationRequested) {
      this.token.isCancellationRequested = true;
      this.emitter.fire();
    }
  }
  dispose(): void {
    this.emitter.dispose();
  }
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class RelativePattern {
  constructor(readonly base: unknown, readonly pattern: string) {}
}

export class TabInputText {
  constructor(readonly uri: Uri) {}
}
export class TabInputTextDiff {
  constructor(readonly original: Uri, readonly modified: Uri) {}
}
export class TabInputCustom {
  constructor(readonly uri: Uri, readonly viewType: string) {}
}
export class TabInputNotebook {
  constructor(readonly uri: Uri) {}
}
export class TabInputNotebookDiff {
  constructor(readonly original: Uri, readonly modified: Uri) {}
}

export class ProcessExecution {
  constructor(readonly process: string, readonly args: string[], readonly options?: unknown) {}
}

export class Task {
  group?: unknown;
  isBackground = false;
  presentationOptions?: unknown;
  constructor(readonly definition: unknown, readonly scope: unknown, readonly name: string, readonly source: string,
              readonly execution: unknown, readonly problemMatchers: string[]) {}
}

export const TaskGroup = { Build: { id: "build" }, Test: { id: "test" } };

export class SemanticTokensLegend {
  constructor(readonly tokenTypes: string[], readonly tokenModifiers: string[] = []) {}
}

export class SemanticTokens {
  constructor(readonly data: Uint32Array, readonly resultId?: string) {}
}

export class MarkdownString {
  constructor(public value = "", public supportThemeIcons = false) {}
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
  appendText(text: string): this {
    this.value += text;
    return this;
  }
  appendCodeblock(code: string): this {
    this.value += code;
    return this;
  }
}

/** A text document the test controls (LF only). */
export class Document {
  version = 1;
  isClosed = false;
  isDirty = false;
  isUntitled = false;
  eol = EndOfLine.LF;
  constructor(readonly uri: Uri, readonly languageId: string, private text: string) {}
  get fileName(): string {
    return this.uri.fsPath;
  }
  get lineCount(): number {
    return this.text.split("\n").length;
  }
  getText(): string {
    return this.text;
  }
  offsetAt(position: Position): number {
    const lines = this.text.split("\n");
    let offset = 0;
    for (let i = 0; i < position.line; i++) offset += lines[i].length + 1;
    return offset + position.character;
  }
  positionAt(offset: number): Position {
    const before = this.text.slice(0, offset).split("\n");
    return new Position(before.length - 1, before[before.length - 1].length);
  }
  lineAt(line: number): { text: string } {
    return { text: this.text.split("\n")[line] };
  }
  /** Replaces `old` by `replacement` as one edit, returning the change event VS Code would fire. */
  edit(old: string, replacement: string): unknown {
    const start = this.text.indexOf(old);
    if (start < 0) throw new Error(`no ${old}`);
    const range = new Range(this.positionAt(start), this.positionAt(start + old.length));
    this.text = this.text.slice(0, start) + replacement + this.text.slice(start + old.length);
    this.version++;
    return { document: this, contentChanges: [{ range, rangeOffset: start, rangeLength: old.length, text: replacement }], reason: undefined };
  }
}

export class DiagnosticCollection {
  readonly entries = new Map<string, Diagnostic[]>();
  readonly changed = new EventEmitter<string>();
  constructor(readonly name: string) {}
  set(uri: Uri | [Uri, Diagnostic[]][], diagnostics?: Diagnostic[]): void {
    if (Array.isArray(uri)) {
      for (const [u, d] of uri) this.set(u, d);
      return;
    }
    this.entries.set(uri.toString(), diagnostics ?? []);
    this.changed.fire(uri.toString());
  }
  get(uri: Uri): Diagnostic[] | undefined {
    return this.entries.get(uri.toString());
  }
  has(uri: Uri): boolean {
    return this.entries.has(uri.toString());
  }
  delete(uri: Uri): void {
    this.entries.delete(uri.toString());
  }
  clear(): void {
    this.entries.clear();
  }
  forEach(callback: (uri: Uri, diagnostics: Diagnostic[]) => void): void {
    for (const [u, d] of this.entries) callback(Uri.parse(u), d);
  }
  dispose(): void {
    this.entries.clear();
  }
}

export interface Panel {
  title: string;
  html: string;
  posted: unknown[];
  receive(message: unknown): void;
  disposed: boolean;
}

/** What the test looks at. */
export const recorded = {
  settings: new Map<string, unknown>(),
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  collections: [] as DiagnosticCollection[],
  statusItems: [] as { text: string; tooltip: unknown; visible: boolean }[],
  messages: [] as { level: string; text: string; items: string[] }[],
  panels: [] as Panel[],
  shown: [] as { uri: string; selection?: Range }[],
  output: [] as string[],
  taskProviders: new Map<string, { provideTasks(): unknown }>(),
  codeLensProviders: [] as { provideCodeLenses(document: Document, token: unknown): Promise<CodeLens[] | undefined> }[],
  /** The answer the next showErrorMessage etc. resolves to. */
  choice: undefined as string | undefined,
};

const noop = (): Disposable => new Disposable();

/** Any member not written out: a function that returns a disposable. */
function loose<T extends object>(target: T): T {
  return new Proxy(target, {
    get(t, p, receiver) {
      if (p in t || typeof p === "symbol") return Reflect.get(t, p, receiver) as unknown;
      return noop;
    },
  });
}

const onDidOpen = new EventEmitter<Document>();
const onDidChange = new EventEmitter<unknown>();
const onDidClose = new EventEmitter<Document>();
const onDidChangeActiveEditor = new EventEmitter<unknown>();
const onDidChangeConfiguration = new EventEmitter<unknown>();
const onDidChangeTabs = new EventEmitter<unknown>();

export const documents: Document[] = [];
let active: { document: Document; viewColumn: number } | undefined;

function outputChannel(name: string): unknown {
  return loose({
    name,
    append: (text: string) => recorded.output.push(text),
    appendLine: (text: string) => recorded.output.push(text),
    trace: (text: string) => recorded.output.push(text),
    debug: (text: string) => recorded.output.push(text),
    info: (text: string) => recorded.output.push(text),
    warn: (text: string) => recorded.output.push(text),
    error: (text: unknown) => recorded.output.push(String(text)),
    dispose: () => undefined,
    logLevel: 2,
    onDidChangeLogLevel: noop,
  });
}

function message(level: string) {
  return (text: string, ...items: unknown[]): Promise<string | undefined> => {
    recorded.messages.push({ level, text, items: items.filter((i): i is string => typeof i === "string") });
    return Promise.resolve(recorded.choice);
  };
}

export const window = loose({
  get activeTextEditor() {
    return active;
  },
  get visibleTextEditors() {
    return active ? [active] : [];
  },
  tabGroups: loose({
    get all() {
      return [{ tabs: documents.map((d) => ({ input: new TabInputText(d.uri) })) }];
    },
    onDidChangeTabs: onDidChangeTabs.event,
    onDidChangeTabGroups: noop,
  }),
  onDidChangeActiveTextEditor: onDidChangeActiveEditor.event,
  onDidChangeVisibleTextEditors: noop,
  createOutputChannel: outputChannel,
  createStatusBarItem() {
    const item = { text: "", tooltip: undefined as unknown, visible: false, name: "", command: undefined as unknown,
      backgroundColor: undefined as unknown,
      show() { item.visible = true; }, hide() { item.visible = false; }, dispose() { item.visible = false; } };
    recorded.statusItems.push(item);
    return item;
  },
  showErrorMessage: message("error"),
  showWarningMessage: message("warning"),
  showInformationMessage: message("info"),
  showQuickPick: () => Promise.resolve(undefined),
  showTextDocument(document: Document, options?: { selection?: Range }) {
    recorded.shown.push({ uri: document.uri.toString(), selection: options?.selection });
    return Promise.resolve({ document });
  },
  createWebviewPanel(_viewType: string, title: string) {
    const receivers: Listener<unknown>[] = [];
    const disposers: Listener<void>[] = [];
    const panel: Panel = { title, html: "", posted: [], disposed: false,
      receive: (m: unknown) => receivers.forEach((r) => r(m)) };
    recorded.panels.push(panel);
    return {
      get title() { return panel.title; },
      set title(value: string) { panel.title = value; },
      webview: {
        cspSource: "vscode-webview-resource:",
        get html() { return panel.html; },
        set html(value: string) { panel.html = value; },
        asWebviewUri: (uri: Uri) => uri,
        postMessage: (m: unknown) => { panel.posted.push(m); return Promise.resolve(true); },
        onDidReceiveMessage: (listener: Listener<unknown>) => { receivers.push(listener); return new Disposable(); },
      },
      onDidDispose: (listener: Listener<void>) => { disposers.push(listener); return new Disposable(); },
      reveal: () => undefined,
      dispose: () => { if (!panel.disposed) { panel.disposed = true; disposers.forEach((d) => d()); } },
    };
  },
});

export const workspace = loose({
  get textDocuments() {
    return documents;
  },
  workspaceFolders: undefined as { uri: Uri; name: string; index: number }[] | undefined,
  getConfiguration(section?: string) {
    const prefix = section ? `${section}.` : "";
    return loose({
      get: <T>(key: string, fallback?: T): T | undefined =>
        (recorded.settings.has(prefix + key) ? recorded.settings.get(prefix + key) : fallback) as T | undefined,
      has: (key: string) => recorded.settings.has(prefix + key),
      inspect: () => undefined,
      update: () => Promise.resolve(),
    });
  },
  onDidOpenTextDocument: onDidOpen.event,
  onDidChangeTextDocument: onDidChange.event,
  onDidCloseTextDocument: onDidClose.event,
  onDidChangeConfiguration: onDidChangeConfiguration.event,
  createFileSystemWatcher: () => loose({ onDidCreate: noop, onDidChange: noop, onDidDelete: noop, dispose: () => undefined }),
  findFiles: () => Promise.resolve([]),
  getWorkspaceFolder: () => workspace.workspaceFolders?.[0],
});

export class CodeLens {
  constructor(readonly range: Range, public command?: { title: string; command: string; arguments?: unknown[] }) {}
}

export const languages = loose({
  registerCodeLensProvider(_selector: unknown, provider: (typeof recorded.codeLensProviders)[number]) {
    recorded.codeLensProviders.push(provider);
    return new Disposable(() => { recorded.codeLensProviders = recorded.codeLensProviders.filter((p) => p !== provider); });
  },
  createDiagnosticCollection(name: string) {
    const collection = new DiagnosticCollection(name);
    recorded.collections.push(collection);
    return collection;
  },
  match(selector: unknown, document: Document): number {
    const filters = (Array.isArray(selector) ? selector : [selector]) as ({ language?: string; scheme?: string } | string)[];
    return filters.some((f) => typeof f === "string" ? f === document.languageId
      : (!f.language || f.language === document.languageId) && (!f.scheme || f.scheme === document.uri.scheme)) ? 10 : 0;
  },
});

export const commands = loose({
  registerCommand(name: string, run: (...args: unknown[]) => unknown) {
    recorded.commands.set(name, run);
    return new Disposable(() => recorded.commands.delete(name));
  },
  executeCommand(name: string, ...args: unknown[]) {
    const run = recorded.commands.get(name);
    return Promise.resolve(run ? run(...args) : undefined);
  },
});

export const tasks = loose({
  registerTaskProvider(type: string, provider: { provideTasks(): unknown }) {
    recorded.taskProviders.set(type, provider);
    return new Disposable();
  },
});

export const env = loose({ language: "en", appName: "stub", machineId: "stub", sessionId: "stub", uiKind: UIKind.Desktop,
  clipboard: { writeText: () => Promise.resolve() } });
export const extensions = loose({ getExtension: () => undefined, all: [] });
export const version = "1.82.0";
export const l10n = { t: (text: string | { message: string }) => typeof text === "string" ? text : text.message };

/** Test controls: open a document in a tab and an editor, change it. */
export const control = {
  open(file: string, text: string, languageId: string): Document {
    const document = new Document(Uri.file(file), languageId, text);
    documents.push(document);
    active = { document, viewColumn: 1 };
    onDidChangeTabs.fire({ opened: [], closed: [], changed: [] });
    onDidOpen.fire(document);
    onDidChangeActiveEditor.fire(active);
    return document;
  },
  change(event: unknown): void {
    onDidChange.fire(event);
  },
};

export class CodeActionKind {
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  contains(other: CodeActionKind): boolean {
    return this.value === other.value || other.value.startsWith(`${this.value}.`);
  }
  intersects(other: CodeActionKind): boolean {
    return this.contains(other) || other.contains(this);
  }
  static readonly Empty = new CodeActionKind("");
  static readonly QuickFix = new CodeActionKind("quickfix");
  static readonly Refactor = new CodeActionKind("refactor");
  static readonly RefactorExtract = new CodeActionKind("refactor.extract");
  static readonly RefactorInline = new CodeActionKind("refactor.inline");
  static readonly RefactorMove = new CodeActionKind("refactor.move");
  static readonly RefactorRewrite = new CodeActionKind("refactor.rewrite");
  static readonly Source = new CodeActionKind("source");
  static readonly SourceOrganizeImports = new CodeActionKind("source.organizeImports");
  static readonly SourceFixAll = new CodeActionKind("source.fixAll");
  static readonly Notebook = new CodeActionKind("notebook");
}
