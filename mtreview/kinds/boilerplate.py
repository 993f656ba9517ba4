"""boilerplate: lines of the web page scraped with the article — navigation, credits, copyright and
licence lines, disclaimers, contact lines.

A line is boilerplate when it is short (at most `max_words` words) and one of `lines` (regexes)
matches at its start (after bullets, brackets and spaces), or one of `contains` matches somewhere
in it (`^` and `$` anchor at the line's ends). With `follow: true`, the short lines right after a
boilerplate line, up to the next blank line, that do not end like a sentence are boilerplate too:
the headlines listed under "Related news" or "Recommended reading". The finding covers the line;
the edit deletes it with its line break."""
from __future__ import annotations

import regex

from ..findings import Edit
from ._regex import Budget, compile_pattern, format_message

FIELDS = {"lines": (list, False), "contains": (list, False), "max_words": (int, False),
          "follow": (bool, False), "flags": (list, False)}

_WORD = regex.compile(r"\w+")
_LEADING = regex.compile(r"[\s\u3000【\[(（|>·•*#-]*")
_SENTENCE_END = regex.compile(r"[.!?。！？][\"'”’)]*\s*$")
_FOLLOW_MAX_WORDS = 20


def compile(rule):
    starts = [compile_pattern(rule, p, f"lines[{i}]", regex.IGNORECASE)
              for i, p in enumerate(rule.params.get("lines", []))]
    contains = [compile_pattern(rule, p, f"contains[{i}]", regex.IGNORECASE | regex.MULTILINE)
                for i, p in enumerate(rule.params.get("contains", []))]
    if not starts and not contains:
        raise rule.error("a boilerplate rule needs `lines` or `contains`", "lines")
    # Each pattern is compiled alone above, so that an error names its field; one alternation of
    # them all then tests a line in one call instead of one call per pattern.
    starts = _one_of(starts, regex.IGNORECASE)
    contains = _one_of(contains, regex.IGNORECASE | regex.MULTILINE)
    max_words = rule.params.get("max_words", 60)
    follow = rule.params.get("follow", False)

    def is_boilerplate(text, line, begin, budget) -> bool:
        if sum(1 for _ in _WORD.finditer(text, begin, line.end)) > max_words:
            return False
        return any(budget.match(p, text, begin, line.end) for p in starts) or \
            any(budget.search(p, text, line.start, line.end) for p in contains)

    def is_listed_headline(text, line, begin) -> bool:
        words = sum(1 for _ in _WORD.finditer(text, begin, line.end))
        return 0 < words <= _FOLLOW_MAX_WORDS and not _SENTENCE_END.search(text, begin, line.end)

    def run(doc):
        text = doc.text
        following = False
        budget = Budget(rule)  # the pack's patterns share one time limit per document
        for line in doc.lines:
            begin = _LEADING.match(text, line.start, line.end).end()
            if begin >= line.end:
                following = False
                continue
            if is_boilerplate(text, line, begin, budget):
                following = follow
            elif not (following and is_listed_headline(text, line, begin)):
                following = False
                continue
            yield _line_finding(rule, text, line)

    return run


def _one_of(patterns, flags):
    """One pattern matching where any of `patterns` matches (their groups renumbered, unused)."""
    if len(patterns) <= 1:
        return patterns
    try:
        return [regex.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags | regex.VERSION0)]
    except regex.error:  # a backreference that numbering breaks: keep them apart
        return patterns


def _line_finding(rule, text, line):
    first = line.start
    while text[first].isspace():
        first += 1
    end = line.end
    while end > first and text[end - 1].isspace():
        end -= 1
    delete_end = line.end
    if delete_end < len(text):
        delete_end += 2 if text.startswith("\r\n", delete_end) else 1
    message = format_message(rule.message, match=text[first:end])
    return rule.finding(text, first, end, message, edits=[Edit(line.start, delete_end, "", rule.applicability)])
