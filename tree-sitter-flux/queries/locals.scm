; Scopes, definitions and references for Flux.
;
; Nodes, predicate types, constraint names and C functions live in separate namespaces
; (docs/language.md#names-and-namespaces); these queries track nodes and predicate types, the
; two that are declared once and used by name. Parameter names are local to their parameter
; list.

(source_file) @local.scope

(parameter_list) @local.scope

; Definitions

(node_declaration
  name: (identifier) @local.definition.function)

(flow_definition
  name: (identifier) @local.definition.function)

(typedef_declaration
  type: (identifier) @local.definition.type)

(parameter
  name: (identifier) @local.definition.parameter)

; References

(flow
  step: (identifier) @local.reference)

(source_declaration
  node: (identifier) @local.reference)

(source_declaration
  target: (identifier) @local.reference)

(handler_declaration
  node: (identifier) @local.reference)

(atomic_declaration
  node: (identifier) @local.reference)

(pattern
  (identifier) @local.reference)
