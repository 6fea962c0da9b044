"""The path profiler's Python side (docs/language.md#path-profiling-and-simulation,
docs/profile.md).

The C runtime records a profile (``flux_ls/runtime/profile.c``) and writes it as JSON of
schema ``flux-profile/1``; this package reads it (``schema``), names the program graph it
belongs to (``hashing``: the hash the code generator emits into the server), summarises it
(``summary``), renders reports and diffs (``report``), and lays it over a program graph for
``flux graph --profile`` and the language server (``overlay``). Pure: no IO.
"""

#: Where ``flux run --profile`` writes, relative to the project (and where the language
#: server looks by default, setting ``flux.profile.path``).
DEFAULT_PATH = ".flux-build/profile.json"
