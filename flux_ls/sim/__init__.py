"""The performance simulator (docs/simulate.md), behind ``flux simulate``.

A discrete-event model (SimPy) of the checked program graph: ``costs`` says what every node
costs and which way every branch goes (from an estimates file or a profile), ``model``
turns the graph and the code generator's acquisition plan into per-vertex steps, ``engine``
runs flows through them under a workload, and ``report`` renders the predictions (text,
markdown and the ``flux-sim/1`` JSON contract). No module here reads files or the clock;
the CLI and the language server do the IO.
"""

SCHEMA = "flux-sim/1"
