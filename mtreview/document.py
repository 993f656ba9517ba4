"""Document: the text as decoded, with paragraphs, sentences and a line/column index.

Offsets are character offsets into the text exactly as read (BOM stripped, newlines untranslated),
so every finding can be mapped back to the file byte for byte.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r|\n)[ \t\u00a0\u3000]*(?:\r\n|\r|\n)\s*")
_CJK_SENTENCE_END = re.compile(r"[。！？](?:[”’」』）)]*)")
_LINE_START = re.compile(r"\r\n|\r|\n")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


class Document:
    """An immutable view of one text: sentences are computed once, lazily, and shared by all rules."""

    __slots__ = ("text", "__dict__")

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def paragraphs(self) -> list[Span]:
        spans, pos = [], 0
        for brk in _PARAGRAPH_BREAK.finditer(self.text):
            _add_trimmed(spans, self.text, pos, brk.start())
            pos = brk.end()
        _add_trimmed(spans, self.text, pos, len(self.text))
        return spans

    @cached_property
    def lines(self) -> list[Span]:
        """Each line without its terminator."""
        spans, pos = [], 0
        for brk in _LINE_START.finditer(self.text):
            spans.append(Span(pos, brk.start()))
            pos = brk.end()
        if pos < len(self.text) or not spans:
            spans.append(Span(pos, len(self.text)))
        return spans

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentence spans from syntok, split further at Chinese sentence-final punctuation."""
        from syntok import segmenter

        spans: list[Span] = []
        for para in self.paragraphs:
            chunk = self.text[para.start:para.end]
            for lines in _split_lines_for_segmenter(chunk):
                base, piece = para.start + lines[0], lines[1]
                for paragraph in segmenter.analyze(piece):
                    for sentence in paragraph:
                        start = base + sentence[0].offset
                        end = base + sentence[-1].offset + len(sentence[-1].value)
                        spans.extend(_split_cjk(self.text, start, end))
        return spans

    @cached_property
    def folded_text(self) -> str:
        """Case-, dash- and quote-folded text of the same length, shared by all glossary rules."""
        from .kinds.term import fold

        return fold(self.text)

    @cached_property
    def lowered_text(self) -> str:
        """Lower-cased text, shared by the pattern rules' literal prefilter (kinds/_literal.py)."""
        from .kinds._literal import lowered

        return lowered(self.text)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [span.start for span in self.lines]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of an offset."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def sentence_index(self, offset: int) -> int | None:
        starts = self._sentence_starts
        index = bisect.bisect_right(starts, offset) - 1
        if index < 0:
            return 0 if self.sentences else None
        return index

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Span | None:
        index = self.sentence_index(offset)
        return None if index is None else self.sentences[index]

    @cached_property
    def word_count(self) -> int:
        return sum(1 for _ in _WORD.finditer(self.text))


def _add_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(Span(start, end))


def _split_lines_for_segmenter(chunk: str):
    """syntok joins single newlines into one sentence; a scraped page's short lines are separate."""
    pos = 0
    for brk in _LINE_START.finditer(chunk):
        if pos < brk.start():
            yield pos, chunk[pos:brk.start()]
        pos = brk.end()
    if pos < len(chunk):
        yield pos, chunk[pos:]


def _split_cjk(text: str, start: int, end: int):
    pos = start
    for mark in _CJK_SENTENCE_END.finditer(text, start, end):
        if mark.end() < end:
            yield Span(pos, mark.end())
            pos = mark.end()
            while pos < end and text[pos].isspace():
                pos += 1
    if pos < end:
        yield Span(pos, end)
