"""Run the compiled rules over a Document and score the result: text in, Review out."""
from __future__ import annotations

import bisect

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from . import __version__
from .config import Config, matches_prefix
from .document import Document
from .findings import Finding, Severity
from .kinds._literal import LiteralIndex
from .grammar import configure_rules as configure_grammar
from .packcache import load_or_build
from .packs import CompiledRule, Rule, compile_rules, default_rule_dirs, fingerprint, load_rules, pack_files
from .scoring import Score, SentenceScore, document_score, sentence_scores, weights_signature


@dataclass(frozen=True)
class Review:
    """Everything known about one text: findings in order, sentence and document scores."""

    text: str
    findings: tuple[Finding, ...]
    sentences: tuple[SentenceScore, ...]
    score: Score
    signature: str
    warnings: tuple[str, ...] = field(default=())


class Reviewer:
    """A set of compiled rules; build it once, review many texts with it."""

    def __init__(self, rules: list[Rule], pack_signature: str = ""):
        self.rules = rules
        self.compiled: list[CompiledRule] = compile_rules(rules)
        self.index = LiteralIndex([getattr(c.run, "literals", None) for c in self.compiled])
        self.signature = f"mtreview:{__version__}|packs:{pack_signature or 'custom'}|mqm:{weights_signature()}"

    @classmethod
    def from_config(cls, config: Config | None = None) -> "Reviewer":
        config = config or Config()
        return _reviewer_for(config)

    def review(self, text: str) -> Review:
        doc = Document(text)
        findings, warnings = [], []
        runnable = self.index.runnable(doc.lowered_text)
        for index, compiled in enumerate(self.compiled):
            if index not in runnable:
                continue  # none of the phrases every match of this rule contains is in the text
            try:
                findings.extend(compiled.run(doc))
            except Exception as exc:  # a pack's regex timing out must not stop the review
                from .kinds._regex import RuleTimeout

                if not isinstance(exc, RuleTimeout):
                    raise
                warnings.append(str(exc))
        findings = _drop_inside_boilerplate(_dedupe(findings))
        findings.sort(key=Finding.sort_key)
        return Review(text, tuple(findings), tuple(sentence_scores(doc, findings)),
                      document_score(doc, findings), self.signature, tuple(warnings))


def select_rules(rules: list[Rule], config: Config) -> list[Rule]:
    overrides = dict(config.severity)
    chosen = []
    for rule in rules:
        if config.select and not matches_prefix(rule.id, config.select):
            continue
        if config.ignore and matches_prefix(rule.id, config.ignore):
            continue
        if rule.id in overrides:
            rule = replace(rule, severity=Severity(overrides[rule.id]))
        chosen.append(rule)
    return chosen


@lru_cache(maxsize=8)
def _reviewer_for(config: Config) -> Reviewer:
    extra = [Path(p) for p in (*config.rules, *config.glossaries)]
    directories = ([*default_rule_dirs()] if config.builtin_rules else []) + extra
    files = pack_files(directories)
    # Parsing and compiling the packs is most of a cold run: reuse the last build while neither
    # the pack files nor the settings nor mtreview changed (mtreview.packcache).
    return load_or_build(files, repr(config), lambda: _build_reviewer(files, config))


def _build_reviewer(files: list[Path], config: Config) -> Reviewer:
    rules = select_rules(load_rules(files), config)
    rules = configure_grammar(rules, config)  # the config's LanguageTool server, if any
    packs = sorted({r.pack for r in rules})
    return Reviewer(rules, f"{'+'.join(packs)}@{fingerprint(files)}")


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per rule and span; and one per boilerplate line: when two page-furniture rules
    both match a line ("Related links: A | B | C"), the reader needs one "delete this line"."""
    seen, unique = set(), []
    for finding in findings:
        key = (finding.start, finding.end) if finding.category == "non-text" else \
            (finding.rule, finding.start, finding.end)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique


def _drop_inside_boilerplate(findings: list[Finding]) -> list[Finding]:
    """A line that should be deleted is not worth a dozen nitpicks: inside a non-text (boilerplate)
    finding, only the non-text findings are kept."""
    spans = sorted((f.start, f.end) for f in findings if f.category == "non-text")
    if not spans:
        return findings
    starts = [start for start, _ in spans]

    def inside_boilerplate(finding: Finding) -> bool:
        index = bisect.bisect_right(starts, finding.start) - 1
        return index >= 0 and finding.end <= spans[index][1]

    return [f for f in findings if f.category == "non-text" or not inside_boilerplate(f)]


def review(text: str, config: Config | None = None) -> Review:
    """Review one text with the shipped packs (and those the config adds): the public entry point."""
    return Reviewer.from_config(config).review(text)
