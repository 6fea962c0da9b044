"""Fixtures of the example-server tests. They and the helpers the tests import live in
``example_support.py``: a module name of its own, because ``import conftest`` is ambiguous
when several test folders have a conftest.py."""

from example_support import build_example, runtime  # noqa: F401  (fixtures)
