"""boilerplate: lines of the web page scraped with the article — navigation, credits, copyright and
licence lines, disclaimers, contact lines. A line is boilerplate when it is short (at most
`max_words` words) and one of `lines` (regexes) matches at its start, or one of `contains`
matches anywhere in it. The finding covers the line; the edit deletes it with its line break."""
from __future__ import annotations

import regex

from ..findings import Edit
from ._regex import compile_pattern, format_message

FIELDS = {"lines": (list, False), "contains": (list, False), "max_words": (int, False),
          "flags": (list, False)}

_WORD = regex.compile(r"\w+")
_LEADING = regex.compile(r"[\s\u3000【\[|>·•*#-]*")


def compile(rule):
    starts = [compile_pattern(rule, p, f"lines[{i}]", regex.IGNORECASE)
              for i, p in enumerate(rule.params.get("lines", []))]
    contains = [compile_pattern(rule, p, f"contains[{i}]", regex.IGNORECASE)
                for i, p in enumerate(rule.params.get("contains", []))]
    if not starts and not contains:
        raise rule.error("a boilerplate rule needs `lines` or `contains`", "lines")
    max_words = rule.params.get("max_words", 60)

    def run(doc):
        text = doc.text
        for line in doc.lines:
            if line.start == line.end:
                continue
            begin = _LEADING.match(text, line.start, line.end).end()
            if begin >= line.end:
                continue
            first = line.start
            while text[first].isspace():
                first += 1
            if sum(1 for _ in _WORD.finditer(text, begin, line.end)) > max_words:
                continue
            hit = next((p for p in starts if p.match(text, begin, line.end, timeout=1)), None) or \
                next((p for p in contains if p.search(text, begin, line.end, timeout=1)), None)
            if hit is None:
                continue
            end = line.end
            while end > first and text[end - 1].isspace():
                end -= 1
            delete_end = line.end
            if delete_end < len(text):
                delete_end += 2 if text.startswith("\r\n", delete_end) else 1
            message = format_message(rule.message, match=text[first:end])
            yield rule.finding(text, first, end, message,
                               edits=[Edit(line.start, delete_end, "", rule.applicability)])

    return run
