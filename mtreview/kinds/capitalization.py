"""capitalization: capitals where a sentence does not begin.

mode `function-word`: a capitalized function word between two lower-case words, the seam where MT
joined two fragments (`forging a practical The heavy fruits`); the edit lower-cases it. mode
`after-semicolon`: a capitalized common word right after a semicolon (`exchanges; A total`), where
the source had a full stop; the edit turns the semicolon into a full stop. `words` lists the words
checked; after a semicolon, any other capitalized word is flagged too when the same word appears
in lower case elsewhere in the document (so "imports; Exports rose" is caught, while a name such
as "Souza" never is). mode `proper-name`: `words` lists names in their right capitals ("Belt and Road
Initiative", "Zhejiang"); the name written in lower case ("the belt and road initiative") is flagged
and the edit restores the capitals.
"""
from __future__ import annotations

import regex

from ..findings import Edit
from ._regex import finditer, format_message, string_list

FIELDS = {"mode": (str, True), "words": (list, True)}
# a date after the seam ("results remarkable From January ...") is as good a sign as a lower-case word
_MONTHS = "(?:January|February|March|April|May|June|July|August|September|October|November|December)"


def compile(rule):
    mode = rule.params["mode"]
    words = [w for w in string_list(rule, "words", required=True) if w]
    if not words:
        raise rule.error("must list at least one word", "words")
    alternation = "|".join(regex.escape(w[0].upper() + w[1:]) for w in sorted(words, key=len, reverse=True))
    if mode == "function-word":
        pattern = regex.compile(rf"(?<=(?<![\p{{L}}\p{{N}}'’-])\p{{Ll}}+[\"”’]?,? )(?P<word>{alternation})(?= (?:\p{{Ll}}|\d|{_MONTHS}\b))")
    elif mode == "after-semicolon":
        pattern = regex.compile(r"(?P<mark>;)[ \t]+(?P<word>\p{Lu}\p{Ll}*)(?=[ \t]+[\p{Ll}\d])")
        listed = set(words)
    elif mode == "proper-name":
        return _proper_names(rule, words)
    else:
        raise rule.error("must be function-word, after-semicolon or proper-name", "mode")

    def run(doc):
        text = doc.text
        lower_words = None
        for match in finditer(rule, pattern, text):
            word = match.group("word")
            if mode == "after-semicolon" and word not in listed:
                if lower_words is None:
                    lower_words = set(regex.findall(r"(?<![\p{L}])\p{Ll}+(?![\p{L}])", text))
                if word.lower() not in lower_words:
                    continue
            message = format_message(rule.message, match=match.group(0), word=word)
            if mode == "function-word":
                edits = [Edit(match.start("word"), match.end("word"), word.lower(), rule.applicability)]
            else:
                edits = [Edit(match.start("mark"), match.end("mark"), ".", rule.applicability)]
            yield rule.finding(text, match.start(), match.end(), message, edits=edits)

    return run


def _proper_names(rule, names):
    canonical = {name.lower(): name for name in names}
    alternation = "|".join(regex.escape(n).replace(r"\ ", r"[ \t]+") for n in sorted(canonical, key=len, reverse=True))
    # not inside a web address or a file name ("chinese.dw.com", "beijing_2022.jpg")
    pattern = regex.compile(rf"(?<![\p{{L}}\p{{N}}'’_./@-])(?:{alternation})(?![\p{{L}}\p{{N}}_@-]|[./]\w)", regex.IGNORECASE)

    def run(doc):
        text = doc.text
        for match in finditer(rule, pattern, text):
            written = match.group(0)
            right = canonical[" ".join(written.lower().split())]
            lowered = [w for w, r in zip(written.split(), right.split()) if w[:1].islower() and r[:1].isupper()]
            if not lowered:
                continue  # every word that takes a capital has one
            message = format_message(rule.message, match=written, word=right)
            edits = [Edit(match.start(), match.end(), right, rule.applicability)]
            yield rule.finding(text, match.start(), match.end(), message, edits=edits)

    # every match contains its name's longest word: the reviewer skips texts without any of them
    run.literals = frozenset(max(name.split(), key=len) for name in canonical)
    return run
