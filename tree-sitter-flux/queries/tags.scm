; Code navigation (tree-sitter tags, GitHub): node signatures and flow definitions define
; functions, typedefs define predicate types, and every use of a node or of a C function
; is a call. A `/** … */` comment right before a definition is its documentation.

((comment)* @doc
  .
  (node_declaration
    name: (identifier) @name) @definition.function
  (#strip! @doc "^/[*][*]\\s*|\\s*[*]/$|^\\s*[*] ?")
  (#select-adjacent! @doc @definition.function))

((comment)* @doc
  .
  (flow_definition
    name: (identifier) @name) @definition.function
  (#strip! @doc "^/[*][*]\\s*|\\s*[*]/$|^\\s*[*] ?")
  (#select-adjacent! @doc @definition.function))

((comment)* @doc
  .
  (typedef_declaration
    type: (identifier) @name) @definition.type
  (#strip! @doc "^/[*][*]\\s*|\\s*[*]/$|^\\s*[*] ?")
  (#select-adjacent! @doc @definition.type))

(flow
  step: (identifier) @name @reference.call)

(source_declaration
  node: (identifier) @name @reference.call)

(source_declaration
  target: (identifier) @name @reference.call)

(handler_declaration
  node: (identifier) @name @reference.call)

(atomic_declaration
  node: (identifier) @name @reference.call)

(typedef_declaration
  predicate: (identifier) @name @reference.call)

(handler_declaration
  handler: (identifier) @name @reference.call)

(session_clause
  function: (identifier) @name @reference.call)

(pattern
  (identifier) @name @reference.type)
