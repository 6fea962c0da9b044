; Indentation (nvim-treesitter captures): the inside of a declaration that spans lines is
; indented one level; a closing bracket goes back to the level of its opening line.

[
  (node_declaration)
  (flow_definition)
  (source_declaration)
  (atomic_declaration)
  (parameter_list)
  (pattern)
] @indent.begin

[
  ")"
  "]"
  "}"
] @indent.branch

";" @indent.end

(comment) @indent.auto

(ERROR) @indent.auto
