"""capitalization: capitals where a sentence does not begin.

mode `function-word`: a capitalized function word between two lower-case words, the seam where MT
joined two fragments (`forging a practical The heavy fruits`); the edit lower-cases it. mode
`after-semicolon`: a capitalized common word right after a semicolon (`exchanges; A total`), where
the source had a full stop; the edit turns the semicolon into a full stop. `words` lists the words
checked (proper nouns after a semicolon are never flagged).
"""
from __future__ import annotations

import regex

from ..findings import Edit
from ._regex import finditer, format_message, string_list

FIELDS = {"mode": (str, True), "words": (list, True)}


def compile(rule):
    mode = rule.params["mode"]
    words = [w for w in string_list(rule, "words", required=True) if w]
    if not words:
        raise rule.error("must list at least one word", "words")
    alternation = "|".join(regex.escape(w[0].upper() + w[1:]) for w in sorted(words, key=len, reverse=True))
    if mode == "function-word":
        pattern = regex.compile(rf"(?<=(?<![\p{{L}}\p{{N}}'’-])\p{{Ll}}+,? )(?P<word>{alternation})(?= \p{{Ll}})")
    elif mode == "after-semicolon":
        pattern = regex.compile(rf"(?P<mark>;)[ \t]+(?P<word>{alternation})(?=[ \t]+\p{{Ll}})")
    else:
        raise rule.error("must be function-word or after-semicolon", "mode")

    def run(doc):
        text = doc.text
        for match in finditer(rule, pattern, text):
            word = match.group("word")
            message = format_message(rule.message, match=match.group(0), word=word)
            if mode == "function-word":
                edits = [Edit(match.start("word"), match.end("word"), word.lower(), rule.applicability)]
            else:
                edits = [Edit(match.start("mark"), match.end("mark"), ".", rule.applicability)]
            yield rule.finding(text, match.start(), match.end(), message, edits=edits)

    return run
