"""LanguageTool as a grammar backend, through language-tool-python.

Where the server comes from: `MTREVIEW_LANGUAGETOOL_URL`, else the config's `languagetool_url`
(both go to language-tool-python as `remote_server=`), else a LanguageTool installed on this
machine when `LTP_JAR_DIR_PATH` points at it. Nothing else: language-tool-python is never allowed
to download LanguageTool, so with none of the three the grammar kind stays off and reviews stay
offline and fast.

A LanguageTool that cannot be reached is a warning, never a hang or a traceback: requests time out
(`MTREVIEW_LANGUAGETOOL_TIMEOUT` or the config's `languagetool_timeout`, default 10 s), the first
failure to connect marks the server down for the rest of the process (one warning, then silence),
and a bad answer (an HTTP error, malformed JSON, offsets outside the text) skips only the paragraph
it was about. Answers are cached by a hash of the request.
"""
from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass

ENV_URL = "MTREVIEW_LANGUAGETOOL_URL"
ENV_TIMEOUT = "MTREVIEW_LANGUAGETOOL_TIMEOUT"
ENV_JAR_DIR = "LTP_JAR_DIR_PATH"      # language-tool-python's own variable for a local LanguageTool
DEFAULT_TIMEOUT = 10.0
DEFAULT_LANGUAGE = "en-US"
CACHE_SIZE = 4096
MAX_FAULTS = 3                        # bad answers in a row before the server is treated as down

# LanguageTool's issueType (ITS 2.0 localization-quality issue types) -> MQM category, severity.
ISSUE_TYPES = {
    "misspelling": ("fluency", "minor"),
    "grammar": ("fluency", "minor"),
    "typographical": ("fluency", "minor"),
    "whitespace": ("fluency", "minor"),
    "duplication": ("fluency", "minor"),
    "characters": ("fluency", "minor"),
    "style": ("style", "minor"),
    "register": ("style", "minor"),
    "terminology": ("terminology", "minor"),
    "inconsistency": ("terminology", "minor"),
    "locale-violation": ("locale-convention", "minor"),
    "formatting": ("locale-convention", "minor"),
    "mistranslation": ("accuracy", "major"),
    "untranslated": ("accuracy", "major"),
    "omission": ("accuracy", "major"),
    "addition": ("accuracy", "major"),
}
DEFAULT_ISSUE = ("fluency", "minor")


@dataclass(frozen=True)
class Settings:
    """Where LanguageTool is and how long to wait for it; `backend` is None when none is set."""

    url: str | None = None
    jar_dir: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    language: str = DEFAULT_LANGUAGE

    @property
    def backend(self) -> str | None:
        if self.url:
            return f"LanguageTool at {self.url}"
        if self.jar_dir:
            return f"the local LanguageTool in {self.jar_dir}"
        return None


def settings(url: str | None = None, timeout: float | None = None,
             language: str = DEFAULT_LANGUAGE) -> Settings:
    """The effective settings: the environment first, then the given (config) values."""
    env_timeout = os.environ.get(ENV_TIMEOUT)
    try:
        chosen_timeout = float(env_timeout) if env_timeout else float(timeout or DEFAULT_TIMEOUT)
    except ValueError:
        chosen_timeout = DEFAULT_TIMEOUT
    return Settings(url=os.environ.get(ENV_URL) or url or None,
                    jar_dir=os.environ.get(ENV_JAR_DIR) or None,
                    timeout=max(0.05, chosen_timeout), language=language)


@dataclass(frozen=True)
class Match:
    """One LanguageTool match, offsets in characters of the text that was sent."""

    rule_id: str
    issue_type: str
    message: str
    offset: int
    length: int
    replacements: tuple[str, ...]


@dataclass(frozen=True)
class Answer:
    """LanguageTool's usable matches for one text, and why any others were refused."""

    matches: tuple[Match, ...]
    refused: tuple[str, ...] = ()


class Unreachable(Exception):
    """No answer at all: connection refused, timed out, or language-tool-python unusable."""


class BadAnswer(Exception):
    """An answer that cannot be used: an HTTP error, malformed JSON, a match that makes no sense."""


def _make_tool(chosen: Settings):
    """A language-tool-python LanguageTool with our timeout; never one that would download."""
    try:
        from language_tool_python import LanguageTool
    except ImportError:
        raise Unreachable("language-tool-python is not installed (pip install 'mtreview[grammar]')") from None

    class TimedLanguageTool(LanguageTool):
        def __init__(self, timeout: float, **kwargs):
            self._TIMEOUT = timeout  # read by language-tool-python for every request
            super().__init__(**kwargs)

    if chosen.url:
        return TimedLanguageTool(chosen.timeout, language=chosen.language, remote_server=chosen.url)
    if chosen.jar_dir:  # language-tool-python starts it from LTP_JAR_DIR_PATH and skips any download
        return TimedLanguageTool(chosen.timeout, language=chosen.language)
    raise Unreachable("no LanguageTool configured")


def _describe(exc: BaseException) -> str:
    """A short, single-line reason for a failed request."""
    import json

    import requests

    cause = exc.__cause__ or exc
    if isinstance(cause, requests.exceptions.Timeout):
        return "no answer in time"
    if isinstance(cause, requests.exceptions.ConnectionError):
        return "cannot connect"
    text = " ".join(str(exc).split())[:120]
    if isinstance(cause, json.JSONDecodeError):
        return f"not valid JSON: {text!r}"
    if isinstance(exc, KeyError):
        return f"no {text} in the answer"
    return text or type(exc).__name__


def _in_time(chosen: Settings, call, *args):
    """`call(*args)` with a deadline on the whole answer from a server. requests' timeout bounds
    each wait for the next bytes, so a server trickling its answer a byte at a time would hold a
    review for as long as it likes; past the timeout the request is left to its (daemon) thread and
    counts as unanswered. A local LanguageTool's start-up is not limited."""
    if not chosen.url:
        return call(*args)
    import requests

    outcome: dict = {}

    def run():
        try:
            outcome["value"] = call(*args)
        except BaseException as exc:  # handed to the caller below
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="languagetool-request", daemon=True)
    worker.start()
    worker.join(chosen.timeout)
    if worker.is_alive():
        raise requests.exceptions.ReadTimeout(f"no complete answer in {chosen.timeout:g}s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _is_unreachable(exc: BaseException) -> bool:
    import requests

    cause = exc.__cause__ or exc
    return isinstance(cause, (requests.exceptions.ConnectionError, requests.exceptions.Timeout))


class Client:
    """One LanguageTool backend: connected on first use, answers cached, down after it fails."""

    def __init__(self, chosen: Settings):
        self.settings = chosen
        self.down: str | None = None        # why the server is not used any more
        self.reported = False               # whether the outage was already reported once
        self._tool = None
        self._faults = 0
        self._cache: OrderedDict[str, Answer] = OrderedDict()
        self._lock = threading.Lock()

    def _connect(self):
        if self._tool is None:
            try:
                self._tool = _in_time(self.settings, _make_tool, self.settings)
            except Unreachable as exc:
                raise self._mark_down(str(exc)) from None
            except Exception as exc:  # language-tool-python raises many kinds; none may escape
                raise self._mark_down(_describe(exc)) from None
        return self._tool

    def _mark_down(self, reason: str) -> Unreachable:
        self.down = f"{self.settings.backend} is unavailable ({reason}); grammar checks skipped"
        return Unreachable(self.down)

    def check(self, text: str, disabled_rules: tuple[str, ...] = ()) -> Answer:
        """LanguageTool's answer for one paragraph. Raises Unreachable or BadAnswer."""
        if self.down:
            raise Unreachable(self.down)
        key = hashlib.sha256("\x00".join((self.settings.language, ",".join(disabled_rules), text))
                             .encode("utf-8")).hexdigest()
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            tool = self._connect()
            tool.disabled_rules = set(disabled_rules)
            try:
                raw = _in_time(self.settings, tool.check, text)
            except Exception as exc:  # language-tool-python raises many kinds; none may escape
                if _is_unreachable(exc):
                    raise self._mark_down(_describe(exc)) from None
                self._fault()
                raise BadAnswer(_describe(exc)) from None
            self._faults = 0
            matches, refused = [], []
            for item in raw:
                try:
                    matches.append(_parse(item, text))
                except BadAnswer as exc:
                    refused.append(str(exc))
            answer = Answer(tuple(matches), tuple(refused))
            self._cache[key] = answer
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
            return answer

    def _fault(self) -> None:
        self._faults += 1
        if self._faults >= MAX_FAULTS:
            self._mark_down(f"{MAX_FAULTS} bad answers in a row")


def _parse(match, text: str) -> Match:
    """Our own record of a language-tool-python Match, refusing offsets outside the text."""
    try:
        offset, length = int(match.offset), int(match.error_length)
        parsed = Match(str(match.rule_id), str(match.rule_issue_type or ""), str(match.message or ""),
                       offset, length, tuple(str(r) for r in (match.replacements or ())))
        if not all(isinstance(r, str) for r in (match.replacements or ())):
            raise TypeError("a replacement is not text")   # str(None) would suggest "None"
    except (AttributeError, TypeError, ValueError) as exc:
        raise BadAnswer(f"malformed match: {exc}") from None
    if offset < 0 or length <= 0 or offset + length > len(text):
        raise BadAnswer(f"match {parsed.rule_id} at {offset}+{length} lies outside the "
                        f"{len(text)}-character text")
    return parsed


_clients: dict[Settings, Client] = {}
_clients_lock = threading.Lock()


def client(chosen: Settings) -> Client:
    """The process's client for these settings (shared, so that its cache and outage are too)."""
    with _clients_lock:
        if chosen not in _clients:
            _clients[chosen] = Client(chosen)
        return _clients[chosen]


def probe(chosen: Settings) -> str | None:
    """Why LanguageTool cannot be used with these settings, or None when it answers."""
    if chosen.backend is None:
        return (f"no LanguageTool configured: set {ENV_URL}, languagetool_url in the config, "
                f"or {ENV_JAR_DIR}")
    backend = client(chosen)
    try:
        with backend._lock:
            backend._connect()
    except Unreachable as exc:
        return str(exc)
    return backend.down


def classify(issue_type: str, overrides: dict | None = None) -> tuple[str, str]:
    """(MQM category, severity) of a LanguageTool issue type; a pack may override both."""
    category, severity = ISSUE_TYPES.get(issue_type, DEFAULT_ISSUE)
    override = (overrides or {}).get(issue_type) or {}
    return override.get("category", category), override.get("severity", severity)


def configure_rules(rules: list, config) -> list:
    """The rules with the config's LanguageTool URL and timeout given to every grammar rule, so
    that a compiled rule carries its own settings (the environment still comes first)."""
    from dataclasses import replace

    extra = dict(getattr(config, "extra", ()) or ())
    given = {"server": getattr(config, "languagetool_url", None),
             "timeout": extra.get("languagetool_timeout")}
    given = {k: v for k, v in given.items() if v is not None}
    if not given:
        return rules
    return [replace(r, params={**r.params, **given}) if r.kind == "grammar" else r for r in rules]


def settings_for_rule(rule) -> Settings:
    """The settings a grammar rule runs with (its params carry the config's server and timeout)."""
    return settings(rule.params.get("server"), rule.params.get("timeout"),
                    rule.params.get("language") or DEFAULT_LANGUAGE)


def require(rules) -> str | None:
    """Why the grammar checks of these rules cannot run (for --require-grammar), or None."""
    grammar_rules = [r for r in rules if r.kind == "grammar"]
    if not grammar_rules:
        return "no grammar rule is selected"
    for rule in grammar_rules:
        reason = probe(settings_for_rule(rule))
        if reason:
            return reason
    return None
