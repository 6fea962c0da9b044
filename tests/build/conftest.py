"""Fixtures of the build and runtime tests. They and the helpers the tests import live in
``build_support.py``: a module name of its own, because ``import conftest`` is ambiguous when
several test folders have a conftest.py."""

from build_support import built, programs  # noqa: F401  (fixtures)
