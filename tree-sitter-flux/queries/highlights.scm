; Flux syntax highlighting.
;
; Capture names follow nvim-treesitter and Helix. Each node gets one capture, so the result
; does not depend on whether an editor lets the first or the last matching pattern win.

; Comments: `/** … */` right before a declaration is its documentation.

((comment) @comment.documentation
  (#match? @comment.documentation "^/[*][*][^/]"))

((comment) @comment
  (#not-match? @comment "^/[*][*][^/]"))

; Keywords

[
  "source"
  "handle"
  "error"
  "atomic"
] @keyword

"typedef" @keyword.type

[
  "const"
  "volatile"
  "restrict"
] @keyword.modifier

(session_clause
  "session" @keyword)

(scope
  [
    "program"
    "session"
  ] @keyword.modifier)

; Nodes: declared (signatures and flow definitions) and used.

(node_declaration
  name: (identifier) @function)

(flow_definition
  name: (identifier) @function)

(flow
  step: (identifier) @function.call)

(source_declaration
  node: (identifier) @function.call)

(source_declaration
  target: (identifier) @function.call)

(handler_declaration
  node: (identifier) @function.call)

(atomic_declaration
  node: (identifier) @function.call)

; C functions named by the program: predicates, error handlers, session functions.

(typedef_declaration
  predicate: (identifier) @function.call)

(handler_declaration
  handler: (identifier) @function.call)

(session_clause
  function: (identifier) @function.call)

; Predicate types and dispatch patterns

(typedef_declaration
  type: (identifier) @type.definition)

(pattern
  (identifier) @type)

(wildcard) @constant.builtin

; Parameters: C types and names

(primitive_type) @type.builtin

(type_identifier) @type

[
  "struct"
  "union"
  "enum"
] @keyword.type

(parameter
  name: (identifier) @variable.parameter)

; Atomicity constraints

(constraint
  name: (identifier) @label)

; Operators and punctuation

[
  "=>"
  "->"
  "="
] @operator

(mode) @operator

(pointer
  "*" @operator)

[
  "("
  ")"
  "["
  "]"
  "{"
  "}"
] @punctuation.bracket

[
  ";"
  ","
  ":"
] @punctuation.delimiter
