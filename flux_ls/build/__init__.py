"""The back end: from a checked Flux program and the user's C code to a server executable.

``manifest`` reads ``flux.toml``; the C interface (structs and prototypes,
docs/language.md#the-c-interface) comes from the core's ``flux_ls.cinterface``, which hovers
read too; ``plan`` decides what the flow driver does at each vertex of the program graph;
``gen_header`` and ``gen_program`` print ``flux_nodes.h`` and ``flux_program.c``; ``project``
compiles them with the C runtime (``flux_ls/runtime``) and the user's sources, through ``cache``
and ``messages``; ``stubs`` and ``scaffold`` serve ``flux stubs`` and ``flux new``. See
docs/build.md.
"""
