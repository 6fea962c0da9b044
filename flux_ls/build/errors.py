"""``BuildError``: a user-facing problem that stops a build (printed as is, exit status 1)."""

from __future__ import annotations


class BuildError(Exception):
    """A message for the user, possibly several lines; ``status`` is the exit status."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status
