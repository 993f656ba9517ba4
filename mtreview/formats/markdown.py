"""Markdown: prose is reviewed; code blocks, inline code, HTML, URLs, link targets, reference
definitions and front matter are not.

markdown-it-py finds the blocks: only the lines of its `inline` tokens (paragraphs, headings, list
items, table cells) hold prose. Inside them, inline code, HTML, autolinks, link targets and bare
URLs are found by pattern. What is not prose is blanked with spaces (newlines kept), so the
reviewed text has the file's length and every offset still points into the file.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..io import read_source
from . import ReadOptions, Span, Unit

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_INLINE_NOT_PROSE = re.compile(
    r"(?<!`)(?P<fence>`+)(?!`).+?(?<!`)(?P=fence)(?!`)"        # inline code
    r"|<!--.*?-->"                                              # HTML comment
    r"|</?[A-Za-z][^<>\n]*>"                                    # HTML tag, autolink <http://...>
    r"|(?<=\])\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"  # link target ](url "title")
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
    r"|(?<=\])\[[^\]\n]*\]"                                     # reference label ][ref]
    r"|(?:https?://|ftp://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]",  # bare URL
    re.DOTALL)


def read(path: str, options: ReadOptions) -> Iterator[Unit]:
    source = read_source(path, options.encoding)
    yield unit(source.path, source.text)


def unit(path: str, text: str) -> Unit:
    """The unit of a Markdown text: prose kept, the rest blanked (also used by `fix` on each pass)."""
    masked = not_prose(text)
    return Unit(path, blank(text, masked), masked=tuple(masked), original=text if masked else None)


def not_prose(text: str) -> list[Span]:
    """Spans of `text` that are not prose, sorted and merged."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    parser = MarkdownIt("commonmark").use(front_matter_plugin).enable("table")
    line_spans = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.end() > m.start()]
    prose_lines = [False] * len(line_spans)
    last_map = None
    for token in parser.parse(text):
        if token.map is not None:
            last_map = token.map
        if token.type == "inline" and (token.map or last_map):
            first, stop = token.map or last_map
            for index in range(first, min(stop, len(line_spans))):
                prose_lines[index] = True
    spans: list[Span] = []
    index = 0
    while index < len(line_spans):
        if prose_lines[index]:
            first = index
            while index < len(line_spans) and prose_lines[index]:
                index += 1
            start, end = line_spans[first][0], line_spans[index - 1][1]
            spans.extend((m.start(), m.end()) for m in _INLINE_NOT_PROSE.finditer(text, start, end))
        else:
            spans.append(line_spans[index])
            index += 1
    return _merge(spans)


def blank(text: str, spans: list[Span]) -> str:
    """Replace every character of the spans but line breaks with a space."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
