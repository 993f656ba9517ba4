"""Which pattern rules can match a document at all: a cheap pass that lets the reviewer skip the rest.

Most pattern rules look for phrases ("strong province", "heavy fruits|harmonious poetry"): every
match contains one of a few runs of literal characters. `required_literals` reads those runs from
the pattern's syntax tree (the standard library's parser): the longest certain run of a sequence,
or one run from each branch of an alternation, or the content of a lookaround that must be there.
Only what is certain is used — never an optional or repeated-zero part — so a document that
contains none of a rule's phrases is one the rule cannot match. Everything is compared lower-cased,
which keeps the test a necessary condition whatever the pattern's case flags. Anything the parser
does not read exactly as `regex` does (fuzzy matching, verbose mode, other regex-only syntax)
gets no prefilter; regex-only character properties (\\p{L}) are read as "any character".

`LiteralIndex` puts the phrases of every rule into one Aho-Corasick automaton, so a document is
scanned once for all rules instead of once per rule.
"""
from __future__ import annotations

import re
import warnings

MIN_LENGTH = 3
_FUZZY = re.compile(r"\{[^}]*[a-zA-Z<>=][^}]*\}")   # regex's fuzzy constraints: (?:...){e<=1}
_PROPERTY = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")
_FLAGS = {"ignorecase": re.IGNORECASE, "multiline": re.MULTILINE, "dotall": re.DOTALL,
          "verbose": re.VERBOSE}


def required_literals(source: str, flag_names=()) -> frozenset[str] | None:
    """Lower-cased phrases of which every match contains at least one, or None when none is certain."""
    sets = required_literal_sets(source, flag_names)
    return sets[0] if sets else None


def required_literal_sets(source: str, flag_names=()) -> tuple[frozenset[str], ...] | None:
    """Every set of lower-cased phrases of which each match contains at least one, the most
    selective first (`deeply (?:implement|promote)` needs "deeply " and one of the verbs), or None."""
    source = _PROPERTY.sub(".", source)
    if "verbose" in (flag_names or ()) or "(?x" in source or _FUZZY.search(source):
        return None
    flags = 0
    for name in flag_names or ():
        flags |= _FLAGS.get(name, 0)
    try:
        from re import _parser as parser  # Python 3.11+
    except ImportError:  # pragma: no cover
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = parser.parse(source, flags)
    except Exception:
        return None
    if tree.state.flags & re.VERBOSE:
        return None
    try:
        return _usable(parser, list(tree)) or None
    except ValueError:
        return None


def _best(parser, items) -> frozenset[str] | None:
    """The best set of phrases one of which every match of this sequence contains."""
    usable = _usable(parser, items)
    return usable[0] if usable else None


def _usable(parser, items) -> tuple[frozenset[str], ...]:
    """All the sets of phrases one of which every match of this sequence contains, best first."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def flush():
        if run:
            candidates.append(frozenset(["".join(run)]))
            run.clear()

    def walk(sequence):
        for op, value in sequence:
            if op is parser.LITERAL and value < 128:
                run.append(chr(value).lower())
            elif op is parser.IN and _case_pair(parser, value):
                run.append(_case_pair(parser, value))
            elif op is parser.SUBPATTERN:
                _group, add_flags, _del_flags, inner = value
                if add_flags & re.VERBOSE:
                    raise ValueError("verbose group")
                walk(inner)  # a group's content is part of the sequence
            else:
                flush()
                found = None
                if op is parser.BRANCH:
                    branches = [_best(parser, list(branch)) for branch in value[1]]
                    if all(branches):
                        found = frozenset().union(*branches)
                elif op in (parser.MAX_REPEAT, parser.MIN_REPEAT, getattr(parser, "POSSESSIVE_REPEAT", None)) \
                        and value[0] >= 1:
                    found = _best(parser, list(value[2]))
                elif op is parser.ASSERT:  # a lookaround that must match: its text is there too
                    found = _best(parser, list(value[1]))
                elif op is getattr(parser, "ATOMIC_GROUP", None):
                    found = _best(parser, list(value))
                if found:
                    candidates.append(found)

    walk(items)
    flush()
    usable = {c for c in candidates if min(map(len, c)) >= MIN_LENGTH}
    return tuple(sorted(usable, key=lambda c: (-min(map(len, c)), len(c), sorted(c))))


def _case_pair(parser, members) -> str | None:
    """`[Tt]`: a class of the two cases of one ASCII letter reads as that letter."""
    if len(members) != 2 or any(op is not parser.LITERAL or value >= 128 for op, value in members):
        return None
    letters = {chr(value).lower() for _, value in members}
    return letters.pop() if len(letters) == 1 else None


def lowered(text: str) -> str:
    """The text as the case-insensitive test sees it: any character that `regex` matches to an
    ASCII letter without case lowers to that letter (the long s is the one exception of Unicode)."""
    return text.lower().replace("\u017f", "s")


class LiteralIndex:
    """The phrases of many rules in one automaton: `runnable(lowered_text)` gives the rules (by
    index) that may match. A rule brings one set of phrases, or several sets that must all have a
    phrase in the text; a rule without phrases is always runnable."""

    def __init__(self, literal_sets: list[frozenset[str] | tuple[frozenset[str], ...] | None]):
        import ahocorasick

        requirements = [(phrases,) if isinstance(phrases, frozenset) else tuple(phrases or ())
                        for phrases in literal_sets]
        self.always = frozenset(i for i, sets in enumerate(requirements) if not sets)
        self.needed = {i: len(sets) for i, sets in enumerate(requirements) if sets}
        self.automaton = None
        owners: dict[str, set[tuple[int, int]]] = {}
        for index, sets in enumerate(requirements):
            for which, phrases in enumerate(sets):
                for phrase in phrases:
                    owners.setdefault(phrase, set()).add((index, which))
        if owners:
            self.automaton = ahocorasick.Automaton()
            for phrase, pairs in owners.items():
                self.automaton.add_word(phrase, tuple(pairs))
            self.automaton.make_automaton()

    def runnable(self, lowered_text: str) -> frozenset[int]:
        if self.automaton is None:
            return self.always
        met: set[tuple[int, int]] = set()
        for _, pairs in self.automaton.iter(lowered_text):
            met.update(pairs)
        counts: dict[int, int] = {}
        for index, _which in met:
            counts[index] = counts.get(index, 0) + 1
        return self.always | {i for i, n in counts.items() if n == self.needed[i]}
