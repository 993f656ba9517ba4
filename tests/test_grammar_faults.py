"""LanguageTool server faults that tests/test_grammar.py does not cover: a server that trickles its
answer (requests' timeout bounds each read, not the whole answer), one that drops the connection
mid-answer, matches with nonsense fields, and offsets counted in UTF-16 units as LanguageTool
counts them. Each is a warning; the other rules still report; nothing waits much past the
configured timeout, in this process or at its exit."""
import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

import fake_languagetool
from fake_languagetool import LANGUAGES, FakeLanguageTool
from mtreview import grammar
from mtreview.packs import default_rule_dirs, load_rules
from mtreview.reviewer import Reviewer

TIMEOUT = 0.5
SLACK = 2.0          # thread start, the other rules, a loaded machine


pytestmark = pytest.mark.usefixtures("fresh_grammar_clients")


def use(monkeypatch, url):
    monkeypatch.setenv(grammar.ENV_URL, url)
    monkeypatch.setenv(grammar.ENV_TIMEOUT, str(TIMEOUT))


class RawServer:
    """A TCP server on 127.0.0.1 that answers /v2/languages properly and /v2/check (or both, with
    `everything`) through `misbehave(connection)`."""

    def __init__(self, misbehave, everything=False):
        self.misbehave, self.everything = misbehave, everything
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection):
        with connection:
            try:
                request = connection.recv(65536)
                if request.startswith(b"GET /v2/languages") and not self.everything:
                    body = json.dumps(LANGUAGES).encode()
                    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                       b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
                else:
                    self.misbehave(connection)
            except OSError:
                pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._socket.close()


def trickle(connection, seconds_per_byte=0.1, size=300):
    """A valid status line and headers, then a body one byte at a time: 30 s in all."""
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % size)
    for _ in range(size):
        connection.sendall(b" ")
        time.sleep(seconds_per_byte)


def hang_up_mid_answer(connection):
    connection.sendall(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"matches": [')


def everything_reviewer():
    return Reviewer(load_rules(default_rule_dirs()))


def review_timed(text="They met in in Beijing. The goverment met."):
    started = time.monotonic()
    result = everything_reviewer().review(text)
    return result, time.monotonic() - started


@pytest.mark.parametrize("everything", [False, True], ids=["check trickles", "languages trickle"])
def test_a_trickling_answer_is_cut_at_the_timeout(monkeypatch, everything):
    with RawServer(trickle, everything=everything) as server:
        use(monkeypatch, server.url)
        result, elapsed = review_timed()
    assert elapsed < TIMEOUT + SLACK
    assert [f.rule for f in result.findings] == ["core/doubled-word"]
    [warning] = result.warnings
    assert "unavailable (no answer in time)" in warning


def test_a_connection_dropped_mid_answer_is_a_warning(monkeypatch):
    with RawServer(hang_up_mid_answer) as server:
        use(monkeypatch, server.url)
        result, elapsed = review_timed()
    assert elapsed < TIMEOUT + SLACK
    assert [f.rule for f in result.findings] == ["core/doubled-word"]
    assert len(result.warnings) == 1 and server.url in result.warnings[0]


def test_the_command_exits_promptly_though_a_request_is_still_trickling(tmp_path):
    """The abandoned request must not keep the process alive at exit."""
    article = tmp_path / "a.txt"
    article.write_text("They met in in Beijing.\n", encoding="utf-8")
    with RawServer(trickle) as server:
        env = dict(os.environ, **{grammar.ENV_URL: server.url, grammar.ENV_TIMEOUT: str(TIMEOUT)})
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "mtreview", "check", "--format", "json", str(article)],
                              capture_output=True, text=True, env=env, timeout=60)
        elapsed = time.monotonic() - started
    assert elapsed < TIMEOUT + SLACK + 5      # + interpreter start-up
    assert proc.returncode == 0, proc.stderr
    [file] = json.loads(proc.stdout)["files"]
    assert [f["rule"] for f in file["findings"]] == ["core/doubled-word"]
    assert any("no answer in time" in w for w in file["warnings"])


@pytest.mark.parametrize("odd, refused", [
    ({"offset": -3}, "outside"),
    ({"length": 0}, "outside"),
    ({"length": 10_000}, "outside"),
    ({"replacements": [{"value": None}]}, "malformed match"),
    ({"offset": "four"}, None),
], ids=["negative offset", "zero length", "past the end", "null replacement", "offset not a number"])
def test_a_nonsense_match_is_a_warning(monkeypatch, odd, refused):
    """A match that makes no sense is refused by itself and the good ones are kept; one that
    language-tool-python cannot even read costs its paragraph. A warning either way."""
    real = fake_languagetool.matches_for

    def with_an_odd_match(text, disabled):
        odd_match = fake_languagetool._match(text, 0, 3, "ODD_RULE", "grammar", "Odd.", ["A"])
        return real(text, disabled) + [dict(odd_match, **odd)]

    monkeypatch.setattr(fake_languagetool, "matches_for", with_an_odd_match)
    with FakeLanguageTool() as server:
        use(monkeypatch, server.url)
        result, _ = review_timed("The goverment met.")
    kept = [(f.text, [e.replacement for e in f.edits]) for f in result.findings if f.rule.startswith("grammar/")]
    [warning] = result.warnings
    if refused:
        assert kept == [("goverment", ["government"])]
        assert refused in warning
        assert "ODD_RULE" in warning or refused == "malformed match"
    else:
        assert kept == [] and "line 1" in warning


def test_a_match_missing_its_rule_loses_only_that_paragraph(monkeypatch):
    real = fake_languagetool.matches_for

    def without_rule(text, disabled):
        found = real(text, disabled)
        if "BROKEN" in text:
            del found[0]["rule"]
        return found

    monkeypatch.setattr(fake_languagetool, "matches_for", without_rule)
    with FakeLanguageTool() as server:
        use(monkeypatch, server.url)
        result, _ = review_timed("The goverment met.\n\nA BROKEN recieve here.\n\nThe comittee met.")
    assert [f.text for f in result.findings if f.rule.startswith("grammar/")] == ["goverment", "comittee"]
    assert len(result.warnings) == 1 and "line 3" in result.warnings[0]


def test_offsets_in_utf16_units_land_on_the_right_words(monkeypatch):
    """LanguageTool counts offsets in Java chars (UTF-16 units): every emoji or rare CJK character
    before a match shifts it by one more unit than Python counts."""
    real = fake_languagetool.matches_for

    def in_utf16_units(text, disabled):
        def units(s):
            return len(s.encode("utf-16-le")) // 2
        return [dict(m, offset=units(text[:m["offset"]]), length=units(text[m["offset"]:m["offset"] + m["length"]]))
                for m in real(text, disabled)]

    monkeypatch.setattr(fake_languagetool, "matches_for", in_utf16_units)
    text = "\U0001F389\U0001F389 A recieve.\n\n\U00020BB7 The goverment met. \U0001F469\u200d\U0001F4BB comittee."
    with FakeLanguageTool() as server:
        use(monkeypatch, server.url)
        result, _ = review_timed(text)
    assert [f.text for f in result.findings if f.rule.startswith("grammar/")] == ["recieve", "goverment", "comittee"]
    assert result.warnings == ()
