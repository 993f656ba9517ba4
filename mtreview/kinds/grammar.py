"""grammar: LanguageTool's matches as findings, one request per paragraph (mtreview.grammar says
where the server comes from). Off when no LanguageTool is configured: the rule finds nothing and
says nothing, so reviews stay offline and fast.

Fields, all optional:
  language        LanguageTool language code (default en-US)
  disabled_rules  LanguageTool rule ids not to report (e.g. those a core pack already covers)
  issue_types     issueType -> {category, severity}, overriding the built-in MQM mapping
  timeout         seconds to wait for one answer (the environment and the config come first)
  server          the server URL; normally set from the config's languagetool_url, not in a pack

Each match becomes a finding at its span, with LanguageTool's rule id in the message, the
issueType mapped to an MQM category and severity, and its first replacement as a `review` edit.
"""
from __future__ import annotations

from ..findings import CATEGORIES, Edit, Finding, Severity
from ._regex import RuleTimeout

class GrammarWarning(RuleTimeout):
    """LanguageTool could not check (all or part of) a document. Raised from a rule's run like a
    rule timeout, so the reviewer records it as a warning and every other rule goes on; the
    findings of the paragraphs that were checked are kept."""

    def __init__(self, message: str):
        Exception.__init__(self, message)
        self.rule_id, self.position = "grammar", 0


FIELDS = {
    "language": (str, False),
    "disabled_rules": (list, False),
    "issue_types": (dict, False),
    "timeout": ((int, float), False),
    "server": (str, False),
}


def _validate(rule) -> None:
    if not all(isinstance(r, str) and r for r in rule.params.get("disabled_rules") or []):
        raise rule.error("must be a list of LanguageTool rule ids", "disabled_rules")
    severities = [s.value for s in Severity]
    for issue, override in (rule.params.get("issue_types") or {}).items():
        field = f"issue_types.{issue}"
        if not isinstance(override, dict) or set(override) - {"category", "severity"}:
            raise rule.error("must be a mapping with category and/or severity", field)
        if override.get("category", "fluency") not in CATEGORIES:
            raise rule.error(f"'{override['category']}' is not one of {', '.join(CATEGORIES)}", field)
        if override.get("severity", "minor") not in severities:
            raise rule.error(f"'{override['severity']}' is not one of {', '.join(severities)}", field)


def compile(rule):
    from .. import grammar

    _validate(rule)
    disabled = tuple(sorted(rule.params.get("disabled_rules") or ()))
    overrides = rule.params.get("issue_types") or {}

    def run(doc):
        chosen = grammar.settings_for_rule(rule)  # read at run time: the environment may change
        if chosen.backend is None:
            return
        backend = grammar.client(chosen)
        problems = []
        for paragraph in doc.paragraphs:
            text = doc.text[paragraph.start:paragraph.end]
            try:
                answer = backend.check(text, disabled)
            except grammar.Unreachable as exc:
                if not backend.reported:  # one warning per process, then silence
                    backend.reported = True
                    problems.append(str(exc))
                break
            except grammar.BadAnswer as exc:
                line = doc.line_col(paragraph.start)[0]
                problems.append(f"LanguageTool gave a bad answer for the paragraph at line {line} "
                                f"({exc}); that paragraph was not checked")
                continue
            if answer.refused:
                line = doc.line_col(paragraph.start)[0]
                problems.append(f"LanguageTool matches ignored in the paragraph at line {line}: "
                                + "; ".join(answer.refused))
            for match in answer.matches:
                yield _finding(rule, doc.text, paragraph.start, match, overrides)
        if problems:
            raise GrammarWarning("; ".join(problems))

    return run


def _finding(rule, text: str, base: int, match, overrides) -> Finding:
    from ..grammar import classify

    category, severity = classify(match.issue_type, overrides)
    start, end = base + match.offset, base + match.offset + match.length
    edits = (Edit(start, end, match.replacements[0], "review"),) if match.replacements else ()
    message = f"{match.message.strip() or 'LanguageTool match.'} (LanguageTool {match.rule_id})"
    return Finding(rule.id, start, end, text[start:end], message, Severity(severity), category, edits)


def unavailable() -> str | None:
    """Why grammar rules cannot run here: no LanguageTool configured (their examples are skipped)."""
    from ..grammar import settings

    return None if settings().backend else "no LanguageTool configured"
