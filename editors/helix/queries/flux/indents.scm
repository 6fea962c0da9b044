; Flux indentation for Helix: the inside of a bracket that spans lines is indented one
; level; the closing bracket goes back to the level of the line that opened it.

[
  (parameter_list)
  (pattern)
  (atomic_declaration)
] @indent

[
  ")"
  "]"
  "}"
] @outdent
