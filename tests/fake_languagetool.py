"""A small LanguageTool stand-in for the tests: an http.server on 127.0.0.1 (random port, in a
thread) speaking LanguageTool's documented HTTP API — GET /v2/languages, POST /v2/check with form
fields, the `matches` JSON — with switchable faults. It knows two rules, enough for the grammar
pack's examples: EN_A_VS_AN ("a" before a vowel) and a few misspellings (MORFOLOGIK_RULE_EN_US)."""
from __future__ import annotations

import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

LANGUAGES = [{"name": "English (US)", "code": "en", "longCode": "en-US"},
             {"name": "English", "code": "en", "longCode": "en"},
             {"name": "German", "code": "de", "longCode": "de-DE"}]
MISSPELLINGS = {"goverment": "government", "recieve": "receive", "comittee": "committee"}


def _match(text, offset, length, rule_id, issue_type, message, replacements, category="MISC"):
    return {
        "message": message, "shortMessage": "", "offset": offset, "length": length,
        "replacements": [{"value": r} for r in replacements],
        "context": {"text": text, "offset": offset, "length": length},
        "sentence": text, "type": {"typeName": "Other"},
        "rule": {"id": rule_id, "description": message, "issueType": issue_type,
                 "category": {"id": category, "name": category}},
        "ignoreForIncompleteSentence": False, "contextForSureMatch": 0,
    }


def matches_for(text: str, disabled: set[str]) -> list[dict]:
    found = []
    if "EN_A_VS_AN" not in disabled:
        for m in re.finditer(r"\b([Aa]) (?=[aeiouAEIOU])", text):
            found.append(_match(text, m.start(1), 1, "EN_A_VS_AN", "misspelling",
                                "Use \u201can\u201d instead of \u201ca\u201d if the following word starts with a vowel sound.",
                                ["an" if m.group(1) == "a" else "An"], "MISC"))
    if "MORFOLOGIK_RULE_EN_US" not in disabled:
        for m in re.finditer(r"\b\w+\b", text):
            if m.group().lower() in MISSPELLINGS:
                found.append(_match(text, m.start(), len(m.group()), "MORFOLOGIK_RULE_EN_US",
                                    "misspelling", "Possible spelling mistake found.",
                                    [MISSPELLINGS[m.group().lower()]], "TYPOS"))
    return sorted(found, key=lambda f: f["offset"])


class FakeLanguageTool:
    """Start with `with FakeLanguageTool(mode) as server:`; `server.url` is its base URL.

    Modes: ok, error500 (check answers HTTP 500), slow (check sleeps `delay` seconds), malformed
    (check answers broken JSON), bad_offsets (a match beyond the end of the text), no_matches_key
    (JSON without `matches`); with `fail_text`, HTTP 500 only for texts containing it. `requests` lists the form fields of every check received."""

    def __init__(self, mode: str = "ok", delay: float = 2.0, fail_text: str | None = None):
        self.mode, self.delay, self.fail_text = mode, delay, fail_text
        self.requests: list[dict] = []
        self.language_requests = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the test output clean
                pass

            def _send(self, status, body: bytes, content_type="application/json"):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_GET(self):
                if self.path.startswith("/v2/languages"):
                    fake.language_requests += 1
                    self._send(200, json.dumps(LANGUAGES).encode())
                elif self.path.startswith("/v2/healthcheck"):
                    self._send(200, b"OK", "text/plain")
                else:
                    self._send(404, b"not found", "text/plain")

            def do_POST(self):
                if not self.path.startswith("/v2/check"):
                    self._send(404, b"not found", "text/plain")
                    return
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode("utf-8")).items()}
                fake.requests.append(form)
                text = form.get("text", "")
                disabled = set(filter(None, form.get("disabledRules", "").split(",")))
                mode = fake.mode
                if fake.fail_text is not None:  # fail only for the texts that contain it
                    mode = "error500" if fake.fail_text in text else "ok"
                if mode == "error500":
                    self._send(500, b"Error: Internal Server Error (java.lang.RuntimeException)", "text/plain")
                    return
                if mode == "slow":
                    time.sleep(fake.delay)
                if mode == "malformed":
                    self._send(200, b'{"software": {"name": "LanguageTool"}, "matches": [{"offs')
                    return
                if mode == "no_matches_key":
                    self._send(500, json.dumps({"error": "boom"}).encode())
                    return
                found = matches_for(text, disabled)
                if mode == "bad_offsets":
                    found.append(_match(text, len(text) + 5, 4, "GHOST_RULE", "grammar", "Beyond the end.", ["x"]))
                body = {"software": {"name": "LanguageTool", "version": "6.6", "apiVersion": 1},
                        "language": {"name": "English (US)", "code": form.get("language", "en-US")},
                        "matches": found}
                self._send(200, json.dumps(body).encode())

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()


class SilentServer:
    """Accepts TCP connections (the kernel completes the handshake) and never answers."""

    def __init__(self):
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._socket.close()


def unused_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens (the port was free a moment ago)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
