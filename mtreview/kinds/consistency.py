"""consistency: one concept rendered several ways in one document (co construction / co built /
co constructing countries). Each concept lists its renderings as regular expressions; when a
document uses more than one, the first occurrence of each minority rendering is flagged (the
most frequent one is taken as the document's choice; `use` names the preferred form)."""
from __future__ import annotations

from ._regex import Budget, compile_pattern, finditer, format_message

FIELDS = {"concepts": (list, True), "flags": (list, False)}


def compile(rule):
    concepts = []
    for index, raw in enumerate(rule.params["concepts"]):
        field = f"concepts[{index}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("variants"), list) or len(raw["variants"]) < 2:
            raise rule.error("each concept needs `name` and at least two `variants`", field)
        variants = [compile_pattern(rule, v, f"{field}.variants[{i}]") for i, v in enumerate(raw["variants"])]
        concepts.append((str(raw.get("name", "")), str(raw.get("use", "")), variants))

    def run(doc):
        budget = Budget(rule)  # all concepts' variants share one time limit per document
        for name, use, variants in concepts:
            seen = [list(finditer(rule, v, doc.text, budget=budget)) for v in variants]
            used = [(len(matches), -i, i) for i, matches in enumerate(seen) if matches]
            if len(used) < 2:
                continue
            majority = max(used)[2]
            forms = ", ".join(f"'{seen[i][0].group(0)}' ({len(seen[i])}x)" for _, _, i in sorted(used, key=lambda u: u[2]))
            for _, _, i in used:
                if i == majority:
                    continue
                match = seen[i][0]
                message = format_message(rule.message, match=match.group(0), name=name, use=use,
                                         forms=forms, majority=seen[majority][0].group(0))
                yield rule.finding(doc.text, match.start(), match.end(), message)

    return run
