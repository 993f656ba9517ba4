"""term: a glossary of wrong renderings -> the established one, matched with one Aho-Corasick
automaton per rule over case-, dash- and quote-folded text.

Entry fields: zh, use, not (list), note, case (sensitive|insensitive), severity, applicability.
Word boundaries are respected; hyphen and space are interchangeable; a plural of a lower-case last
word is matched and kept in the replacement (proper names are not pluralized); a match that lies inside the established form itself
("Development and Reform Commission" inside "National Development and Reform Commission") is not
flagged. The message may use {zh}, {use}, {match}, {note}.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..findings import APPLICABILITIES, Severity
from ..packs import PackError
from ._regex import format_message

FIELDS = {"entries": (list, True)}
MAX_ENTRIES_PER_RULE = 20_000    # a shared pack cannot make one automaton arbitrarily large
MAX_VARIANTS_PER_ENTRY = 100
_ENTRY_FIELDS = {"zh", "use", "not", "note", "case", "severity", "applicability"}

_FOLD = str.maketrans({"\u2010": " ", "\u2011": " ", "\u2012": " ", "\u2013": " ", "-": " ",
                       "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
                       "\u2018": "'", "\u2019": "'", "\u00a0": " "})


def fold_case_preserving(text: str) -> str:
    """Dashes to spaces and curly quotes to straight ones; the length never changes."""
    return text.translate(_FOLD)


def fold(text: str) -> str:
    """fold_case_preserving plus lower case, character by character so the length never changes."""
    folded = fold_case_preserving(text)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)


@dataclass(frozen=True, slots=True)
class Entry:
    zh: str
    use: str
    note: str
    case_sensitive: bool
    severity: Severity | None
    applicability: str | None


def plural(phrase: str) -> str:
    if not phrase:
        return phrase
    last = phrase[-1]
    if last == "y" and len(phrase) > 1 and phrase[-2].lower() not in "aeiou":
        return phrase[:-1] + "ies"
    if phrase.endswith(("s", "x", "ch", "sh")):
        return phrase + "es"
    if not last.isalpha():
        return phrase
    return phrase + "s"


def parse_entries(rule) -> list[tuple[Entry, list[str]]]:
    parsed = []
    if len(rule.params["entries"]) > MAX_ENTRIES_PER_RULE:
        raise rule.error(f"{len(rule.params['entries'])} entries; the limit is {MAX_ENTRIES_PER_RULE}", "entries")
    for index, raw in enumerate(rule.params["entries"]):
        field = f"entries[{index}]"
        if not isinstance(raw, dict):
            raise rule.error("each entry is a mapping with zh, use, not, note", field)
        unknown = set(raw) - _ENTRY_FIELDS
        if unknown:
            raise rule.error(f"unknown key(s) {sorted(unknown)}", f"{field}.{sorted(unknown)[0]}")
        use, variants = raw.get("use"), raw.get("not")
        if not isinstance(use, str):
            raise rule.error("missing or not a string", f"{field}.use")
        if not isinstance(variants, list) or not variants or not all(isinstance(v, str) and v.strip() for v in variants):
            raise rule.error("must be a non-empty list of strings", f"{field}.not")
        if len(variants) > MAX_VARIANTS_PER_ENTRY:
            raise rule.error(f"{len(variants)} variants; the limit is {MAX_VARIANTS_PER_ENTRY}", f"{field}.not")
        case = raw.get("case")
        if case not in (None, "sensitive", "insensitive"):
            raise rule.error("must be sensitive or insensitive", f"{field}.case")
        severity = raw.get("severity")
        if severity is not None and severity not in [s.value for s in Severity]:
            raise rule.error(f"'{severity}' is not a severity", f"{field}.severity")
        applicability = raw.get("applicability")
        if applicability is not None and applicability not in APPLICABILITIES:
            raise rule.error(f"'{applicability}' is not safe or review", f"{field}.applicability")
        for variant in variants:
            if fold(variant) == fold(use):
                raise rule.error(f"variant '{variant}' is the established form itself", f"{field}.not")
        sensitive = (case == "sensitive") or (case is None and any(c.isupper() for v in variants for c in v))
        entry = Entry(str(raw.get("zh", "")), use, str(raw.get("note", "")), sensitive,
                      Severity(severity) if severity else None, applicability)
        parsed.append((entry, [v.strip() for v in variants]))
    return parsed


def compile(rule):
    import ahocorasick

    automaton = ahocorasick.Automaton()
    keys: dict[str, list] = {}
    for entry, variants in parse_entries(rule):
        for variant in variants:
            forms = [(variant, False)]
            last_word = variant.split()[-1]
            if not variant.endswith("s") and variant[-1].isalpha() and last_word[0].islower():
                forms.append((plural(variant), True))
            for form, is_plural in forms:
                keys.setdefault(fold(form), []).append((entry, fold_case_preserving(form), is_plural))
    if not keys:
        raise PackError(rule.file, "no entries", rule.id, "entries")
    for key, payload in keys.items():
        automaton.add_word(key, (len(key), payload))
    automaton.make_automaton()

    def run(doc):
        text = doc.text
        folded = doc.folded_text
        candidates = []
        for end_index, (length, payload) in automaton.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            if not _at_word_boundaries(folded, start, end):
                continue
            original = fold_case_preserving(text[start:end])
            for entry, form, is_plural in payload:
                if entry.case_sensitive and original != form:
                    continue
                if _inside_established_form(folded, start, end, fold(entry.use)):
                    continue
                candidates.append((start, -(end - start), end, entry, is_plural))
                break
        candidates.sort(key=lambda c: (c[0], c[1]))
        last_end = -1
        for start, _, end, entry, is_plural in candidates:
            if start < last_end:
                continue
            last_end = end
            replacement = plural(entry.use) if is_plural and entry.use else entry.use
            if replacement and text[start].isupper() and replacement[0].islower() and _sentence_initial(doc, start):
                replacement = replacement[0].upper() + replacement[1:]
            message = format_message(rule.message, zh=entry.zh, use=entry.use or "(delete)",
                                     match=text[start:end], note=entry.note)
            yield rule.finding(text, start, end, message, replacement=replacement,
                               severity=entry.severity, applicability=entry.applicability)

    return run


def _at_word_boundaries(folded: str, start: int, end: int) -> bool:
    before = folded[start - 1] if start > 0 else " "
    after = folded[end] if end < len(folded) else " "
    first, last = folded[start], folded[end - 1]
    # a combining mark after the last letter belongs to it: "Agency" + U+0301 is another word
    return not (first.isalnum() and (before.isalnum() or before == "_")) and \
        not (last.isalnum() and (after.isalnum() or after == "_" or unicodedata.category(after)[0] == "M"))


def _inside_established_form(folded: str, start: int, end: int, use: str) -> bool:
    if not use or len(use) <= end - start:
        return False
    window_start = max(0, end - len(use))
    window = folded[window_start:start + len(use)]
    position = window.find(use)
    while position != -1:
        absolute = window_start + position
        if absolute <= start and absolute + len(use) >= end:
            return True
        position = window.find(use, position + 1)
    return False


def _sentence_initial(doc, offset: int) -> bool:
    sentence = doc.sentence_at(offset)
    if sentence is None:
        return False
    prefix = doc.text[sentence.start:offset]
    return not any(c.isalnum() for c in prefix)
