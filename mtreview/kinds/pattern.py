"""pattern: a regular expression; the whole match is the flagged span; an optional replacement
template (\\1, \\g<name>) proposes the edit. The message may use {match}."""
from __future__ import annotations

from ._literal import required_literal_sets
from ._regex import check_template, compile_pattern, finditer, format_message

FIELDS = {"pattern": (str, True), "replacement": (str, False), "flags": (list, False)}


def compile(rule):
    pattern = compile_pattern(rule, rule.params["pattern"])
    replacement = rule.params.get("replacement")
    if replacement is not None:
        check_template(rule, pattern, replacement)

    def run(doc):
        for match in finditer(rule, pattern, doc.text):
            if match.start() == match.end():
                continue
            message = format_message(rule.message, match=match.group(0))
            edit = None if replacement is None else match.expand(replacement)
            yield rule.finding(doc.text, match.start(), match.end(), message, replacement=edit)

    # Sets of phrases, each of which has one in every match: the reviewer skips a document that
    # lacks one of the sets (most pattern rules are phrases, and most documents contain few of them).
    run.literals = required_literal_sets(rule.params["pattern"], rule.params.get("flags") or ())
    return run
