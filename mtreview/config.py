"""Settings of a review: which packs and rules run, severity overrides and exit thresholds."""
from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()          # rule ids or pack prefixes to run (empty: all)
    ignore: tuple[str, ...] = ()          # rule ids or pack prefixes to skip
    rules: tuple[str, ...] = ()           # extra rule directories (a team's own packs)
    builtin_rules: bool = True            # load the packs shipped with mtreview
    severity: tuple[tuple[str, str], ...] = ()   # (rule id, severity) overrides
    fail_on: str = "major"
    fail_under: float | None = None
    languagetool_url: str | None = None
    extra: tuple[tuple[str, object], ...] = field(default=())

    def with_(self, **changes) -> "Config":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def matches_prefix(rule_id: str, prefixes) -> bool:
    """`zh-en` selects every rule of the pack, `zh-en/` too, and `zh-en/xinhua-name` that rule."""
    for prefix in prefixes:
        prefix = prefix.rstrip("/")
        if rule_id == prefix or rule_id.startswith(prefix + "/") or rule_id.startswith(prefix + "-"):
            return True
    return False
