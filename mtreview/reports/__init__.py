"""Output formats: one module each, all reading the same FileResult records."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..document import Document
from ..reviewer import Review


@dataclass(frozen=True)
class FileResult:
    """One reviewed unit as every report sees it: a whole file, or one record of a structured file
    (`record` is the line where it starts), with its review (or the error)."""

    path: str
    review: Review | None = None
    error: str | None = None
    record: int | None = None
    source: str | None = None          # source-language text of a bilingual pair

    @property
    def location(self) -> str:
        return self.path if self.record is None else f"{self.path}:{self.record}"

    def line_col(self, offset: int) -> tuple[int, int]:
        """Line and column in the file: a record's line, and the column within its text."""
        if self.record is not None:
            return self.record, offset + 1
        return self._document.line_col(offset)

    @cached_property
    def _document(self) -> Document:
        return Document(self.review.text)
