"""Settings of a review: which packs and rules run, severity overrides and exit thresholds, and how
input files are read. Loaded from `[tool.mtreview]` in pyproject.toml or from .mtreview.toml, found by
walking up from the working directory; the command line overrides the file, the file the defaults."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Callable


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
    glossaries: tuple[str, ...] = ()      # extra glossary files (YAML packs of term rules)
    exclude: tuple[str, ...] = ()         # glob patterns of files not to review
    root: str = "."                       # folder the exclude patterns are relative to
    formats: tuple[tuple[str, str], ...] = ()    # (extension, format) overrides
    unknown_extensions: str = "text"      # "text": read as text with a warning; "skip"
    text_field: str | None = None         # JSONL: dotted path of the text
    source_column: str | None = None      # TSV/CSV: source column (header or 1-based number)
    target_column: str | None = None      # TSV/CSV: target column, the one reviewed
    encoding: str | None = None           # input codec (default UTF-8, BOM honoured)

    def read_options(self):
        """How input files are read under this configuration."""
        from .formats import ReadOptions

        return ReadOptions(encoding=self.encoding, text_field=self.text_field,
                           source_column=self.source_column, target_column=self.target_column,
                           formats=self.formats, unknown=self.unknown_extensions,
                           exclude=self.exclude, root=self.root)


def matches_prefix(rule_id: str, prefixes) -> bool:
    """`zh-en` selects every rule of the pack, `zh-en/` too, and `zh-en/xinhua-name` that rule."""
    for prefix in prefixes:
        prefix = prefix.rstrip("/")
        if rule_id == prefix or rule_id.startswith(prefix + "/") or rule_id.startswith(prefix + "-"):
            return True
    return False


CONFIG_FILES = (".mtreview.toml", "pyproject.toml")
DEFAULT = "default"
COMMAND_LINE = "command line"
SEVERITIES = ("neutral", "minor", "major", "critical")
FAIL_ON = ("minor", "major", "critical")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""

    def __init__(self, file: str | Path, problem: str, key: str | None = None):
        self.file, self.key, self.problem = str(file), key, problem
        super().__init__(f"{file}: " + (f"key '{key}': " if key else "") + problem)


@dataclass(frozen=True)
class Effective:
    """The configuration in force and where each value came from (a file, the command line or the
    default), as `mtreview config` prints it."""

    config: Config
    file: Path | None = None
    origins: tuple[tuple[str, str], ...] = ()     # (field, origin) for values not at their default

    def origin(self, name: str) -> str:
        return dict(self.origins).get(name, DEFAULT)

    def override(self, **values) -> "Effective":
        """Command-line values (None: not given); `rules` adds to the file's, the others replace."""
        given = {k: v for k, v in values.items() if v is not None and v != ()}
        if "rules" in given:
            given["rules"] = self.config.rules + tuple(given["rules"])
        origins = dict(self.origins)
        for name in given:
            joined = name == "rules" and name in origins
            origins[name] = f"{origins[name]} + {COMMAND_LINE}" if joined else COMMAND_LINE
        return Effective(replace(self.config, **given), self.file, tuple(sorted(origins.items())))


def find_config_file(start: str | Path | None = None) -> Path | None:
    """The nearest .mtreview.toml, or pyproject.toml with a [tool.mtreview] table, from `start` up."""
    folder = Path(start or os.getcwd()).resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_table(path)):
                return path
    return None


def _has_table(path: Path) -> bool:
    try:
        return "mtreview" in _read_toml(path).get("tool", {})
    except ConfigError:
        return True  # a broken pyproject.toml is reported, not walked past


def _read_toml(path: Path) -> dict:
    import tomllib

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"not valid TOML ({exc})") from None
    except UnicodeDecodeError:
        raise ConfigError(path, "not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(path, exc.strerror or str(exc)) from None


def load(path: str | Path | None = None, start: str | Path | None = None) -> Effective:
    """The configuration of the given file, or of the one found from `start` (default: the working
    directory) upwards; the defaults when there is none."""
    file = Path(path) if path is not None else find_config_file(start)
    if file is None:
        return Effective(Config())
    if not file.is_file():
        raise ConfigError(file, "no such configuration file")
    data = _read_toml(file)
    if file.name == "pyproject.toml":
        table, prefix = data.get("tool", {}).get("mtreview", {}), "tool.mtreview."
    else:
        table, prefix = data, ""
    if not isinstance(table, dict):
        raise ConfigError(file, "must be a table", prefix.rstrip("."))
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(file, f"unknown key (known: {', '.join(sorted(_KEYS))})", prefix + key)
        name, convert = _KEYS[key]
        try:
            values[name] = convert(value, file.parent)
        except _EntryError as exc:
            raise ConfigError(file, str(exc), f"{prefix}{key}.{exc.entry}") from None
        except ValueError as exc:
            raise ConfigError(file, str(exc), prefix + key) from None
    if "exclude" in values:
        values["root"] = str(file.parent)
    shown = str(file)
    return Effective(Config(**values), file, tuple(sorted((name, shown) for name in values)))


def describe(effective: Effective) -> str:
    """Every setting in force, as TOML, each with where it came from."""
    lines = [f"# configuration file: {effective.file or 'none found'}"]
    for key, (name, _) in _KEYS.items():
        value, origin = getattr(effective.config, name), effective.origin(name)
        if value is None:
            lines.append(f"# {key} is not set  ({origin})")
        else:
            table = name in ("severity", "formats")
            lines.append(f"{key} = {_toml(value, table)}  # {origin}")
    return "\n".join(lines) + "\n"


def _toml(value, table: bool = False) -> str:
    if table:
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value) + " }" if value else "{}"
    if isinstance(value, tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


# Converters: (value from TOML, config folder) -> value for Config; ValueError says what is wrong.

class _EntryError(ValueError):
    """A bad entry of a table: the key named in the error is `table.entry`."""

    def __init__(self, entry: str, problem: str):
        self.entry = entry
        super().__init__(problem)


def _strings(value, _folder) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("must be a list of strings")
    return tuple(value)


def _paths(value, folder: Path) -> tuple[str, ...]:
    return tuple(str(folder / p) for p in _strings(value, folder))


def _choice(choices) -> Callable:
    def convert(value, _folder):
        if value not in choices:
            raise ValueError(f"must be one of {', '.join(choices)} (got {value!r})")
        return value
    return convert


def _string(value, _folder) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("must be a non-empty string")
    return value


def _column(value, _folder) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return str(value)
    return _string(value, _folder)


def _quality(value, _folder) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise ValueError("must be a number from 0 to 100")
    return float(value)


def _boolean(value, _folder) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _severities(value, _folder) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise ValueError("must be a table of rule id = severity")
    for rule, severity in value.items():
        if severity not in SEVERITIES:
            raise _EntryError(rule, f"must be one of {', '.join(SEVERITIES)} (got {severity!r})")
    return tuple(sorted(value.items()))


def _formats(value, _folder) -> tuple[tuple[str, str], ...]:
    from .formats import FORMATS

    if not isinstance(value, dict):
        raise ValueError('must be a table of extension = format, such as ".rst" = "text"')
    for extension, name in value.items():
        if not extension.startswith("."):
            raise _EntryError(extension, "must be an extension starting with a dot")
        if name not in FORMATS:
            raise _EntryError(extension, f"must be one of {', '.join(FORMATS)} (got {name!r})")
    return tuple(sorted((ext.lower(), name) for ext, name in value.items()))


_KEYS: dict[str, tuple[str, Callable]] = {
    "select": ("select", _strings),
    "ignore": ("ignore", _strings),
    "severity": ("severity", _severities),
    "fail-on": ("fail_on", _choice(FAIL_ON)),
    "fail-under": ("fail_under", _quality),
    "rules": ("rules", _paths),
    "builtin-rules": ("builtin_rules", _boolean),
    "glossaries": ("glossaries", _paths),
    "exclude": ("exclude", _strings),
    "formats": ("formats", _formats),
    "unknown-extensions": ("unknown_extensions", _choice(("text", "skip"))),
    "text-field": ("text_field", _string),
    "source-column": ("source_column", _column),
    "target-column": ("target_column", _column),
    "encoding": ("encoding", _string),
    "languagetool-url": ("languagetool_url", _string),
}
assert {name for name, _ in _KEYS.values()} <= {f.name for f in fields(Config)}
