"""A cheap test that lets a pattern rule skip a document it cannot match.

Most pattern rules look for a phrase ("strong province", "and so on"): every match contains a run of
literal characters. When that run is not in the document, the regular expression need not scan it
at all, and a substring test is hundreds of times cheaper than a regex scan. The run is read from
the pattern's syntax tree (the standard library's parser); only what is certain is used — literal
ASCII characters in the pattern's top-level sequence, groups included, never inside an
alternative, a repeat or a lookaround — so a skipped document is one the pattern cannot match.
Anything the parser does not read exactly as `regex` does (a pattern it rejects, fuzzy matching,
verbose mode) gets no prefilter.
"""
from __future__ import annotations

import re
import warnings

MIN_LENGTH = 3
_FUZZY = re.compile(r"\{[^}]*[a-zA-Z<>=][^}]*\}")   # regex's fuzzy constraints: (?:...){e<=1}
_FLAGS = {"ignorecase": re.IGNORECASE, "multiline": re.MULTILINE, "dotall": re.DOTALL,
          "verbose": re.VERBOSE}


def required_literal(source: str, flag_names=(), extra_flags: int = 0) -> tuple[str, bool] | None:
    """(literal, case-insensitive) that every match contains, or None when none is certain."""
    if "verbose" in (flag_names or ()) or "(?x" in source or _FUZZY.search(source):
        return None
    flags = extra_flags
    for name in flag_names or ():
        flags |= _FLAGS.get(name, 0)
    try:
        from re import _parser as parser  # Python 3.11+; sre_parse before
    except ImportError:  # pragma: no cover
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = parser.parse(source, flags)
    except Exception:
        return None
    ignorecase = bool(tree.state.flags & re.IGNORECASE)
    runs, current = [], []

    def walk(items):
        nonlocal ignorecase
        for op, value in items:
            if op is parser.LITERAL and value < 128:
                current.append(chr(value))
            elif op is parser.SUBPATTERN:
                _group, add_flags, _del_flags, inner = value
                if add_flags & re.VERBOSE:
                    raise ValueError("verbose group")
                ignorecase = ignorecase or bool(add_flags & re.IGNORECASE)
                walk(inner)
            else:
                runs.append("".join(current))
                current.clear()

    try:
        walk(tree)
    except ValueError:
        return None
    runs.append("".join(current))
    best = max(runs, key=len)
    if len(best) < MIN_LENGTH:
        return None
    return (best.lower(), True) if ignorecase else (best, False)


def lowered(text: str) -> str:
    """The text as the case-insensitive test sees it: any character that `regex` matches to an
    ASCII letter without case lowers to that letter (the long s is the one exception of Unicode)."""
    return text.lower().replace("\u017f", "s")
