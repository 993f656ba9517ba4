"""The one flat record every stage after the rules shares: Finding, with its Edits."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """MQM severities; the weight is the penalty a finding adds to its sentence (WMT MQM)."""

    NEUTRAL = "neutral"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def weight(self) -> float:
        return _WEIGHTS[self]

    @property
    def rank(self) -> int:
        return _RANKS[self]


_WEIGHTS = {Severity.NEUTRAL: 0.0, Severity.MINOR: 1.0, Severity.MAJOR: 5.0, Severity.CRITICAL: 25.0}
_RANKS = {Severity.NEUTRAL: 0, Severity.MINOR: 1, Severity.MAJOR: 2, Severity.CRITICAL: 3}

CATEGORIES = ("accuracy", "fluency", "terminology", "style", "locale-convention", "non-text")
APPLICABILITIES = ("safe", "review")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] with `replacement`; `safe` edits are applied by a plain `fix`."""

    start: int
    end: int
    replacement: str
    applicability: str = "review"

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "replacement": self.replacement,
                "applicability": self.applicability}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one span of the original text (character offsets, end exclusive)."""

    rule: str
    start: int
    end: int
    text: str
    message: str
    severity: Severity
    category: str
    edits: tuple[Edit, ...] = field(default=())

    @property
    def weight(self) -> float:
        return self.severity.weight

    @property
    def suggestion(self) -> str | None:
        """The proposed replacement of the flagged span, when the finding carries edits."""
        if not self.edits:
            return None
        if len(self.edits) == 1 and (self.edits[0].start, self.edits[0].end) == (self.start, self.end):
            return self.edits[0].replacement
        return None

    @property
    def applicability(self) -> str | None:
        if not self.edits:
            return None
        return "safe" if all(e.applicability == "safe" for e in self.edits) else "review"

    def sort_key(self) -> tuple:
        return (self.start, self.end, self.rule)
