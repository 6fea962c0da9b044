/**
 * @file Flux grammar for tree-sitter
 * @license MIT
 *
 * Flux (Burns et al., USENIX ATC 2006) composes sequential C functions into a
 * concurrent server. This grammar is the one description of Flux syntax: the
 * CLI, the language server, the formatter and editor highlighting all read
 * trees from it. The language is described in docs/language.md.
 *
 * Error recovery shapes the grammar; a broken declaration must not swallow
 * the declarations after it:
 * - The grammar is LR(1) with no conflicts, so a mistake leaves one parse
 *   stack to repair. A parameter is a flat run of type parts and then its
 *   name: in `unsigned long x` the token after each word decides its role.
 * - Tree-sitter repairs a mistake with one MISSING token only if the token
 *   after the gap then completes a rule. So each declaration is a chain of
 *   small hidden rules, each ending at a token that is easy to forget
 *   (`=>`, `:`, `{`, a name): `source L => ;` gets a missing target and
 *   `handle error N H;` a missing `=>`, instead of an ERROR that runs on.
 * - src/scanner.c ends an unfinished declaration before a line that starts
 *   like a declaration (the zero-width `_boundary`).
 *
 * Reserved words (`typedef source handle error atomic program session`) are
 * keywords only where the grammar expects them; written where a name is due
 * they parse as identifiers, and flux-ls reports them (FLX001).
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const PRIMITIVE_TYPES = [
  'void', 'char', 'short', 'int', 'long', 'float', 'double', 'signed', 'unsigned',
  'bool', '_Bool', 'size_t', 'ssize_t', 'ptrdiff_t', 'intptr_t', 'uintptr_t', 'off_t',
  'int8_t', 'int16_t', 'int32_t', 'int64_t', 'uint8_t', 'uint16_t', 'uint32_t', 'uint64_t',
];
const TAGS = ['struct', 'union', 'enum'];
const QUALIFIERS = ['const', 'volatile', 'restrict'];

const commaSep1 = (rule) => seq(rule, repeat(seq(',', rule)));
const commaSep = (rule) => optional(commaSep1(rule));

module.exports = grammar({
  name: 'flux',

  extras: ($) => [/\s/, $.comment, $._probe],

  // See src/scanner.c: `_boundary` ends an unfinished declaration, `_probe`
  // (never produced) makes tree-sitter consult the scanner in every state,
  // `_error_sentinel` (valid nowhere) detects error recovery, `_name` is the
  // name that begins a node declaration or a flow definition, `_paragraph_end`
  // a blank line after a declaration.
  externals: ($) => [$._boundary, $._probe, $._error_sentinel, $._name, $._paragraph_end],

  word: ($) => $.identifier,

  supertypes: ($) => [$._declaration],

  rules: {
    source_file: ($) => repeat($._paragraph),

    // Declarations are grouped in paragraphs (hidden: the declarations are
    // still the children of `source_file` for every reader of the tree), each
    // ended by a blank line. Tree-sitter never reuses a node of a repetition
    // as a whole after an edit, only the nodes inside it one by one; a
    // paragraph is not one (it starts with a declaration and ends with its
    // blank line), so re-parsing after an edit steps over each untouched
    // paragraph at once instead of over each declaration.
    _paragraph: ($) => prec.right(seq($._item, repeat($._item), optional($._paragraph_end))),

    _item: ($) => choice($._declaration, $._boundary),

    _declaration: ($) =>
      choice(
        $.node_declaration,
        $.flow_definition,
        $.source_declaration,
        $.typedef_declaration,
        $.handler_declaration,
        $.atomic_declaration,
      ),

    // Listen () => (int socket);
    node_declaration: ($) => seq($._signature, ';'),

    _signature: ($) => seq($._signature_inputs, field('outputs', $.parameter_list)),

    _signature_inputs: ($) =>
      seq(field('name', $._declaration_name), field('inputs', $.parameter_list), '=>'),

    parameter_list: ($) => seq('(', commaSep($.parameter), ')'),

    // `int socket`, `unsigned long n`, `const char *const *argv`: type words
    // and qualifiers, then pointers, then the name. Each part of the C type has
    // the field `type`; its canonical form is computed outside the grammar.
    parameter: ($) =>
      seq(
        repeat1(field('type', $._type_word)),
        repeat(field('type', $.pointer)),
        field('name', $.identifier),
      ),

    _type_word: ($) =>
      choice(
        $.primitive_type,
        alias($.identifier, $.type_identifier),
        ...TAGS,
        ...QUALIFIERS,
      ),

    // C's own type names (and the standard typedefs tree-sitter-c treats alike).
    primitive_type: (_) => choice(...PRIMITIVE_TYPES),

    pointer: (_) => seq('*', repeat(choice(...QUALIFIERS))),

    // Image = ReadRequest -> Write;   Handler:[_, hit] = ;
    flow_definition: ($) => seq($._flow_head, optional(field('flow', $.flow)), ';'),

    _flow_head: ($) =>
      seq(field('name', $._declaration_name), optional(seq(':', field('pattern', $.pattern))), '='),

    pattern: ($) => seq('[', commaSep1(choice($.wildcard, $.identifier)), ']'),

    wildcard: (_) => choice('_', '*'),

    flow: ($) => seq(field('step', $.identifier), repeat(seq('->', field('step', $.identifier)))),

    // source Listen => Image;   source Listen {session: Who} => Image;
    source_declaration: ($) => seq($._source, ';'),

    _source: ($) => seq($._source_head, field('target', $.identifier)),

    _source_head: ($) => seq($._source_node, optional(field('session', $.session_clause)), '=>'),

    _source_node: ($) => seq('source', field('node', $.identifier)),

    session_clause: ($) => seq($._session_key, field('function', $.identifier), '}'),

    _session_key: (_) => seq('{', 'session', ':'),

    // typedef hit TestInCache;
    typedef_declaration: ($) => seq($._typedef, ';'),

    _typedef: ($) => seq($._typedef_type, field('predicate', $.identifier)),

    _typedef_type: ($) => seq('typedef', field('type', $.identifier)),

    // handle error ReadInFromDisk => NotFound;
    handler_declaration: ($) => seq($._handler, ';'),

    _handler: ($) => seq($._handler_head, field('handler', $.identifier)),

    _handler_head: ($) => seq($._handler_node, '=>'),

    _handler_node: ($) => seq($._handle_error, field('node', $.identifier)),

    _handle_error: (_) => seq('handle', 'error'),

    // atomic CheckCache:{cache?, players(session)};
    atomic_declaration: ($) => seq($._atomic, ';'),

    _atomic: ($) => seq($._atomic_open, commaSep1($.constraint), '}'),

    _atomic_open: ($) => seq($._atomic_head, '{'),

    _atomic_head: ($) => seq($._atomic_node, ':'),

    _atomic_node: ($) => seq('atomic', field('node', $.identifier)),

    // `c` and `c!` are writers, `c?` a reader; the scope defaults to program.
    constraint: ($) =>
      seq(
        field('name', $.identifier),
        optional(field('mode', $.mode)),
        optional(seq('(', field('scope', $.scope), ')')),
      ),

    mode: (_) => choice('?', '!'),

    scope: (_) => choice('program', 'session'),

    identifier: (_) => /[A-Za-z_][A-Za-z0-9_]*/,

    // The name a declaration begins with is lexed by src/scanner.c, not as the
    // `word` token: tree-sitter reuses a subtree whose first token is the word
    // token only in the very parse state that built it, and a declaration
    // after a reused one is offered in another state (the repetition around
    // declarations is reduced one token later). With `_name` first, an edit
    // re-parses the declarations it touches and reuses all the others.
    _declaration_name: ($) => alias($._name, $.identifier),

    // `//` line comments, `/* */` block comments; `/** */` is documentation.
    comment: (_) =>
      token(choice(seq('//', /[^\r\n]*/), seq('/*', /[^*]*\*+([^/*][^*]*\*+)*/, '/'))),
  },
});
