"""script: characters that do not belong in English text.

mode `cjk`: untranslated Chinese/Japanese/Korean text (with letters or digits glued to it, as in
an ICP licence number) — MQM non-translation. mode `fullwidth`: full-width punctuation
（，：；！？） left in English; the edit replaces it with its ASCII form and the space English puts
after it. mode `spaces`: runs of two or more spaces or no-break spaces between words; the edit
leaves one space."""
from __future__ import annotations

import unicodedata

import regex

from ..findings import Edit
from ._regex import finditer, format_message

FIELDS = {"mode": (str, True)}

_CJK = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u3005"
_PATTERNS = {
    # the lookbehind and possessive runs keep this linear on a long run of Latin letters
    "cjk": regex.compile(rf"(?<![A-Za-z0-9])[A-Za-z0-9]*+[{_CJK}]++(?:[A-Za-z0-9]*+[{_CJK}]++)*+[A-Za-z0-9]*+"),
    "fullwidth": regex.compile(r"[\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f\u3001\u3002\u3010\u3011\u300a\u300b]"),
    "spaces": regex.compile(r"(?<=\S)(?:[ \u00a0\u2007\u202f\u3000]{2,}|[\u00a0\u3000]+)(?=\S)"),
}
_ANY_CJK = regex.compile(rf"[{_CJK}]")
_AFTER_SPACE = {",", ":", ";", "!", "?", ".", ")"}
_FULLWIDTH_TO_ASCII = {"\u3001": ",", "\u3002": ".", "\u3010": "[", "\u3011": "]", "\u300a": '"', "\u300b": '"'}


def compile(rule):
    mode = rule.params["mode"]
    if mode not in _PATTERNS:
        raise rule.error(f"must be one of {', '.join(_PATTERNS)}", "mode")
    pattern = _PATTERNS[mode]

    def run(doc):
        text = doc.text
        if mode == "cjk" and not _ANY_CJK.search(text):
            return  # most English documents have no CJK character at all: one fast scan
        for match in finditer(rule, pattern, text):
            start, end = match.span()
            message = format_message(rule.message, match=match.group(0))
            if mode == "cjk":
                yield rule.finding(text, start, end, message)
            elif mode == "spaces":
                yield rule.finding(text, start, end, message, replacement=" ")
            else:
                yield rule.finding(text, start, end, message, edits=[_ascii_edit(rule, text, start, end)])

    return run


def _ascii_edit(rule, text: str, start: int, end: int) -> Edit:
    char = text[start]
    ascii_char = _FULLWIDTH_TO_ASCII.get(char) or unicodedata.normalize("NFKC", char)
    next_char = text[end] if end < len(text) else ""
    if ascii_char in _AFTER_SPACE and next_char and not next_char.isspace():
        ascii_char += " "
    if ascii_char == "(" and start > 0 and not text[start - 1].isspace():
        ascii_char = " ("
    return Edit(start, end, ascii_char, rule.applicability)
