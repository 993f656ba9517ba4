"""`mtreview eval`: recall, flag precision and exact-fix rate against annotated articles.

Recall counts every occurrence of every gold quote; a finding overlapping it finds it. Precision is
the share of findings that overlap some gold occurrence. A gold fix is reproduced when the
suggested edits touching its region turn the region into what the gold fixes turn it into."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .fixes import apply_edits, select_edits
from .findings import Edit, Finding

HOLDOUT_FILE = "HOLDOUT"


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    kind: str
    fix: str | None


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    fixes: int = 0
    fixed: int = 0
    findings: int = 0
    hits: int = 0

    def add(self, other: "Tally") -> None:
        for name in ("gold", "found", "fixes", "fixed", "findings", "hits"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self, with_precision: bool = True) -> dict:
        result = {"recall": _ratio(self.found, self.gold), "exact_fix": _ratio(self.fixed, self.fixes),
                  "gold": self.gold, "found": self.found, "fixes": self.fixes, "fixed": self.fixed}
        if with_precision:
            result.update(precision=_ratio(self.hits, self.findings), findings=self.findings)
        return result


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass
class FileEval:
    name: str
    overall: Tally
    by_kind: dict[str, Tally]
    words: int
    severities: dict[str, int]
    clean: bool
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def gold_occurrences(text: str, artefacts: list[dict]) -> tuple[list[Gold], list[str]]:
    golds, problems = [], []
    for item in artefacts:
        quote = item.get("quote", "")
        if not quote:
            problems.append("artefact without a quote")
            continue
        position = text.find(quote)
        if position == -1:
            problems.append(f"quote not in text: {quote!r}")
        while position != -1:
            golds.append(Gold(position, position + len(quote), str(item.get("kind", "other")), item.get("fix")))
            position = text.find(quote, position + len(quote))
    return golds, problems


def _overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def _normalized(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def fix_reproduced(text: str, gold: Gold, golds: list[Gold], findings: list[Finding]) -> bool:
    edits = select_edits([(f, e) for f in findings for e in f.edits
                          if _overlaps(e.start, max(e.end, e.start + 1), gold.start, gold.end)])
    if not edits:
        return False
    start = min([gold.start] + [e.start for _, e in edits])
    end = max([gold.end] + [e.end for _, e in edits])
    region = text[start:end]
    suggested = apply_edits(region, [Edit(e.start - start, e.end - start, e.replacement) for _, e in edits])
    inside = [g for g in golds if g.fix is not None and start <= g.start and g.end <= end]
    expected_edits, last = [], -1
    for g in sorted(inside, key=lambda g: (g.start, -g.end)):
        if g.start >= last:
            expected_edits.append(Edit(g.start - start, g.end - start, g.fix))
            last = g.end
    expected = apply_edits(region, expected_edits)
    return _normalized(suggested) == _normalized(expected)


def evaluate_text(name: str, text: str, annotation: dict, review) -> FileEval:
    artefacts = annotation.get("artefacts") or []
    golds, problems = gold_occurrences(text, artefacts)
    findings = list(review.findings)
    overall, by_kind = Tally(), defaultdict(Tally)
    missed, false_alarms = [], []
    for gold in golds:
        tally = by_kind[gold.kind]
        found = any(_overlaps(f.start, f.end, gold.start, gold.end) for f in findings)
        for t in (overall, tally):
            t.gold += 1
            t.found += found
        if not found:
            missed.append(f"{gold.kind}: {text[gold.start:gold.end]!r}")
        if gold.fix is not None:
            reproduced = fix_reproduced(text, gold, golds, findings)
            for t in (overall, tally):
                t.fixes += 1
                t.fixed += reproduced
    for finding in findings:
        overall.findings += 1
        if any(_overlaps(finding.start, finding.end, g.start, g.end) for g in golds):
            overall.hits += 1
        else:
            false_alarms.append(f"{finding.rule}: {finding.text!r}")
    severities = defaultdict(int)
    for finding in findings:
        severities[finding.severity.value] += 1
    return FileEval(name, overall, dict(by_kind), review.score.words, dict(severities),
                    clean=not artefacts, missed=missed, false_alarms=false_alarms, problems=problems)


def annotated_files(directory: Path) -> list[tuple[Path, Path]]:
    pairs = []
    for text_path in sorted(directory.glob("*.txt")):
        annotation = text_path.with_suffix(".yaml")
        if annotation.exists():
            pairs.append((text_path, annotation))
    return pairs


def holdout_names(directory: Path) -> set[str]:
    path = directory / HOLDOUT_FILE
    if not path.exists():
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def evaluate_dir(directory: Path, reviewer) -> dict:
    import yaml

    from .io import read_source

    held_out = holdout_names(directory)
    files: list[FileEval] = []
    for text_path, annotation_path in annotated_files(directory):
        source = read_source(text_path)
        annotation = yaml.safe_load(annotation_path.read_text(encoding="utf-8")) or {}
        files.append(evaluate_text(text_path.stem, source.text, annotation, reviewer.review(source.text)))
    return summarize(files, held_out)


def summarize(files: list[FileEval], held_out: set[str]) -> dict:
    overall, by_kind = Tally(), defaultdict(Tally)
    groups = {"development": Tally(), "holdout": Tally()} if held_out else {}
    kinds_by_group = {name: defaultdict(Tally) for name in groups}
    clean_words, clean_counts = 0, defaultdict(int)
    for result in files:
        overall.add(result.overall)
        for kind, tally in result.by_kind.items():
            by_kind[kind].add(tally)
        if held_out and not result.clean:
            group = "holdout" if result.name in held_out else "development"
            groups[group].add(result.overall)
            for kind, tally in result.by_kind.items():
                kinds_by_group[group][kind].add(tally)
        if result.clean:
            clean_words += result.words
            for severity, count in result.severities.items():
                clean_counts[severity] += count
    report = {
        "overall": overall.as_dict(),
        "by_kind": {kind: tally.as_dict(with_precision=False) for kind, tally in sorted(by_kind.items())},
        "groups": {name: tally.as_dict() for name, tally in groups.items()},
        "by_kind_groups": {name: {kind: tally.as_dict(with_precision=False) for kind, tally in sorted(kinds.items())}
                           for name, kinds in kinds_by_group.items()},
        "clean": {"files": sum(r.clean for r in files), "words": clean_words,
                  "findings": dict(clean_counts),
                  "per_1000_words": {k: round(1000 * v / clean_words, 3) for k, v in clean_counts.items()}
                  if clean_words else {}},
        "files": {r.name: {**r.overall.as_dict(), "holdout": r.name in held_out, "clean": r.clean,
                           "missed": r.missed, "false_alarms": r.false_alarms, "problems": r.problems}
                  for r in files},
    }
    return report


def render_text(report: dict) -> str:
    def fmt(value):
        return "-" if value is None else f"{value:.3f}"

    lines = [f"{'file':42} {'recall':>7} {'prec.':>7} {'fix':>7} {'gold':>5} {'flags':>5}"]
    for name, row in report["files"].items():
        tag = " (held out)" if row["holdout"] else (" (clean)" if row["clean"] else "")
        lines.append(f"{(name + tag)[:42]:42} {fmt(row['recall']):>7} {fmt(row['precision']):>7} "
                     f"{fmt(row['exact_fix']):>7} {row['gold']:>5} {row['findings']:>5}")
    lines.append("")
    groups = report.get("by_kind_groups", {})
    header = f"{'kind':42} {'recall':>7} {'':>7} {'fix':>7} {'gold':>5}"
    if groups:
        header += "   " + "  ".join(f"{name[:11]:>11}" for name in groups) + "   (recall, gold)"
    lines.append(header)
    for kind, row in report["by_kind"].items():
        line = f"{kind:42} {fmt(row['recall']):>7} {'':>7} {fmt(row['exact_fix']):>7} {row['gold']:>5}"
        for kinds in groups.values():
            cell = kinds.get(kind)
            line += "  " + (f"{fmt(cell['recall'])} {cell['gold']:>4}" if cell else f"{'-':>10}").rjust(11)
        lines.append(line)
    lines.append("")
    for name, row in [("overall", report["overall"]), *report["groups"].items()]:
        lines.append(f"{name:42} {fmt(row['recall']):>7} {fmt(row['precision']):>7} "
                     f"{fmt(row['exact_fix']):>7} {row['gold']:>5} {row['findings']:>5}")
    clean = report["clean"]
    if clean["files"]:
        rates = ", ".join(f"{k} {v}" for k, v in sorted(clean["per_1000_words"].items())) or "none"
        lines.append(f"clean texts: {clean['files']} files, {clean['words']} words; findings per 1,000 words: {rates}")
    for name, row in report["files"].items():
        for problem in row["problems"]:
            lines.append(f"warning: {name}: {problem}")
    return "\n".join(lines) + "\n"
