"""The command line through click's runner, and once through a real subprocess."""
import json
import subprocess
import sys

from click.testing import CliRunner

from mtreview.cli import main

from conftest import SEED


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_check_seed_prints_findings_and_fails(tmp_path):
    result = run("check", str(SEED))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(":7:1: core/page-credit-line [major]" in line for line in lines)
    assert any("core/number-without-separators [minor] '10000' has no thousands separators" in l
               and "(-> '10,000')" in l for l in lines)
    summary = next(l for l in lines if l.startswith(f"{SEED}: "))
    assert "quality" in summary and "fixable with `mtreview fix`" in summary
    assert lines[-1].startswith("signature: mtreview:")


def test_clean_text_exits_zero(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("The central bank held its key rate at 3.45 percent on Monday.\n", encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 0, result.output
    assert "no findings" in result.output


def test_fail_on_threshold(tmp_path):
    path = tmp_path / "minor.txt"
    path.write_text("Over 10000 people came.\n", encoding="utf-8")
    assert run("check", str(path)).exit_code == 0
    assert run("check", "--fail-on", "minor", str(path)).exit_code == 1
    assert run("check", "--fail-under", "99.9", str(path)).exit_code == 1


def test_select_and_ignore_by_prefix(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Over 10000 people came to the the fair.\n", encoding="utf-8")
    selected = json.loads(run("check", "--format", "json", "--select", "core/number", str(path)).output)
    assert {f["rule"] for f in selected["files"][0]["findings"]} == {"core/number-without-separators"}
    ignored = json.loads(run("check", "--format", "json", "--ignore", "core/number-without-separators", str(path)).output)
    assert {f["rule"] for f in ignored["files"][0]["findings"]} == {"core/doubled-word"}


def test_json_schema_fields(tmp_path):
    path = tmp_path / "a.txt"
    text = "\ufeffOver 10000 people came.\r\n"
    path.write_bytes(text.encode("utf-8"))
    payload = json.loads(run("check", "--format", "json", str(path)).output)
    assert payload["schema_version"] == 1
    file = payload["files"][0]
    finding = file["findings"][0]
    assert set(finding) >= {"rule", "start", "end", "line", "column", "severity", "category", "message", "edits"}
    decoded = text[1:]  # BOM stripped, newlines untranslated
    assert decoded[finding["start"]:finding["end"]] == "10000"
    assert finding["edits"] == [{"start": 5, "end": 10, "replacement": "10,000", "applicability": "safe"}]
    assert file["score"] == {"penalty": 1.0, "words": 4, "quality": 75.0}
    assert file["sentences"] == [{"start": 0, "end": 23, "penalty": 1.0, "edit_rate": 25.0}]


def test_stdin(tmp_path):
    result = run("check", "-", input="Over 10000 people came.\n")
    assert "<stdin>:1:6: core/number-without-separators" in result.output


def test_bad_inputs_are_one_line_errors_and_other_files_still_checked(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Over 10000 people came.\n", encoding="utf-8")
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"abc\x00\x01\x02")
    latin = tmp_path / "l.txt"
    latin.write_bytes("café crème".encode("latin-1"))
    empty = tmp_path / "e.txt"
    empty.write_text("", encoding="utf-8")
    nothing = tmp_path / "emptydir"
    nothing.mkdir()
    result = run("check", str(tmp_path / "missing.txt"), str(binary), str(latin), str(nothing), str(empty), str(good))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    errors = [l for l in result.output.splitlines() if l.startswith("error: ")]
    assert any("missing.txt: no such file or directory" in l for l in errors)
    assert any("b.txt: binary file" in l for l in errors)
    assert any("l.txt: not valid utf-8" in l and "--encoding" in l for l in errors)
    assert any("emptydir: directory holds no text files" in l for l in errors)
    assert f"{good}:1:6: core/number-without-separators" in result.output
    assert f"{empty}: 0 findings (no findings)" in result.output


def test_encoding_option_reads_latin1(tmp_path):
    latin = tmp_path / "l.txt"
    latin.write_bytes("Over 10000 cafés opened.".encode("latin-1"))
    result = run("check", "--encoding", "latin-1", str(latin))
    assert "core/number-without-separators" in result.output and result.exit_code == 0


def test_broken_pack_is_a_one_line_error(tmp_path):
    packs = tmp_path / "team"
    packs.mkdir()
    (packs / "x.yaml").write_text(
        "pack: team\nrules:\n  - id: broken\n    kind: pattern\n    severity: minor\n"
        "    category: style\n    message: m\n    pattern: '[a-'\n", encoding="utf-8")
    result = run("check", "--rules", str(packs), str(SEED))
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"error: {packs / 'x.yaml'}: rule 'team/broken': field 'pattern': bad regular expression: "
        + result.output.split("bad regular expression: ")[1].strip()]


def test_team_pack_adds_rules(tmp_path):
    packs = tmp_path / "team"
    packs.mkdir()
    (packs / "house.yaml").write_text(
        "pack: house\nrules:\n  - id: utilise\n    kind: pattern\n    severity: major\n"
        "    category: style\n    message: Write use.\n    pattern: '\\butilise\\b'\n    replacement: use\n"
        "    examples: {bad: ['We [[utilise]] it.'], good: ['We use it.']}\n", encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text("We utilise it.\n", encoding="utf-8")
    result = run("check", "--rules", str(packs), str(path))
    assert "house/utilise [major] Write use." in result.output and result.exit_code == 1
    assert run("rules", "test", str(packs)).output.strip() == "2 passed, 0 failed (1 rules)"


def test_rules_list_show_and_test():
    listing = run("rules", "list", "--pack", "core")
    assert "core/doubled-word" in listing.output and "rules (" in listing.output.splitlines()[-1]
    shown = run("rules", "show", "core/doubled-word")
    assert shown.exit_code == 0
    for heading in ("What it finds:", "Why it matters:", "Example:", "Use instead:", "Fix safety:"):
        assert heading in shown.output
    assert run("rules", "show", "core/nope").exit_code == 2
    tested = run("rules", "test")
    assert tested.exit_code == 0, tested.output
    assert tested.output.strip().endswith("rules)") and " 0 failed" in tested.output


def test_real_subprocess_exit_code_and_output():
    completed = subprocess.run([sys.executable, "-m", "mtreview", "check", str(SEED)],
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 1
    assert "core/page-navigation [major] Page navigation scraped with the article: 'Return to list'." in completed.stdout
    assert completed.stderr == ""
