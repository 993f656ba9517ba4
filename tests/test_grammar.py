"""The grammar kind against a fake LanguageTool (tests/fake_languagetool.py): the protocol, the
mapping to findings, batching and caching, and every way a server can fail."""
import json
import time

import pytest
from click.testing import CliRunner

from mtreview import grammar
from mtreview.cli import main
from mtreview.packs import BUILTIN_RULES_DIR, PackError, load_rules, parse_pack
from mtreview.reviewer import Reviewer
from mtreview.ruletest import cases, check, unavailable

from fake_languagetool import FakeLanguageTool, SilentServer, unused_port_url

GRAMMAR_PACK = BUILTIN_RULES_DIR / "grammar"


pytestmark = pytest.mark.usefixtures("fresh_grammar_clients")


def use(monkeypatch, url, timeout=None):
    monkeypatch.setenv(grammar.ENV_URL, url)
    if timeout is not None:
        monkeypatch.setenv(grammar.ENV_TIMEOUT, str(timeout))


def grammar_reviewer():
    return Reviewer(load_rules([GRAMMAR_PACK]))


def everything_reviewer():
    from mtreview.packs import default_rule_dirs

    return Reviewer(load_rules(default_rule_dirs()))


def test_matches_become_findings_with_rule_id_category_and_review_edit(monkeypatch):
    text = "Officials said it was a unusual step.\n\nThe goverment met on Monday."
    with FakeLanguageTool() as server:
        use(monkeypatch, server.url)
        result = grammar_reviewer().review(text)
    assert result.warnings == ()
    article, spelling = result.findings
    assert (article.rule, article.text, article.start) == ("grammar/languagetool", "a", text.index("a unusual"))
    assert "(LanguageTool EN_A_VS_AN)" in article.message
    assert [e.as_dict() for e in article.edits] == [
        {"start": article.start, "end": article.start + 1, "replacement": "an", "applicability": "review"}]
    assert spelling.text == "goverment" and spelling.start == text.index("goverment")
    assert "MORFOLOGIK_RULE_EN_US" in spelling.message
    assert (spelling.category, spelling.severity.value) == ("fluency", "minor")


def test_requests_follow_the_protocol_one_per_paragraph_and_are_cached(monkeypatch):
    text = "First paragraph here.\n\nSecond paragraph here.\n\nFirst paragraph here."
    with FakeLanguageTool() as server:
        use(monkeypatch, server.url)
        reviewer = grammar_reviewer()
        reviewer.review(text)
        reviewer.review(text)
    assert server.language_requests == 1                      # GET /v2/languages, once
    assert [r["text"] for r in server.requests] == ["First paragraph here.", "Second paragraph here."]
    form = server.requests[0]
    assert form["language"] == "en-US"
    assert set(form["disabledRules"].split(",")) == {"ENGLISH_WORD_REPEAT_RULE", "WHITESPACE_RULE", "EN_QUOTES"}


def test_the_grammar_pack_examples_pass_against_the_fake_server(monkeypatch):
    rules = load_rules([GRAMMAR_PACK])
    assert unavailable(rules[0]) == "no LanguageTool configured"
    with FakeLanguageTool() as server:
        use(monkeypatch, server.url)
        assert unavailable(rules[0]) is None
        results = {case.label: check(case) for rule in rules for case in cases(rule)}
    assert results and all(problems == [] for problems in results.values()), results


def test_off_when_no_server_is_configured():
    result = everything_reviewer().review("This is a apple from the market.")
    assert not any(f.rule.startswith("grammar/") for f in result.findings)
    assert result.warnings == ()


def test_config_url_reaches_the_rule(monkeypatch):
    from mtreview.config import Config
    from mtreview.reviewer import review

    with FakeLanguageTool() as server:
        result = review("The goverment met.", Config(languagetool_url=server.url, select=("grammar",)))
    assert [f.text for f in result.findings] == ["goverment"]


def test_unreachable_server_one_warning_other_packs_run(monkeypatch):
    use(monkeypatch, unused_port_url())
    reviewer = everything_reviewer()
    text = "They met in in Beijing. The goverment met."
    first = reviewer.review(text)
    assert [f.rule for f in first.findings] == ["core/doubled-word"]
    assert len(first.warnings) == 1 and "unavailable (cannot connect)" in first.warnings[0]
    second = reviewer.review(text)
    assert second.warnings == () and [f.rule for f in second.findings] == ["core/doubled-word"]


def test_unreachable_server_cli_exit_code_unaffected_unless_required(monkeypatch, tmp_path):
    use(monkeypatch, unused_port_url())
    path = tmp_path / "clean.txt"
    path.write_text("The central bank held its key rate on Monday.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.count("warning: LanguageTool at") == 1
    assert "Traceback" not in result.output
    grammar._clients.clear()
    required = CliRunner().invoke(main, ["check", "--require-grammar", str(path)])
    assert required.exit_code == 2
    assert "--require-grammar: LanguageTool at" in required.output


def test_require_grammar_without_any_server_is_an_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Fine text.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--require-grammar", str(path)])
    assert result.exit_code == 2 and "no LanguageTool configured" in result.output
    result = CliRunner().invoke(main, ["check", "--require-grammar", "--ignore", "grammar", str(path)])
    assert result.exit_code == 2 and "no grammar rule is selected" in result.output


def test_require_grammar_passes_with_a_server(monkeypatch, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The goverment met.\n", encoding="utf-8")
    with FakeLanguageTool() as server:
        use(monkeypatch, server.url)
        result = CliRunner().invoke(main, ["check", "--require-grammar", "--format", "json", str(path)])
    assert result.exit_code == 0, result.output      # a minor finding is under --fail-on major
    finding = json.loads(result.output)["files"][0]["findings"][0]
    assert finding["rule"] == "grammar/languagetool" and finding["edits"][0]["replacement"] == "government"


@pytest.mark.parametrize("mode, expected", [
    ("error500", "bad answer"),
    ("malformed", "bad answer"),
    ("no_matches_key", "bad answer"),
])
def test_bad_answers_are_warnings_and_other_packs_run(monkeypatch, mode, expected):
    with FakeLanguageTool(mode) as server:
        use(monkeypatch, server.url)
        result = everything_reviewer().review("They met in in Beijing. The goverment met.")
    assert [f.rule for f in result.findings] == ["core/doubled-word"]
    assert len(result.warnings) == 1 and expected in result.warnings[0]
    assert "line 1" in result.warnings[0]


def test_a_bad_paragraph_keeps_the_findings_of_the_others(monkeypatch):
    text = "The goverment met.\n\nThis paragraph BREAKS the server.\n\nA recieve B."
    with FakeLanguageTool(fail_text="BREAKS") as server:
        use(monkeypatch, server.url)
        result = grammar_reviewer().review(text)
    assert [f.text for f in result.findings] == ["goverment", "recieve"]
    assert len(result.warnings) == 1 and "paragraph at line 3" in result.warnings[0]


def test_repeated_bad_answers_mark_the_server_down(monkeypatch):
    text = "\n\n".join(f"Paragraph {i}." for i in range(10))
    with FakeLanguageTool("error500") as server:
        use(monkeypatch, server.url)
        result = grammar_reviewer().review(text)
    assert len(server.requests) == grammar.MAX_FAULTS
    assert "bad answers in a row" in result.warnings[0]


def test_offsets_outside_the_text_are_refused_and_reported(monkeypatch):
    with FakeLanguageTool("bad_offsets") as server:
        use(monkeypatch, server.url)
        result = grammar_reviewer().review("The goverment met.")
    assert [f.text for f in result.findings] == ["goverment"]
    assert "GHOST_RULE" in result.warnings[0] and "outside" in result.warnings[0]


def test_slow_server_times_out_without_hanging(monkeypatch):
    with FakeLanguageTool("slow", delay=3.0) as server:
        use(monkeypatch, server.url, timeout=0.3)
        started = time.monotonic()
        result = everything_reviewer().review("They met in in Beijing.\n\nAnother paragraph.")
        elapsed = time.monotonic() - started
    assert elapsed < 2.5
    assert [f.rule for f in result.findings] == ["core/doubled-word"]
    assert "no answer in time" in result.warnings[0]


def test_server_that_accepts_and_never_answers(monkeypatch):
    with SilentServer() as server:
        use(monkeypatch, server.url, timeout=0.3)
        started = time.monotonic()
        result = everything_reviewer().review("They met in in Beijing.")
        assert time.monotonic() - started < 2.5
    assert [f.rule for f in result.findings] == ["core/doubled-word"]
    assert "no answer in time" in result.warnings[0]


def test_a_local_languagetool_is_never_downloaded(monkeypatch, tmp_path):
    import language_tool_python.download_lt as download_lt

    fetched = []
    monkeypatch.setattr(download_lt.requests, "get", lambda *a, **k: fetched.append(a) or 1 / 0)
    monkeypatch.setenv(grammar.ENV_JAR_DIR, str(tmp_path))   # an empty folder: no LanguageTool in it
    result = grammar_reviewer().review("The goverment met.")
    assert fetched == []
    assert result.findings == () and "the local LanguageTool in" in result.warnings[0]


def test_issue_type_mapping_and_pack_overrides():
    assert grammar.classify("misspelling") == ("fluency", "minor")
    assert grammar.classify("style") == ("style", "minor")
    assert grammar.classify("mistranslation") == ("accuracy", "major")
    assert grammar.classify("something-new") == ("fluency", "minor")
    assert grammar.classify("style", {"style": {"severity": "neutral"}}) == ("style", "neutral")


def test_bad_issue_type_override_names_the_field(tmp_path):
    data = {"pack": "team", "rules": [{
        "id": "lt", "kind": "grammar", "severity": "minor", "category": "fluency", "message": "m",
        "issue_types": {"style": {"category": "prose"}}}]}
    rule = parse_pack(tmp_path / "p.yaml", data)[0]
    from mtreview.packs import compile_rules

    with pytest.raises(PackError, match=r"field 'issue_types.style'.*'prose' is not one of"):
        compile_rules([rule])
