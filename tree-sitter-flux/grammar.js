/**
 * @file Flux grammar for tree-sitter
 * @license MIT
 *
 * Flux (Burns et al., USENIX ATC 2006) composes sequential C functions into a
 * concurrent server. This grammar is the one description of Flux syntax: the
 * CLI, the language server, the formatter and editor highlighting all read
 * trees from it. The language is specified in LANGUAGE.md §2–§6.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const commaSep1 = (rule) => seq(rule, repeat(seq(',', rule)));
const commaSep = (rule) => optional(commaSep1(rule));

module.exports = grammar({
  name: 'flux',

  extras: ($) => [/\s/, $.comment],

  word: ($) => $.identifier,

  // `unsigned long x`: whether `long` is a type word or the parameter name is
  // decided by the token after it, one token later than LR(1) can see.
  conflicts: ($) => [[$.c_type]],

  rules: {
    source_file: ($) => repeat($._declaration),

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
    node_declaration: ($) =>
      seq(
        field('name', $.identifier),
        field('inputs', $.parameter_list),
        '=>',
        field('outputs', $.parameter_list),
        ';',
      ),

    parameter_list: ($) => seq('(', commaSep($.parameter), ')'),

    parameter: ($) => seq(field('type', $.c_type), field('name', $.identifier)),

    // One or more type words, then pointers: `const char *`, `unsigned long`,
    // `char * const *`. The canonical form is computed outside the grammar.
    c_type: ($) =>
      seq(repeat1(choice(alias($.identifier, $.type_identifier), 'const')), repeat($.pointer)),

    pointer: ($) => seq('*', optional('const')),

    // Image = ReadRequest -> Write;   Handler:[_, hit] = ;
    flow_definition: ($) =>
      seq(
        field('name', $.identifier),
        optional(seq(':', field('pattern', $.pattern))),
        '=',
        optional(field('flow', $.flow)),
        ';',
      ),

    pattern: ($) => seq('[', commaSep1($._pattern_element), ']'),

    _pattern_element: ($) => choice($.wildcard, $.identifier),

    wildcard: (_) => choice('_', '*'),

    flow: ($) => seq(field('step', $.identifier), repeat(seq('->', field('step', $.identifier)))),

    // source Listen => Image;   source Listen {session: Who} => Image;
    source_declaration: ($) =>
      seq(
        'source',
        field('node', $.identifier),
        optional(field('session', $.session_clause)),
        '=>',
        field('target', $.identifier),
        ';',
      ),

    session_clause: ($) => seq('{', 'session', ':', field('function', $.identifier), '}'),

    // typedef hit TestInCache;
    typedef_declaration: ($) =>
      seq('typedef', field('type', $.identifier), field('predicate', $.identifier), ';'),

    // handle error ReadInFromDisk => NotFound;
    handler_declaration: ($) =>
      seq('handle', 'error', field('node', $.identifier), '=>', field('handler', $.identifier), ';'),

    // atomic CheckCache:{cache?, players(session)};
    atomic_declaration: ($) =>
      seq(
        'atomic',
        field('node', $.identifier),
        ':',
        '{',
        commaSep1($.constraint),
        '}',
        ';',
      ),

    constraint: ($) =>
      seq(
        field('name', $.identifier),
        optional(field('mode', $.mode)),
        optional(seq('(', field('scope', $.scope), ')')),
      ),

    mode: (_) => choice('?', '!'),

    scope: (_) => choice('program', 'session'),

    identifier: (_) => /[A-Za-z_][A-Za-z0-9_]*/,

    // `//` line comments, `/* */` block comments; `/** */` is documentation.
    comment: (_) =>
      token(choice(seq('//', /[^\r\n]*/), seq('/*', /[^*]*\*+([^/*][^*]*\*+)*/, '/'))),
  },
});
