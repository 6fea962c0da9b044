"""Shared by every test: failed assertions of the helper modules show what differed."""

import pytest

pytest.register_assert_rewrite("golden_support")
