"""Run the examples every rule carries, with LanguageTool's strictness: each bad example is flagged
exactly at its [[marked]] spans, once each; its edits produce `fixed`; good examples stay quiet.
A rule without examples fails. Glossary entries are tested too: each wrong rendering in a
sentence must be flagged and replaced by the established one."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex

from .document import Document
from .fixes import apply_edits, select_edits
from .packs import Rule, compile_rules

_MARK = regex.compile(r"\[\[(.*?)\]\]", regex.DOTALL)


@dataclass(frozen=True)
class Case:
    rule: Rule
    label: str        # "bad[0]", "good[1]", "entries[3] 'New News Agency'"
    text: str         # with [[markers]] for bad cases
    bad: bool
    fixed: str | None = None

    @property
    def id(self) -> str:
        return f"{self.rule.id}:{self.label}"


def unmark(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without [[ ]] markers, and the marked spans in it."""
    spans, pieces, position, removed = [], [], 0, 0
    for match in _MARK.finditer(text):
        pieces.append(text[position:match.start()])
        start = match.start() - removed
        spans.append((start, start + len(match.group(1))))
        pieces.append(match.group(1))
        removed += 4
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces), spans


def cases(rule: Rule) -> Iterator[Case]:
    examples = rule.examples or {}
    for index, item in enumerate(examples.get("bad") or []):
        if isinstance(item, str):
            item = {"text": item}
        yield Case(rule, f"bad[{index}]", str(item.get("text", "")), True, item.get("fixed"))
    for index, item in enumerate(examples.get("good") or []):
        yield Case(rule, f"good[{index}]", str(item), False)
    if rule.kind == "term":
        yield from _entry_cases(rule)


def _entry_cases(rule: Rule) -> Iterator[Case]:
    from .kinds.term import parse_entries

    for index, (entry, variants) in enumerate(parse_entries(rule)):
        for variant in variants:
            fixed = f"It was reported that {entry.use} acted." if entry.use else "It was reported that  acted."
            yield Case(rule, f"entries[{index}] {variant!r}",
                       f"It was reported that [[{variant}]] acted.", True, fixed)
        if entry.use:
            yield Case(rule, f"entries[{index}] use", f"It was reported that {entry.use} acted.", False)


def check(case: Case, compiled=None) -> list[str]:
    """The problems with one case; empty when it passes."""
    run = compiled or compile_rules([case.rule])[0].run
    text, expected = unmark(case.text) if case.bad else (case.text, [])
    findings = sorted(run(Document(text)), key=lambda f: (f.start, f.end))
    got = [(f.start, f.end) for f in findings]
    problems = []
    if case.bad and not expected:
        problems.append("bad example has no [[marked]] span")
    if got != sorted(expected):
        shown = ", ".join(repr(text[s:e]) for s, e in got) or "nothing"
        want = ", ".join(repr(text[s:e]) for s, e in sorted(expected)) or "nothing"
        problems.append(f"flagged {shown}; expected {want}")
    elif case.fixed is not None:
        chosen = select_edits([(f, e) for f in findings for e in f.edits])
        result = apply_edits(text, [e for _, e in chosen])
        if result != case.fixed:
            problems.append(f"edits give {result!r}; expected {case.fixed!r}")
    return problems


def missing_examples(rule: Rule) -> list[str]:
    examples = rule.examples or {}
    missing = [k for k in ("bad", "good") if not examples.get(k)]
    return [f"{rule.id}: no '{k}' examples ({rule.file})" for k in missing]


def unavailable(rule: Rule) -> str | None:
    """Why a rule's examples cannot run here (its kind needs a service that is not configured)."""
    from .kinds import KINDS

    reason = getattr(KINDS[rule.kind], "unavailable", None)
    return reason() if reason else None


def run_all(rules: list[Rule]) -> tuple[int, list[str]]:
    """(number of cases run, failure messages) over every example of every rule."""
    failures, count = [], 0
    for compiled in compile_rules(rules):
        failures.extend(missing_examples(compiled.rule))
        if unavailable(compiled.rule):
            continue
        for case in cases(compiled.rule):
            count += 1
            failures.extend(f"{case.id}: {p}" for p in check(case, compiled.run))
    return count, failures
