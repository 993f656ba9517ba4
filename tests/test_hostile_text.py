"""Hostile text in an article and in a shared pack (its message, replacement and rule id) reaches
every output escaped: JSON and SARIF parse back to exactly the same strings, the text and GitHub
formats keep one finding per line with no raw terminal escapes, and the HTML page holds no live
markup and carries a strict Content-Security-Policy. (tests/test_browser_hostile.py opens the
page in a real browser.)"""
import json
import re
import textwrap
from html import unescape

import pytest
from click.testing import CliRunner

from mtreview.cli import main
from mtreview.packs import PackError, load_rules

CONTROLS = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\n\r") + "\x7f\x85\u2028\u2029"
ARTICLE = ("Officials met the the press. <script>window.__pwned = 'script'</script>\n"
           f"Raw controls: [{CONTROLS}] and a quote \" and a backslash \\ end.\n"
           "<a href=\"javascript:window.__pwned = 'link'\">click</a> </textarea></title></style>"
           "<!-- ]]> Over 10000 came.\n"
           "<img src=x onerror=\"window.__pwned = 'img'\"> zzz marks the pack's rule.\n")
HOSTILE_PACK = textwrap.dedent("""\
    pack: hostile
    description: a shared pack nobody reviewed
    rules:
      - id: "<svg onload=window.__pwned='id'>"
        kind: pattern
        pattern: 'zzz'
        replacement: "<img src=x onerror=\\"window.__pwned='suggestion'\\">\\u2028\\x1b[2J"
        applicability: review
        severity: major
        category: style
        message: "</textarea><script>window.__pwned='message'</script> <a href='javascript:window.__pwned=1'>x</a> \\x1b]0;owned\\x07 {match}\\n::error::injected"
        examples:
          bad: [{text: "[[zzz]]", fixed: "<img src=x onerror=\\"window.__pwned='suggestion'\\">\\u2028\\x1b[2J"}]
          good: ["ok"]
    """)
PACK_RULE = "hostile/<svg onload=window.__pwned='id'>"


@pytest.fixture
def hostile(tmp_path):
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "hostile.yaml").write_text(HOSTILE_PACK, encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8", newline="")
    return article, ["--rules", str(packs)]


def check(article, rules, *options):
    result = CliRunner().invoke(main, ["check", *rules, *options, str(article)])
    assert result.exit_code == 1, result.output
    return result.stdout


def pack_finding(findings):
    return next(f for f in findings if f["rule"] == PACK_RULE)


def test_json_escapes_control_characters_and_parses_back_exactly(hostile):
    article, rules = hostile
    out = check(article, rules, "--format", "json")
    assert not re.search(r"[\x00-\x09\x0b-\x1f]", out), "a raw control character in the JSON"
    [file] = json.loads(out)["files"]
    text = article.read_text(encoding="utf-8")
    for finding in file["findings"]:
        assert finding["text"] == text[finding["start"]:finding["end"]]
    mine = pack_finding(file["findings"])
    assert mine["message"].startswith("</textarea><script>window.__pwned='message'</script>")
    assert "\x1b]0;owned\x07 zzz\n::error::injected" in mine["message"]
    assert mine["edits"][0]["replacement"] == "<img src=x onerror=\"window.__pwned='suggestion'\">\u2028\x1b[2J"


def test_sarif_escapes_control_characters_and_parses_back_exactly(hostile):
    article, rules = hostile
    out = check(article, rules, "--format", "sarif")
    assert not re.search(r"[\x00-\x09\x0b-\x1f]", out)
    [run] = json.loads(out)["runs"]
    [mine] = [r for r in run["results"] if r["ruleId"] == PACK_RULE]
    assert "</textarea><script>window.__pwned='message'</script>" in mine["message"]["text"]
    assert "\x1b]0;owned\x07 zzz\n::error::injected" in mine["message"]["text"]
    assert PACK_RULE in [rule["id"] for rule in run["tool"]["driver"]["rules"]]


@pytest.mark.parametrize("output_format", ["text", "github"])
def test_line_formats_keep_one_line_per_finding_and_no_terminal_escapes(hostile, output_format):
    article, rules = hostile
    out = check(article, rules, "--format", output_format)
    assert "\x1b" not in out and "\x07" not in out and "\u2028" not in out
    [line] = [l for l in out.splitlines() if PACK_RULE in l]
    if output_format == "github":
        assert line.startswith("::error ") or line.startswith("::warning ")
        assert not any(l.startswith("::error::injected") for l in out.splitlines())
    else:
        assert line.endswith("zzz\\n::error::injected (-> '<img src=x onerror=\"window.__pwned=\\'suggestion\\'\">\\u2028\\x1b[2J')")


def test_html_report_escapes_everything_and_carries_a_strict_csp(hostile, tmp_path):
    article, rules = hostile
    page = tmp_path / "review.html"
    result = CliRunner().invoke(main, ["report", *rules, "-o", str(page), str(article)])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    [policy] = map(unescape, re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html))
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", policy)
    assert html.count("<script") == 1          # the report's own, allowed by its hash
    for live in ("<script>window", "<img src=x", "<svg onload", "<a href='javascript", '<a href="javascript',
                 "</textarea><script", "onerror=\"window"):
        assert live not in html, live
    assert "&lt;script&gt;window.__pwned" in html and "&lt;svg onload=" in html


def test_a_pack_url_must_be_http(tmp_path):
    (tmp_path / "p.yaml").write_text(HOSTILE_PACK.replace("    kind: pattern\n",
                                     "    kind: pattern\n    url: \"javascript:alert(1)\"\n"))
    with pytest.raises(PackError, match="field 'url': must be an http\\(s\\) URL"):
        load_rules([tmp_path])
