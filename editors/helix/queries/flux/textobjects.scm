; Flux text objects for Helix (`mif`/`maf`, `mia`/`maa`, `mic`/`mac`, `]f`, `]a`, `]c`).
; A "function" is a declaration that names a node: a signature or a flow; its inside is
; the parameter lists of a signature or the flow of a definition.

(node_declaration) @function.around

(node_declaration
  inputs: (parameter_list) @function.inside)

(node_declaration
  outputs: (parameter_list) @function.inside)

(flow_definition) @function.around

(flow_definition
  flow: (flow) @function.inside)

; Parameters of a signature; patterns' elements; constraints of an atomic declaration.

(parameter_list
  (parameter) @parameter.inside @parameter.around)

(pattern
  [(identifier) (wildcard)] @parameter.inside @parameter.around)

(atomic_declaration
  (constraint) @parameter.inside @parameter.around)

(comment) @comment.inside

(comment)+ @comment.around
