"""Flux grammar for tree-sitter.

``language()`` returns the grammar as a ``tree_sitter.Language`` capsule::

    import tree_sitter, tree_sitter_flux
    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_flux.language()))

The editor queries ship with the package: ``HIGHLIGHTS_QUERY``, ``LOCALS_QUERY``,
``TAGS_QUERY``, ``FOLDS_QUERY`` and ``INDENTS_QUERY`` are read lazily from ``queries/``.
"""

from ._binding import language

_QUERIES = {
    "HIGHLIGHTS_QUERY": "highlights.scm",
    "LOCALS_QUERY": "locals.scm",
    "TAGS_QUERY": "tags.scm",
    "FOLDS_QUERY": "folds.scm",
    "INDENTS_QUERY": "indents.scm",
}


def _get_query(name: str, file: str) -> str:
    from importlib.resources import files  # imported here: it costs start-up time

    query = files(f"{__package__}.queries") / file
    globals()[name] = query.read_text(encoding="utf-8")
    return globals()[name]


def __getattr__(name: str) -> str:
    if name in _QUERIES:
        return _get_query(name, _QUERIES[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["language", *_QUERIES]


def __dir__() -> list[str]:
    return sorted(__all__ + ["__doc__", "__file__", "__name__", "__package__"])
