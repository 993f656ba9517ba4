"""Load rule packs (YAML data) and validate them into Rules; every error names file, rule and field."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from .findings import APPLICABILITIES, CATEGORIES, Edit, Finding, Severity

BUILTIN_RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
_PACKAGED_RULES_DIR = Path(__file__).resolve().parent / "rules"

MAX_PACK_BYTES = 5_000_000
MAX_RULES_PER_FILE = 2_000

_COMMON_FIELDS = {"id", "kind", "severity", "category", "message", "applicability", "doc",
                  "examples", "url"}


class PackError(Exception):
    """A rule pack that cannot be used; the message names the file, the rule and the field."""

    def __init__(self, file: str | Path, problem: str, rule: str | None = None, field: str | None = None):
        self.file, self.rule, self.field, self.problem = str(file), rule, field, problem
        where = self.file + (f": rule '{rule}'" if rule else "") + (f": field '{field}'" if field else "")
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Rule:
    """One validated rule: the common fields plus its kind's own `params`."""

    id: str
    pack: str
    kind: str
    severity: Severity
    category: str
    message: str
    applicability: str
    file: str
    params: dict[str, Any] = field(default_factory=dict)
    doc: dict[str, str] = field(default_factory=dict)
    examples: dict[str, list] = field(default_factory=dict)
    url: str | None = None

    def finding(self, doc_text: str, start: int, end: int, message: str | None = None,
                replacement: str | None = None, edits: Iterable[Edit] | None = None,
                severity: Severity | None = None, applicability: str | None = None) -> Finding:
        """A finding of this rule at [start, end); `replacement` proposes one edit of the span."""
        if edits is None:
            edits = () if replacement is None else (
                Edit(start, end, replacement, applicability or self.applicability),)
        return Finding(self.id, start, end, doc_text[start:end], message or self.message,
                       severity or self.severity, self.category, tuple(edits))

    def error(self, problem: str, field: str | None = None) -> PackError:
        return PackError(self.file, problem, self.id, field)


@dataclass
class CompiledRule:
    rule: Rule
    run: Callable  # (Document) -> Iterable[Finding]


def default_rule_dirs() -> list[Path]:
    for candidate in (BUILTIN_RULES_DIR, _PACKAGED_RULES_DIR):
        if candidate.is_dir():
            return sorted(p for p in candidate.iterdir() if p.is_dir())
    return []


def pack_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every YAML file under the given files or directories, in a stable order."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.y*ml") if p.suffix in (".yaml", ".yml")))
        elif path.is_file():
            files.append(path)
        else:
            raise PackError(path, "no such rule file or directory")
    return files


def fingerprint(files: Iterable[Path]) -> str:
    """A hash of the packs' names and contents: the same packs give the same signature on any
    machine, wherever they are installed."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path.parent.name}/{path.name}".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def load_yaml(path: Path) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        size = path.stat().st_size
        if size > MAX_PACK_BYTES:
            raise PackError(path, f"pack is {size} bytes; the limit is {MAX_PACK_BYTES}")
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise PackError(path, f"not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    except UnicodeDecodeError:
        raise PackError(path, "not UTF-8 text") from None
    except OSError as exc:
        raise PackError(path, exc.strerror or str(exc)) from None


def parse_pack(path: Path, data: Any) -> list[Rule]:
    """Validate one pack file's data into Rules (kind-specific fields are checked by the kind)."""
    from .kinds import KINDS

    if not isinstance(data, dict):
        raise PackError(path, "a pack is a mapping with 'pack', 'description' and 'rules'")
    for key in ("pack", "rules"):
        if key not in data:
            raise PackError(path, "missing", field=key)
    unknown = set(data) - {"pack", "description", "rules"}
    if unknown:
        raise PackError(path, f"unknown key(s) {sorted(unknown)}", field=sorted(unknown)[0])
    pack = data["pack"]
    if not isinstance(pack, str) or not pack.replace("-", "").replace("_", "").isalnum():
        raise PackError(path, "must be a name of letters, digits and hyphens", field="pack")
    raw_rules = data["rules"]
    if not isinstance(raw_rules, list):
        raise PackError(path, "must be a list", field="rules")
    if len(raw_rules) > MAX_RULES_PER_FILE:
        raise PackError(path, f"{len(raw_rules)} rules; the limit is {MAX_RULES_PER_FILE}", field="rules")
    rules = []
    for index, raw in enumerate(raw_rules):
        if not isinstance(raw, dict):
            raise PackError(path, f"rule #{index + 1} is not a mapping", field="rules")
        slug = raw.get("id")
        if not isinstance(slug, str) or not slug:
            raise PackError(path, f"rule #{index + 1} has no id", field="id")
        rule_id = f"{pack}/{slug}"

        def need(key, kinds=str, choices=None, default=None, required=True):
            value = raw.get(key, default)
            if value is None:
                if required:
                    raise PackError(path, "missing", rule_id, key)
                return None
            if not isinstance(value, kinds):
                raise PackError(path, f"must be {_type_name(kinds)}", rule_id, key)
            if choices and value not in choices:
                raise PackError(path, f"'{value}' is not one of {', '.join(choices)}", rule_id, key)
            return value

        kind = need("kind", choices=tuple(KINDS))
        severity = need("severity", choices=tuple(s.value for s in Severity))
        category = need("category", choices=CATEGORIES)
        message = need("message")
        applicability = need("applicability", choices=APPLICABILITIES, default="review")
        doc = need("doc", dict, default={}, required=False)
        examples = need("examples", dict, default={}, required=False)
        url = need("url", required=False)
        if url is not None and not url.startswith(("https://", "http://")):
            raise PackError(path, "must be an http(s) URL (reports link to it)", rule_id, "url")
        _check_text_fields(path, rule_id, doc, examples)
        kind_module = KINDS[kind]
        params = {k: v for k, v in raw.items() if k not in _COMMON_FIELDS}
        allowed = set(kind_module.FIELDS)
        for key in params:
            if key not in allowed:
                raise PackError(path, f"unknown field for kind '{kind}' (allowed: "
                                f"{', '.join(sorted(allowed)) or 'none'})", rule_id, key)
        for key, (types, required) in kind_module.FIELDS.items():
            if key not in params:
                if required:
                    raise PackError(path, "missing", rule_id, key)
            elif not isinstance(params[key], types):
                raise PackError(path, f"must be {_type_name(types)}", rule_id, key)
        rules.append(Rule(rule_id, pack, kind, Severity(severity), category, message, applicability,
                          str(path), params, doc, examples, url))
    return rules


def _check_text_fields(path: Path, rule_id: str, doc: dict, examples: dict) -> None:
    """`doc` and `examples` hold text only: a pack's YAML aliases cannot smuggle in a nested
    structure that would blow up when printed (a "billion laughs")."""
    for key, value in doc.items():
        if not isinstance(value, str):
            raise PackError(path, "must be a string", rule_id, f"doc.{key}")
    for key, items in examples.items():
        if key not in ("bad", "good"):
            raise PackError(path, "examples are 'bad' and 'good'", rule_id, f"examples.{key}")
        if not isinstance(items, list):
            raise PackError(path, "must be a list", rule_id, f"examples.{key}")
        for index, item in enumerate(items):
            where = f"examples.{key}[{index}]"
            if key == "bad" and isinstance(item, dict):
                if set(item) - {"text", "fixed"} or not all(isinstance(v, str) for v in item.values()):
                    raise PackError(path, "must be a string or a mapping of 'text' and 'fixed' strings",
                                    rule_id, where)
            elif not isinstance(item, str):
                raise PackError(path, "must be a string", rule_id, where)


def _type_name(types) -> str:
    names = {str: "a string", list: "a list", dict: "a mapping", int: "a whole number",
             float: "a number", bool: "true or false"}
    types = types if isinstance(types, tuple) else (types,)
    return " or ".join(names.get(t, t.__name__) for t in types)


def load_rules(paths: Iterable[str | Path]) -> list[Rule]:
    """Every rule of the packs under `paths`; ids must be unique across them all."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in pack_files(paths):
        for rule in parse_pack(path, load_yaml(path)):
            if rule.id in seen:
                raise PackError(path, f"duplicate id (first defined in {seen[rule.id]})", rule.id, "id")
            seen[rule.id] = rule.file
            rules.append(rule)
    return rules


def compile_rules(rules: Iterable[Rule]) -> list[CompiledRule]:
    from .kinds import KINDS

    return [CompiledRule(rule, KINDS[rule.kind].compile(rule)) for rule in rules]
