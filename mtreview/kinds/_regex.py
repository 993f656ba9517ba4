"""Regular expressions from packs: compiled once with the `regex` module, run under a time limit."""
from __future__ import annotations

import time

import regex

from ..packs import PackError, Rule

REGEX_TIMEOUT = 2.0  # seconds one rule may spend on one document

FLAG_NAMES = {"ignorecase": regex.IGNORECASE, "multiline": regex.MULTILINE,
              "dotall": regex.DOTALL, "verbose": regex.VERBOSE}


class RuleTimeout(Exception):
    """A pack's regular expression ran past the time limit on one document."""

    def __init__(self, rule_id: str, position: int):
        self.rule_id, self.position = rule_id, position
        super().__init__(f"rule {rule_id} exceeded {REGEX_TIMEOUT:g}s searching from offset {position}; "
                         "skipped for this document")


class Budget:
    """One rule's regex time on one document, shared by all the regex calls the rule makes on it
    (a rule that matches line by line gets REGEX_TIMEOUT in all, not per line). Only time inside
    the regex engine counts, not the rule's own work between calls."""

    def __init__(self, rule: Rule):
        self.rule = rule
        self.spent = 0.0

    def left(self, position: int) -> float:
        seconds = REGEX_TIMEOUT - self.spent
        if seconds <= 0:
            raise RuleTimeout(self.rule.id, position)
        return seconds

    def match(self, pattern: regex.Pattern, text: str, pos: int, endpos: int):
        return self._call(pattern.match, text, pos, endpos)

    def search(self, pattern: regex.Pattern, text: str, pos: int, endpos: int):
        return self._call(pattern.search, text, pos, endpos)

    def _call(self, method, text: str, pos: int, endpos: int):
        started = time.monotonic()
        try:
            return method(text, pos, endpos, timeout=self.left(pos))
        except TimeoutError:
            raise RuleTimeout(self.rule.id, pos) from None
        finally:
            self.spent += time.monotonic() - started


def compile_pattern(rule: Rule, source: str, field: str = "pattern", flags: int = 0) -> regex.Pattern:
    for name in rule.params.get("flags", []) or []:
        if name not in FLAG_NAMES:
            raise rule.error(f"unknown flag '{name}' (known: {', '.join(FLAG_NAMES)})", "flags")
        flags |= FLAG_NAMES[name]
    try:
        return regex.compile(source, flags | regex.VERSION0)
    except (regex.error, TypeError) as exc:
        raise PackError(rule.file, f"bad regular expression: {exc}", rule.id, field) from None


def finditer(rule: Rule, pattern: regex.Pattern, text: str, pos: int = 0, endpos: int | None = None,
             budget: Budget | None = None):
    """pattern.finditer under the time limit (the rule's `budget` when it makes several calls on
    one document); a timeout raises RuleTimeout with the offset the search had reached."""
    last = pos
    timeout = REGEX_TIMEOUT if budget is None else budget.left(pos)
    started = time.monotonic()
    try:
        for match in pattern.finditer(text, pos, len(text) if endpos is None else endpos,
                                      timeout=timeout):
            last = match.end()
            yield match
    except TimeoutError:
        raise RuleTimeout(rule.id, last) from None
    finally:
        if budget is not None:
            budget.spent += time.monotonic() - started


def check_template(rule: Rule, pattern: regex.Pattern, template: str, field: str = "replacement") -> None:
    """Fail at load time, not on the first match, when a replacement names a missing group."""
    try:
        dummy = pattern.groups
        refs = regex.findall(r"\\(\d+)|\\g<(\w+)>", template)
        for number, name in refs:
            if number and int(number) > dummy:
                raise PackError(rule.file, f"refers to group {number}; the pattern has {dummy}", rule.id, field)
            if name and not name.isdigit() and name not in pattern.groupindex:
                raise PackError(rule.file, f"refers to group '{name}', which the pattern lacks", rule.id, field)
    except regex.error as exc:
        raise PackError(rule.file, f"bad template: {exc}", rule.id, field) from None


class SafeFormat(dict):
    """str.format_map that leaves unknown {names} as they are."""

    def __missing__(self, key):
        return "{" + key + "}"


def format_message(template: str, **values) -> str:
    try:
        return template.format_map(SafeFormat(values))
    except (ValueError, IndexError):
        return template


def string_list(rule: Rule, field: str, required: bool = False) -> list[str]:
    """A list-of-strings field; YAML turns bare no/on/yes into booleans, so say so."""
    values = rule.params.get(field)
    if values is None:
        if required:
            raise rule.error("missing", field)
        return []
    for index, value in enumerate(values):
        if not isinstance(value, str):
            raise rule.error(f"item {index + 1} is {value!r}, not a string (quote it in YAML)", field)
    return list(values)
