"""`mtreview fix`, `fix --diff` and `check --diff`: the pre-commit fixer contract, files kept byte for
byte outside the edits, atomic writes, and the loop that must converge or write nothing."""
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from mtreview.cli import main
from mtreview.config import Config
from mtreview.evaluation import gold_occurrences
from mtreview.fixes import applicable, fix_text, select_edits
from mtreview.reports.diff import colorize, unified_diff
from mtreview.reviewer import Reviewer

from conftest import ROOT, SEED

PINNED = ["--no-builtin", "--rules", str(ROOT / "tests" / "golden" / "rules")]
SAMPLE = 'Over 10000 people joined the "the Belt and Road" forum; A total of 16000 came.\n'
SAMPLE_SAFE = 'Over 10,000 people joined the "Belt and Road" forum; A total of 16,000 came.\n'
SAMPLE_ALL = 'Over 10,000 people joined the "Belt and Road" forum. A total of 16,000 came.\n'


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def write(tmp_path, data: bytes, name="article.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_fix_rewrites_in_place_and_follows_the_pre_commit_contract(tmp_path):
    path = write(tmp_path, SAMPLE.encode())
    first = run("fix", *PINNED, str(path))
    assert first.exit_code == 1, first.output
    assert first.stdout.splitlines()[0] == f"Fixing {path}"
    assert first.stdout.splitlines()[-1] == "3 fixed, 1 remaining (1 more fixable with --unsafe-fixes)"
    assert path.read_text(encoding="utf-8") == SAMPLE_SAFE
    second = run("fix", *PINNED, str(path))
    assert second.exit_code == 0, second.output
    assert "Fixing" not in second.stdout
    assert second.stdout.strip() == "0 fixed, 1 remaining (1 more fixable with --unsafe-fixes)"


def test_unsafe_fixes_apply_review_edits_too(tmp_path):
    path = write(tmp_path, SAMPLE.encode())
    result = run("fix", *PINNED, "--unsafe-fixes", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "4 fixed, 0 remaining"
    assert path.read_text(encoding="utf-8") == SAMPLE_ALL
    assert run("fix", *PINNED, "--unsafe-fixes", str(path)).exit_code == 0


@pytest.mark.parametrize("encoding, bom, newline", [
    ("utf-8", b"", "\r\n"),
    ("utf-8", b"\xef\xbb\xbf", "\n"),
    ("utf-8", b"\xef\xbb\xbf", "\r\n"),
    ("utf-16-le", b"\xff\xfe", "\r\n"),
    ("utf-16-be", b"\xfe\xff", "\r"),
])
def test_fix_keeps_encoding_bom_line_endings_and_untouched_bytes(tmp_path, encoding, bom, newline):
    lines = ["Title\u00a0line \U0001F389", SAMPLE.rstrip("\n"), "", "  indented\ttab  ", "last line, no terminator"]
    text = newline.join(lines)
    path = write(tmp_path, bom + text.encode(encoding))
    assert run("fix", *PINNED, str(path)).exit_code == 1
    expected = bom + text.replace(SAMPLE.rstrip("\n"), SAMPLE_SAFE.rstrip("\n")).encode(encoding)
    assert path.read_bytes() == expected


def test_fix_with_another_codec_writes_it_back_in_that_codec(tmp_path):
    text = "Caf\u00e9 owners said 10000 visitors came.\n"
    path = write(tmp_path, text.encode("latin-1"))
    assert run("fix", *PINNED, str(path)).exit_code == 2  # not UTF-8: refused, untouched
    assert path.read_bytes() == text.encode("latin-1")
    assert run("fix", *PINNED, "--encoding", "latin-1", str(path)).exit_code == 1
    assert path.read_bytes() == text.replace("10000", "10,000").encode("latin-1")


def test_fix_keeps_permissions_and_leaves_no_temporary_file(tmp_path):
    path = write(tmp_path, SAMPLE.encode())
    path.chmod(0o640)
    assert run("fix", *PINNED, str(path)).exit_code == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]


def test_nothing_to_fix_leaves_the_file_untouched(tmp_path):
    path = write(tmp_path, b"Nothing here needs an edit.\r\n")
    before = path.stat().st_mtime_ns
    result = run("fix", *PINNED, str(path))
    assert result.exit_code == 0
    assert result.stdout == "0 fixed, 0 remaining\n"
    assert path.stat().st_mtime_ns == before


def test_diff_writes_nothing_and_git_apply_reproduces_the_fix(tmp_path):
    crlf = SAMPLE.replace("\n", "\r\n") + "Unchanged last line"
    path = write(tmp_path, crlf.encode())
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = run("fix", *PINNED, "--diff", "article.txt")
        checked = run("check", *PINNED, "--diff", "article.txt")
    finally:
        os.chdir(cwd)
    assert result.exit_code == 1
    assert path.read_bytes() == crlf.encode()
    assert result.stdout.startswith("--- a/article.txt\n+++ b/article.txt\n@@ ")
    assert "\x1b[" not in result.stdout  # no colour when stdout is not a terminal
    assert "\\ No newline at end of file" in result.stdout
    assert result.stderr.strip() == "3 would be fixed, 1 remaining (1 more fixable with --unsafe-fixes)"
    assert checked.exit_code == 1 and checked.stdout == result.stdout
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (tmp_path / "change.diff").write_bytes(result.stdout_bytes)
    subprocess.run(["git", "apply", "--unsafe-paths", "change.diff"], cwd=tmp_path, check=True)
    assert path.read_bytes() == SAMPLE_SAFE.replace("\n", "\r\n").encode() + b"Unchanged last line"


def test_diff_of_a_clean_file_is_empty_and_exits_zero(tmp_path):
    path = write(tmp_path, b"Nothing here needs an edit.\n")
    result = run("fix", *PINNED, "--diff", str(path))
    assert result.exit_code == 0 and result.stdout == ""


def test_colour_is_a_separate_pass_over_the_plain_diff():
    plain = unified_diff("a.txt", "one\r\ntwo\r\n", "one\r\nTWO\r\n")
    assert plain == "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n one\r\n-two\r\n+TWO\r\n"
    coloured = colorize(plain)
    assert "\x1b[31m-two\x1b[0m\r\n" in coloured and "\x1b[32m+TWO\x1b[0m\r\n" in coloured
    import re

    assert re.sub(r"\x1b\[\d+m", "", coloured) == plain


def test_fix_reads_standard_input_and_prints_the_fixed_text():
    result = run("fix", *PINNED, "-", input=SAMPLE)
    assert result.exit_code == 1
    assert result.stdout == SAMPLE_SAFE
    assert "3 fixed" in result.stderr


def test_a_missing_path_is_an_error_but_other_files_are_fixed(tmp_path):
    path = write(tmp_path, SAMPLE.encode())
    result = run("fix", *PINNED, str(tmp_path / "missing.txt"), str(path))
    assert result.exit_code == 2
    assert "missing.txt" in result.stderr
    assert path.read_text(encoding="utf-8") == SAMPLE_SAFE


def test_fix_and_report_follow_the_configuration_file(tmp_path):
    config = tmp_path / ".mtreview.toml"
    config.write_text('ignore = ["golden/number-without-separators"]\n', encoding="utf-8")
    path = write(tmp_path, SAMPLE.encode())
    assert run("fix", *PINNED, "--config", str(config), str(path)).exit_code == 1
    assert path.read_text(encoding="utf-8") == SAMPLE_SAFE.replace("10,000", "10000").replace("16,000", "16000")
    page = run("report", *PINNED, "--config", str(config), "-o", "-", str(path)).stdout
    assert "golden/doubled-word" not in page  # already fixed
    assert "golden/number-without-separators" not in page and "golden/capital-after-semicolon" in page


def test_edits_that_do_not_converge_write_nothing_and_name_the_rules(tmp_path):
    pack = tmp_path / "rules" / "flip.yaml"
    pack.parent.mkdir()
    pack.write_text(yaml.safe_dump({"pack": "flip", "description": "Two rules that undo each other.", "rules": [
        {"id": "colour-to-color", "kind": "pattern", "severity": "minor", "category": "style",
         "applicability": "safe", "message": "US spelling.", "pattern": r"\bcolour\b", "replacement": "color"},
        {"id": "color-to-colour", "kind": "pattern", "severity": "minor", "category": "style",
         "applicability": "safe", "message": "UK spelling.", "pattern": r"\bcolor\b", "replacement": "colour"},
    ]}), encoding="utf-8")
    path = write(tmp_path, b"The colour of the flag.\n")
    for args in ((), ("--diff",)):
        result = run("fix", "--no-builtin", "--rules", str(pack.parent), *args, str(path))
        assert result.exit_code == 2
        assert "did not converge" in result.stderr
        assert "flip/color-to-colour, flip/colour-to-color" in result.stderr
        assert result.stdout.count("---") == 0
        assert path.read_bytes() == b"The colour of the flag.\n"


# --- "Done when": the figures of the issue, on the shipped packs -------------------------------

@pytest.fixture(scope="module")
def shipped():
    return Reviewer.from_config(Config())


def _changed_regions(before: str, after: str):
    """Spans of `before` that a fix replaced or deleted, and points where it inserted text."""
    import difflib

    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [(i1, i2, after[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def test_safe_fix_of_the_seed_changes_only_what_the_gold_annotation_marks(shipped):
    text = SEED.read_text(encoding="utf-8")
    annotation = yaml.safe_load(SEED.with_suffix(".yaml").read_text(encoding="utf-8"))
    golds, problems = gold_occurrences(text, annotation["artefacts"])
    assert not problems

    def marked(start, end):
        # inside a gold quote; white space between or next to gold quotes (a deleted line's break) too
        covered = [(g.start, g.end) for g in golds]
        return all(any(s <= i < e for s, e in covered) or (text[i].isspace() and any(
            s <= i + 1 and i <= e for s, e in covered)) for i in range(start, end)) if end > start else any(
            s <= start <= e for s, e in covered)

    first_pass = select_edits(applicable(shipped.review(text).findings, unsafe=False))
    assert first_pass, "the seed has safe edits"
    for finding, edit in first_pass:
        assert marked(edit.start, edit.end), (finding.rule, text[edit.start:edit.end])
    fixed = fix_text(shipped, text).text
    for start, end, inserted in _changed_regions(text, fixed):
        assert marked(start, end), (text[max(0, start - 30):end + 30], inserted)


def test_after_fix_no_safe_edit_is_left_on_any_corpus_article_and_a_second_fix_is_clean(tmp_path):
    articles = sorted((ROOT / "corpus").glob("*.txt"))
    assert articles
    for article in articles:
        shutil.copy(article, tmp_path / article.name)
    first = run("fix", str(tmp_path))
    assert first.exit_code in (0, 1), first.output
    check = run("check", "--format", "json", "--fail-on", "critical", str(tmp_path))
    assert check.exit_code in (0, 1), check.output
    import json

    for file in json.loads(check.stdout)["files"]:
        safe = [f["rule"] for f in file["findings"] if any(e["applicability"] == "safe" for e in f["edits"])]
        assert safe == [], (file["path"], safe)
    second = run("fix", str(tmp_path))
    assert second.exit_code == 0, second.output
    assert "Fixing" not in second.stdout


def test_fix_edits_only_what_check_reports_in_markdown(tmp_path):
    """Code blocks, inline code and suppressed lines are not prose to `check`, so `fix` leaves them."""
    from click.testing import CliRunner

    from mtreview.cli import main

    path = tmp_path / "notes.md"
    text = ("Over 10000 people came.\n\n"
            "```\ncount = 10000  # a a\n```\n\n"
            "Use `the the` here.\n\n"
            "<!-- mtreview-disable-next-line core/number-without-separators -->\n"
            "Order 20000 was kept.\n")
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", str(path)])
    assert result.exit_code == 1, result.output
    assert path.read_text(encoding="utf-8") == text.replace("Over 10000", "Over 10,000")


def test_fix_refuses_record_formats(tmp_path):
    from click.testing import CliRunner

    from mtreview.cli import main

    path = tmp_path / "c.jsonl"
    content = '{"text": "Over 10000 people came."}\n'
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", str(path)])
    assert result.exit_code == 2
    assert "jsonl files are reviewed with `mtreview check`" in result.output
    assert path.read_text(encoding="utf-8") == content
