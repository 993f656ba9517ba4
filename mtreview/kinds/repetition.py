"""repetition: the same word twice where MT joined two renderings of one source word.

mode `adjacent`: a word repeated across spaces or quotes (`the "the Belt and Road"`, `a a`; a
capitalized pair such as `Li Li` is a name); the edit keeps the first copy and the quotes
(`the "Belt and Road"`). mode `coordinated`: "X and X" (`cultural and cultural exchanges`); the edit keeps one X; comparatives ("more and
more", "better and better") are idiomatic. `ignore` lists words whose repetition is idiomatic
("had had", "Bora Bora"); `conjunctions` (coordinated only) defaults to and/or.
"""
from __future__ import annotations

import regex

from ..findings import Edit
from ._regex import finditer, format_message, string_list

FIELDS = {"mode": (str, True), "ignore": (list, False), "conjunctions": (list, False)}

# The word runs are possessive (a gap never starts with a letter, so giving letters back can never
# help the match): a third less time on a long text.
_ADJACENT = regex.compile(
    r"(?<![\w-])(?P<first>\p{L}++)(?P<gap>[ \t\u00a0]+|[ \t\u00a0]*[\"“”‘’«][ \t\u00a0]*)"
    r"(?P<second>(?P=first))(?![\w-])(?P<after>[ \t\u00a0]*)", regex.IGNORECASE)


def compile(rule):
    mode = rule.params["mode"]
    if mode not in ("adjacent", "coordinated"):
        raise rule.error("must be adjacent or coordinated", "mode")
    ignore = {w.lower() for w in string_list(rule, "ignore")}
    if mode == "adjacent":
        pattern = _ADJACENT
    else:
        conjunctions = string_list(rule, "conjunctions") or ["and", "or"]
        joined = "|".join(regex.escape(c) for c in conjunctions)
        pattern = regex.compile(
            rf"(?<![\w-])(?P<first>\p{{L}}{{2,}}+)(?P<gap>\s+(?:{joined})\s+)"
            rf"(?P<second>(?P=first))(?![\w-])(?P<after>)", regex.IGNORECASE)

    def run(doc):
        text = doc.text
        for match in finditer(rule, pattern, text):
            first, second = match.group("first"), match.group("second")
            if first.lower() in ignore or (mode == "coordinated" and _idiomatic_pair(first)):
                continue
            if first[1:] != second[1:]:  # "US us": case differs beyond the initial capital
                continue
            if mode == "adjacent" and first[0].isupper() and second[0].isupper() and \
                    first.lower() not in _FUNCTION_WORDS:
                continue  # a reduplicated name: Li Li, Bora Bora, Ni Ni
            message = format_message(rule.message, match=text[match.start():match.end("second")], word=first)
            if mode == "adjacent":
                quote = match.group("gap").strip(" \t\u00a0")
                replacement = first + (match.group("gap").rstrip(" \t\u00a0") if quote else match.group("after"))
                edit_end = match.end("after")
            else:
                replacement, edit_end = first, match.end("second")
            yield rule.finding(text, match.start(), match.end("second"), message, edits=[
                Edit(match.start(), edit_end, replacement, rule.applicability)])

    return run


_FUNCTION_WORDS = {"the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by",
                   "from", "is", "are", "was", "were", "this", "that", "it", "we", "they", "he", "she"}


def _idiomatic_pair(word: str) -> bool:
    """Comparatives and adverbs that English itself doubles: more and more, over and over."""
    lower = word.lower()
    return lower.endswith("er") or lower in _DOUBLED_IN_ENGLISH


_DOUBLED_IN_ENGLISH = frozenset({
    "more", "less", "again", "on", "round", "through", "out", "by", "back", "up", "down",
    "far", "around", "bit", "step", "time", "one", "worse", "best", "ever", "miles", "years",
    "lots", "masses", "tons", "loads", "heaps", "thousands", "hundreds", "millions", "billions",
    "ages", "rows", "hours", "days", "weeks", "months", "times", "layers", "piles"})
