"""How far mtreview's sentence penalty agrees with professional MQM judgements (WMT zh-en).

Reads the derived WMT MQM set (segments.tsv, errors.tsv; see its README), reviews every English
target segment as a document with the shipped packs (reference-free), and reports, per testset and
for the news testsets pooled:

- segment level: Kendall tau-b and Pearson r between mtreview's penalty (sum of finding weights)
  and the human MQM penalty, over the MT rows; the same for sentence chrF2 and BLEU (sacrebleu,
  effective order) against the human reference rows (`is_human`), sign-flipped so that a positive
  figure always means agreement with the raters;
- system level: the same correlations over MT systems (mean penalty; corpus chrF2/BLEU);
- flag precision: the share of mtreview findings on MT rows that overlap a target error span that
  some rater marked (errors.tsv), where the testset has spans;
- false alarms: mtreview findings per 1,000 words on the human reference translations.

    pip install -e '.[bench]'
    python bench/mqm.py ../shared/eval/wmt-mqm-zhen            # the table (Markdown)
    python bench/mqm.py ../shared/eval/wmt-mqm-zhen --rules    # and per rule: precision, false alarms
    python bench/mqm.py DIR --json out.json                    # everything as JSON
    python bench/mqm.py DIR --reference ref --reference ref-A  # chrF/BLEU against one reference

Nothing here is fitted to the benchmark: the packs are the shipped ones, unchanged.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "eval" / "wmt-mqm-zhen"
NEWS = "news (pooled)"


@dataclass
class Segment:
    testset: str
    domain: str
    system: str
    doc: str
    seg_id: str
    target: str
    mqm: float
    is_human: bool
    rated_spans: bool                       # the testset has error spans for this row
    spans: list[tuple[int, int]] = field(default_factory=list)
    penalty: float = 0.0
    words: int = 0
    findings: list[tuple[str, int, int]] = field(default_factory=list)   # (rule, start, end)
    chrf: float | None = None
    bleu: float | None = None

    @property
    def key(self) -> tuple:
        return (self.testset, self.system, self.doc, self.seg_id)


def read_tsv(path: Path):
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def load(directory: Path) -> list[Segment]:
    """Segments with their target error spans attached."""
    spans: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    with_spans: set[str] = set()
    for row in read_tsv(directory / "errors.tsv"):
        with_spans.add(row["testset"])
        if row["span_side"] == "target":
            spans[(row["testset"], row["system"], row["doc"], row["seg_id"])].append(
                (int(row["start"]), int(row["end"])))
    segments = []
    for row in read_tsv(directory / "segments.tsv"):
        segment = Segment(row["testset"], row["domain"], row["system"], row["doc"], row["seg_id"],
                          row["target"], float(row["mqm_score"]), row["is_human"] == "1",
                          row["testset"] in with_spans)
        segment.spans = spans.get(segment.key, [])
        segments.append(segment)
    return segments


def review_all(segments: list[Segment], reviewer) -> None:
    """Review every target as one document (identical targets are reviewed once)."""
    from mtreview.document import Document

    done: dict[str, tuple] = {}
    for segment in segments:
        if segment.target not in done:
            result = reviewer.review(segment.target)
            done[segment.target] = (result.score.penalty, Document(segment.target).word_count,
                                    [(f.rule, f.start, f.end) for f in result.findings])
        segment.penalty, segment.words, segment.findings = done[segment.target]


def references(segments: list[Segment], only: tuple[str, ...] = ()) -> dict[tuple, list[str]]:
    """The human translations of each (testset, seg_id), in a stable order of reference names
    (only those named in `only`, when given)."""
    refs: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
    for segment in segments:
        if segment.is_human and (not only or segment.system in only):
            refs[(segment.testset, segment.seg_id)].append((segment.system, segment.target))
    return {key: [text for _, text in sorted(pairs)] for key, pairs in refs.items()}


def score_with_references(segments: list[Segment], refs: dict[tuple, list[str]]) -> None:
    from mtreview.metrics import sentence_scores

    for segment in segments:
        found = refs.get((segment.testset, segment.seg_id))
        if segment.is_human or not found:
            continue
        scores = sentence_scores(segment.target, found, ("chrF2", "BLEU"))
        segment.chrf, segment.bleu = scores["chrF2"], scores["BLEU"]


def correlations(xs: list[float], ys: list[float]) -> tuple[float | None, float | None]:
    """(Kendall tau-b, Pearson r), or None where undefined (fewer than 3 items, a constant list)."""
    from scipy.stats import kendalltau, pearsonr

    if len(xs) < 3 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return None, None
    return float(kendalltau(xs, ys).statistic), float(pearsonr(xs, ys).statistic)


def system_level(rows: list[Segment], refs: dict[tuple, list[str]]) -> dict:
    """Correlations over systems: mean penalty, corpus chrF2 and BLEU, against mean MQM."""
    from sacrebleu.metrics import BLEU, CHRF

    by_system: dict[str, list[Segment]] = defaultdict(list)
    for row in rows:
        by_system[row.system].append(row)
    systems = sorted(by_system)
    human = [sum(r.mqm for r in by_system[s]) / len(by_system[s]) for s in systems]
    ours = [sum(r.penalty for r in by_system[s]) / len(by_system[s]) for s in systems]
    result = {"systems": len(systems), "mtreview": correlations(ours, human)}
    scored = [s for s in systems if all((r.testset, r.seg_id) in refs for r in by_system[s])]
    if len(scored) >= 3:
        metrics = {"chrF": CHRF(), "BLEU": BLEU()}
        for name, metric in metrics.items():
            values = []
            for system in scored:
                mine = by_system[system]
                streams = list(zip(*(refs[(r.testset, r.seg_id)] for r in mine)))
                values.append(-metric.corpus_score([r.target for r in mine], [list(s) for s in streams]).score)
            result[name] = correlations(values, [human[systems.index(s)] for s in scored])
    return result


def overlaps(finding: tuple[str, int, int], spans: list[tuple[int, int]]) -> bool:
    _, start, end = finding
    return any(start < span_end and span_start < max(end, start + 1) for span_start, span_end in spans)


def evaluate(segments: list[Segment], only: tuple[str, ...] = ()) -> dict:
    refs = references(segments, only)
    groups: dict[str, list[Segment]] = defaultdict(list)
    for segment in segments:
        groups[segment.testset].append(segment)
        if segment.domain == "news":
            groups[NEWS].append(segment)
    table = {}
    for name in sorted(groups, key=lambda g: (g == NEWS, g)):
        rows = groups[name]
        mt = [r for r in rows if not r.is_human]
        humans = [r for r in rows if r.is_human]
        entry: dict = {"mt_segments": len(mt), "human_segments": len(humans)}
        entry["segment"] = {"mtreview": correlations([r.penalty for r in mt], [r.mqm for r in mt])}
        with_ref = [r for r in mt if r.chrf is not None]
        if with_ref:
            human_scores = [r.mqm for r in with_ref]
            entry["segment"]["chrF"] = correlations([-r.chrf for r in with_ref], human_scores)
            entry["segment"]["BLEU"] = correlations([-r.bleu for r in with_ref], human_scores)
            entry["segment"]["mtreview (same rows)"] = correlations([r.penalty for r in with_ref], human_scores)
        if name != NEWS:  # systems of different testsets are not comparable
            entry["system"] = system_level(mt, refs)
        rated = [r for r in mt if r.rated_spans]
        if rated:
            flagged = [(r, f) for r in rated for f in r.findings]
            hits = sum(1 for r, f in flagged if overlaps(f, r.spans))
            entry["flag_precision"] = {"findings": len(flagged), "overlapping": hits,
                                       "precision": hits / len(flagged) if flagged else None}
        if humans:
            words = sum(r.words for r in humans)
            found = sum(len(r.findings) for r in humans)
            entry["false_alarms"] = {"findings": found, "words": words,
                                     "per_1000_words": 1000 * found / words if words else None}
        entry["flagged_segment_share"] = sum(1 for r in mt if r.findings) / len(mt) if mt else None
        table[name] = entry
    return {"testsets": table, "rules": per_rule(segments)}


def per_rule(segments: list[Segment]) -> dict:
    """For each rule: findings on rated MT rows and how many overlap a rater's span; findings on
    the human references (false alarms)."""
    stats: dict[str, Counter] = defaultdict(Counter)
    human_words = sum(s.words for s in segments if s.is_human)
    for segment in segments:
        for finding in segment.findings:
            rule = finding[0]
            if segment.is_human:
                stats[rule]["on_references"] += 1
            elif segment.rated_spans:
                stats[rule]["on_rated_mt"] += 1
                stats[rule]["overlapping"] += overlaps(finding, segment.spans)
            else:
                stats[rule]["on_unrated_mt"] += 1
    result = {}
    for rule, counts in sorted(stats.items(), key=lambda item: -sum(item[1].values())):
        rated = counts["on_rated_mt"]
        result[rule] = {**counts, "precision": counts["overlapping"] / rated if rated else None,
                        "false_alarms_per_1000_words": 1000 * counts["on_references"] / human_words
                        if human_words else None}
    return result


def _fmt(value, digits=3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def render(report: dict) -> str:
    lines = ["| testset | MT segs | seg τ mtreview | seg τ chrF | seg τ BLEU | seg r mtreview | seg r chrF "
             "| seg r BLEU | sys τ mtreview | sys τ chrF | sys r mtreview | sys r chrF | flag precision "
             "| false alarms /1k words |",
             "|---|" + "---:|" * 13]
    for name, entry in report["testsets"].items():
        seg, sys_ = entry["segment"], entry.get("system", {})
        chrf, bleu = seg.get("chrF", (None, None)), seg.get("BLEU", (None, None))
        precision = entry.get("flag_precision", {})
        alarms = entry.get("false_alarms", {})
        lines.append("| " + " | ".join([
            name, str(entry["mt_segments"]),
            _fmt(seg["mtreview"][0]), _fmt(chrf[0]), _fmt(bleu[0]),
            _fmt(seg["mtreview"][1]), _fmt(chrf[1]), _fmt(bleu[1]),
            _fmt(sys_.get("mtreview", (None, None))[0]), _fmt(sys_.get("chrF", (None, None))[0]),
            _fmt(sys_.get("mtreview", (None, None))[1]), _fmt(sys_.get("chrF", (None, None))[1]),
            (f"{_fmt(precision.get('precision'), 2)} ({precision['overlapping']}/{precision['findings']})"
             if precision else "—"),
            (f"{_fmt(alarms.get('per_1000_words'), 2)} ({alarms['findings']} in {alarms['words']:,})"
             if alarms else "—"),
        ]) + " |")
    return "\n".join(lines) + "\n"


def render_rules(report: dict, limit: int = 25) -> str:
    lines = ["| rule | on MT without spans | on rated MT | overlapping a rater's span | precision "
             "| on references | per 1k ref words |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for rule, row in list(report["rules"].items())[:limit]:
        lines.append(f"| {rule} | {row.get('on_unrated_mt', 0)} | {row.get('on_rated_mt', 0)} | "
                     f"{row.get('overlapping', 0)} | "
                     f"{_fmt(row['precision'], 2)} | {row.get('on_references', 0)} | "
                     f"{_fmt(row['false_alarms_per_1000_words'], 3)} |")
    return "\n".join(lines) + "\n"


def run(directory: Path, reviewer=None, only: tuple[str, ...] = ()) -> dict:
    from mtreview.reviewer import Reviewer

    started = time.monotonic()
    segments = load(directory)
    reviewer = reviewer or Reviewer.from_config()
    review_all(segments, reviewer)
    reviewed = time.monotonic()
    score_with_references(segments, references(segments, only))
    scored = time.monotonic()
    report = evaluate(segments, only)
    report["phases"] = {"review": round(reviewed - started, 1), "chrF/BLEU": round(scored - reviewed, 1),
                        "statistics": round(time.monotonic() - scored, 1)}
    report["signature"] = reviewer.signature
    report["segments"] = len(segments)
    report["seconds"] = round(time.monotonic() - started, 1)
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR,
                        help="the wmt-mqm-zhen folder (segments.tsv, errors.tsv)")
    parser.add_argument("--rules", action="store_true", help="also print per-rule precision and false alarms")
    parser.add_argument("--json", type=Path, default=None, help="write the whole report as JSON here")
    parser.add_argument("--reference", action="append", default=[], metavar="SYSTEM",
                        help="score chrF/BLEU against this human row only (e.g. ref); repeatable")
    args = parser.parse_args(argv)
    for name in ("segments.tsv", "errors.tsv"):
        if not (args.directory / name).is_file():
            print(f"error: {args.directory / name}: no such file", file=sys.stderr)
            return 2
    report = run(args.directory, only=tuple(args.reference))
    print(render(report), end="")
    phases = ", ".join(f"{k} {v} s" for k, v in report["phases"].items())
    print(f"\n{report['segments']:,} segments in {report['seconds']} s ({phases}); {report['signature']}")
    if args.rules:
        print()
        print(render_rules(report), end="")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
