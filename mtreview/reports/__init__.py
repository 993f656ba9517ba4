"""Output formats: one module each, all reading the same FileResult records."""
from __future__ import annotations

from dataclasses import dataclass

from ..reviewer import Review


@dataclass(frozen=True)
class FileResult:
    """One reviewed file as every report sees it: display path and review (or the error)."""

    path: str
    review: Review | None = None
    error: str | None = None
