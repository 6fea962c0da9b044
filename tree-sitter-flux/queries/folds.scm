; Folding: declarations that span several lines, their parameter lists, block comments.

[
  (node_declaration)
  (flow_definition)
  (source_declaration)
  (typedef_declaration)
  (handler_declaration)
  (atomic_declaration)
  (parameter_list)
] @fold

((comment) @fold
  (#match? @fold "^/[*]"))
