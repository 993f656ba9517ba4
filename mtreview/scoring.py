"""MQM scores: sentence penalty = sum of finding weights; document quality from summed statistics.

Like sacrebleu's corpus scores, aggregates add up penalties and word counts and compute once; they
never average sentence scores."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from .findings import Finding, Severity


@dataclass(frozen=True, slots=True)
class SentenceScore:
    start: int
    end: int
    penalty: float

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "penalty": round(self.penalty, 3)}


@dataclass(frozen=True, slots=True)
class Score:
    """Summed statistics: penalty and words; quality = 100 x (1 - penalty / words), floored at 0."""

    penalty: float
    words: int

    @property
    def quality(self) -> float:
        if self.words == 0:
            return 100.0 if self.penalty == 0 else 0.0
        return max(0.0, 100.0 * (1.0 - self.penalty / self.words))

    def __add__(self, other: "Score") -> "Score":
        return Score(self.penalty + other.penalty, self.words + other.words)

    def as_dict(self) -> dict:
        return {"penalty": round(self.penalty, 3), "words": self.words, "quality": round(self.quality, 2)}


def sentence_scores(doc, findings: Sequence[Finding]) -> list[SentenceScore]:
    penalties = [0.0] * len(doc.sentences)
    for finding in findings:
        index = doc.sentence_index(finding.start)
        if index is not None:
            penalties[index] += finding.weight
    return [SentenceScore(s.start, s.end, p) for s, p in zip(doc.sentences, penalties)]


def document_score(doc, findings: Iterable[Finding]) -> Score:
    return Score(sum(f.weight for f in findings), doc.word_count)


def total(scores: Iterable[Score]) -> Score:
    result = Score(0.0, 0)
    for score in scores:
        result = result + score
    return result


def weights_signature() -> str:
    return "/".join(f"{s.value}={s.weight:g}" for s in Severity)
