"""opener: the same sentence opening repeated through a document — MT renders a parallel Chinese
structure (在…方面) with the same English words each time ("In terms of jointly ..." five times).
A sentence whose first `words` words (lower-cased) open at least `min_count` sentences is flagged
at that opening, every time; `starts` (a regex) limits which openings count, so that a repeated
"He said" or a name does not."""
from __future__ import annotations

from itertools import islice

import regex

from ._regex import Budget, compile_pattern, format_message

FIELDS = {"words": (int, True), "min_count": (int, True), "starts": (str, False), "flags": (list, False)}

_WORD = regex.compile(r"[\p{L}\p{N}'’-]+")


def compile(rule):
    n_words, min_count = rule.params["words"], rule.params["min_count"]
    if n_words < 1 or min_count < 2:
        raise rule.error("words must be >= 1 and min_count >= 2", "min_count")
    starts = compile_pattern(rule, rule.params["starts"], "starts") if "starts" in rule.params else None

    def run(doc):
        text = doc.text
        openings: dict[str, list[tuple[int, int]]] = {}
        budget = Budget(rule)  # the pack's `starts` runs under one time limit per document
        for sentence in doc.sentences:
            if starts is not None and not budget.match(starts, text, sentence.start, sentence.end):
                continue
            words = list(islice(_WORD.finditer(text, sentence.start, sentence.end), n_words))
            if len(words) < n_words or words[0].start() - sentence.start > 2:
                continue
            key = " ".join(w.group(0).lower() for w in words)
            openings.setdefault(key, []).append((words[0].start(), words[-1].end()))
        for key, spans in openings.items():
            if len(spans) < min_count:
                continue
            for start, end in spans:
                message = format_message(rule.message, match=text[start:end], count=len(spans))
                yield rule.finding(text, start, end, message)

    return run
