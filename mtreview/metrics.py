"""Reference-based figures through sacrebleu: BLEU, chrF2, chrF++, TER, HTER and edit rate.

Every figure comes from sacrebleu's metric classes (never a home-made BLEU), created once per process
and reused, and carries sacrebleu's signature so that it can be reproduced. sacrebleu is imported
only when a figure is asked for: `mtreview --help` and a text review never pay for it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

CORPUS_METRICS = ("BLEU", "chrF2", "chrF2++", "TER")


@dataclass(frozen=True)
class MetricScore:
    """One figure: metric name, score (0-100) and sacrebleu's signature."""

    name: str
    score: float
    signature: str

    def as_dict(self) -> dict:
        return {"name": self.name, "score": round(self.score, 4), "signature": self.signature}


@lru_cache(maxsize=1)
def _metrics() -> dict:
    """The metric objects, built once: corpus BLEU as the sacrebleu command line computes it,
    sentence BLEU with effective order (as sacrebleu recommends for single sentences), chrF2,
    chrF++ (word order 2), TER (case-insensitive, sacrebleu's default) and case-sensitive TER for
    post-editing effort."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    return {
        "BLEU": BLEU(),
        "sentence-BLEU": BLEU(effective_order=True),
        "chrF2": CHRF(),
        "chrF2++": CHRF(word_order=2),
        "TER": TER(),
        "HTER": TER(case_sensitive=True),
    }


def _check_aligned(hypotheses: Sequence[str], references: Sequence[Sequence[str]]) -> None:
    if not references:
        raise ValueError("at least one reference is needed")
    for index, stream in enumerate(references):
        if len(stream) != len(hypotheses):
            raise ValueError(f"reference {index + 1} has {len(stream)} lines; the output has "
                             f"{len(hypotheses)}")


def corpus_scores(hypotheses: Sequence[str], references: Sequence[Sequence[str]]) -> list[MetricScore]:
    """Corpus BLEU, chrF2, chrF++ and TER; `references` is one list of lines per reference."""
    _check_aligned(hypotheses, references)
    metrics = _metrics()
    scores = []
    for name in CORPUS_METRICS:
        metric = metrics[name]
        result = metric.corpus_score(list(hypotheses), [list(r) for r in references])
        scores.append(MetricScore(name, result.score, str(metric.get_signature())))
    return scores


def sentence_scores(hypothesis: str, references: Sequence[str],
                    names: Sequence[str] = CORPUS_METRICS) -> dict[str, float]:
    """BLEU (effective order), chrF2, chrF++ and TER (or the `names` among them) of one sentence
    against its references."""
    metrics = _metrics()
    refs = list(references)
    return {name: metrics["sentence-BLEU" if name == "BLEU" else name].sentence_score(hypothesis, refs).score
            for name in names}


def hter(machine: Sequence[str], post_edited: Sequence[str]) -> MetricScore:
    """Corpus HTER: case-sensitive TER of the MT output against its own post-edit."""
    _check_aligned(machine, [post_edited])
    metric = _metrics()["HTER"]
    result = metric.corpus_score(list(machine), [list(post_edited)])
    return MetricScore("HTER", result.score, str(metric.get_signature()))


def edit_rate(sentence: str, edited: str) -> float:
    """Case-sensitive TER (0-100) of a sentence against an edited version of it."""
    if sentence == edited:
        return 0.0
    return _metrics()["HTER"].sentence_score(sentence, [edited]).score


def sentence_edit_rates(review) -> list[float]:
    """For every sentence of a Review, the TER between it and its fixed version (all of the
    review's edits, safe and review, chosen as `fix --unsafe-fixes` would choose them): an
    estimate of the post-editing effort mtreview itself sees in the sentence."""
    from .fixes import applicable, apply_edits, select_edits

    chosen = [edit for _, edit in select_edits(applicable(review.findings, unsafe=True))]
    rates = []
    for sentence in review.sentences:
        inside = [e for e in chosen if sentence.start <= e.start and e.end <= sentence.end]
        original = review.text[sentence.start:sentence.end]
        if not inside:
            rates.append(0.0)
            continue
        shifted = [type(e)(e.start - sentence.start, e.end - sentence.start, e.replacement,
                           e.applicability) for e in inside]
        rates.append(edit_rate(original, apply_edits(original, shifted)))
    return rates


def read_segments(path: str, encoding: str | None = None, text_field: str | None = None,
                  target_column: str | None = None) -> list[str]:
    """The segments of one file, in order: a text file line by line (as sacrebleu reads it); JSONL,
    TSV/CSV, XLIFF, PO and TMX one record or unit each, read by mtreview.formats. Raises InputError."""
    from .formats import ReadOptions, read_units
    from .io import read_source

    options = ReadOptions(encoding=encoding, text_field=text_field, target_column=target_column)
    if options.format_for(path) in (None, "text", "markdown"):
        return read_lines(read_source(path, encoding).text)
    return [" ".join(unit.text.split()) for unit in read_units(path, options)]


def read_lines(text: str) -> list[str]:
    """Lines as the sacrebleu command line reads them: split at newlines, trailing space removed."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip() for line in lines]


def score_report(hypotheses: Sequence[str], references: Sequence[Sequence[str]] = (),
                 post_edited: Sequence[str] | None = None, sentences: bool = False) -> dict:
    """Everything `mtreview score` shows: corpus figures with signatures, HTER when a post-edit is
    given, and (on request) the same figures per sentence."""
    report: dict = {"lines": len(hypotheses), "corpus": [], "sentences": []}
    if references:
        report["corpus"] = [s.as_dict() for s in corpus_scores(hypotheses, references)]
    if post_edited is not None:
        report["corpus"].append(hter(hypotheses, post_edited).as_dict())
    if sentences:
        for index, hypothesis in enumerate(hypotheses):
            row: dict = {"line": index + 1}
            if references:
                row.update({k: round(v, 4) for k, v in
                            sentence_scores(hypothesis, [r[index] for r in references]).items()})
            if post_edited is not None:
                row["HTER"] = round(edit_rate(hypothesis, post_edited[index]), 4)
            report["sentences"].append(row)
    return report


def render_score_text(report: dict) -> str:
    """Corpus figures one per line with their signatures, then the per-sentence table if any."""
    out = [f"{s['name']:8} {s['score']:7.2f}  {s['signature']}" for s in report["corpus"]]
    if report["sentences"]:
        columns = [k for k in report["sentences"][0] if k != "line"]
        out.append("")
        out.append("line  " + "  ".join(f"{c:>7}" for c in columns))
        for row in report["sentences"]:
            out.append(f"{row['line']:<4}  " + "  ".join(f"{row[c]:7.2f}" for c in columns))
    return "\n".join(out) + "\n"
