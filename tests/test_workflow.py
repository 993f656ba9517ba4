"""Suppressions, baseline, SARIF and GitHub output, through the command line."""
import json

import pytest
from click.testing import CliRunner

from mtreview.cli import main
from mtreview.suppressions import parse

from conftest import ROOT, SEED

BAD = "Over 10000 people came to the the fair."


def run(*args):
    return CliRunner().invoke(main, list(args))


def rules_of(output):
    return [(f["rule"], f["line"]) for f in json.loads(output)["files"][0]["findings"]]


def test_jsonl_cli_prints_path_record_column(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "Fine."}) + "\n" + json.dumps({"text": BAD}) + "\n", encoding="utf-8")
    result = run("check", "--text-field", "text", "--fail-on", "minor", str(path))
    assert result.exit_code == 1, result.output
    assert f"{path}:2:27: core/doubled-word [minor]" in result.output
    assert f"{path}:2: 2 findings" in result.output


# Suppressions

def test_disable_region_and_next_line(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        f"{BAD}\n\n<!-- mtreview-disable core/doubled-word -->\n{BAD}\n<!-- mtreview-enable -->\n\n"
        f"<!-- mtreview-disable-next-line core -->\n{BAD}\n{BAD}\n", encoding="utf-8")
    result = run("check", "--format", "json", str(path))
    assert rules_of(result.output) == [
        ("core/number-without-separators", 1), ("core/doubled-word", 1),
        ("core/number-without-separators", 4),
        ("core/number-without-separators", 9), ("core/doubled-word", 9)]


def test_unused_suppressions_are_reported_only_when_asked(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"<!-- mtreview-disable-next-line zh-en -->\n{BAD}\n"
                    f"<!-- mtreview-disable core/doubled-word -->\n{BAD}\n", encoding="utf-8")
    plain = run("check", "--fail-on", "critical", str(path))
    assert plain.exit_code == 0 and "unused-suppression" not in plain.output
    strict = run("check", "--fail-on", "critical", "--report-unused-suppressions", str(path))
    assert strict.exit_code == 1
    assert f"{path}:1:1: mtreview/unused-suppression [neutral] Unused suppression: no finding of zh-en" in strict.output
    assert ":3:1: mtreview/unused-suppression" not in strict.output   # that one was used


def test_suppression_spans():
    text = "a\n<!-- mtreview-disable x, y -->b\n<!-- mtreview-enable -->\n<!-- mtreview-disable -->c"
    first, second = parse(text)
    assert first.rules == ("x", "y") and text[first.start:first.end] == "b\n"
    assert second.rules == () and text[second.start:] == "c" and second.end == len(text)


# Baseline

def test_baseline_reports_only_new_findings_after_lines_are_inserted(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    baseline = tmp_path / "mtreview-baseline.json"
    written = run("check", "--write-baseline", str(baseline), str(article))
    assert written.exit_code == 0 and baseline.exists()
    recorded = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert recorded and all(entry["path"] == "article.txt" for entry in recorded)
    assert run("check", "--baseline", str(baseline), str(article)).exit_code == 0

    article.write_text("Editor's note: updated.\n\n\n" + article.read_text(encoding="utf-8"), encoding="utf-8")
    unchanged = run("check", "--format", "json", "--baseline", str(baseline), str(article))
    assert unchanged.exit_code == 0 and rules_of(unchanged.output) == []

    article.write_text(article.read_text(encoding="utf-8") + "\nThe the fair drew crowds.\n", encoding="utf-8")
    new = run("check", "--format", "json", "--fail-on", "minor", "--baseline", str(baseline), str(article))
    assert new.exit_code == 1
    assert [rule for rule, _ in rules_of(new.output)] == ["core/doubled-word"]


def test_baseline_counts_occurrences(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(f"{BAD}\n", encoding="utf-8")
    baseline = tmp_path / "base.json"
    run("check", "--write-baseline", str(baseline), str(article))
    article.write_text(f"{BAD}\n{BAD}\n", encoding="utf-8")  # the same text once more: that one is new
    result = run("check", "--format", "json", "--baseline", str(baseline), str(article))
    assert rules_of(result.output) == [("core/number-without-separators", 2), ("core/doubled-word", 2)]


def test_bad_baseline_file_is_a_usage_error(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(BAD, encoding="utf-8")
    (tmp_path / "base.json").write_text("[]", encoding="utf-8")
    result = run("check", "--baseline", str(tmp_path / "base.json"), str(article))
    assert result.exit_code == 2 and "not a valid baseline" in result.output


# SARIF and GitHub

@pytest.fixture(scope="module")
def sarif_schema():
    return json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_validates_against_the_official_schema(tmp_path, sarif_schema):
    import jsonschema

    records = tmp_path / "a.jsonl"
    records.write_text(json.dumps({"text": BAD}) + "\n", encoding="utf-8")
    result = run("check", "--format", "sarif", "--text-field", "text", str(SEED), str(records))
    assert result.exit_code == 1
    payload = json.loads(result.output)
    jsonschema.validate(payload, sarif_schema, cls=jsonschema.Draft4Validator)
    run_ = payload["runs"][0]
    assert payload["version"] == "2.1.0" and run_["tool"]["driver"]["name"] == "mtreview"
    rules = {rule["id"]: rule for rule in run_["tool"]["driver"]["rules"]}
    assert rules["core/number-without-separators"]["help"]["text"]
    number = next(r for r in run_["results"] if r["ruleId"] == "core/number-without-separators"
                  and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("countries.txt"))
    region = number["locations"][0]["physicalLocation"]["region"]
    text = SEED.read_text(encoding="utf-8")
    assert text[region["charOffset"]:region["charOffset"] + region["charLength"]] == "10000"
    line = text.splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == "10000"
    [fix] = number["fixes"]
    assert fix["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "10,000"
    record = next(r for r in run_["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(".jsonl"))
    assert record["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert "charOffset" not in record["locations"][0]["physicalLocation"]["region"]


def test_sarif_with_a_file_error_still_validates(tmp_path, sarif_schema):
    import jsonschema

    result = run("check", "--format", "sarif", str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    payload = json.loads(result.output[:result.output.rindex("}") + 1])
    jsonschema.validate(payload, sarif_schema, cls=jsonschema.Draft4Validator)
    assert payload["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_github_annotations(tmp_path):
    path = tmp_path / "a,b.txt"
    path.write_text(f"Title\n{BAD}\n", encoding="utf-8")
    result = run("check", "--format", "github", "--fail-on", "minor", str(path))
    assert result.exit_code == 1
    escaped = str(path).replace(",", "%2C")
    assert result.output.splitlines() == [
        f"::warning file={escaped},line=2,col=6,endLine=2,endColumn=11,title=core/number-without-separators"
        f"::[minor] '10000' has no thousands separators; write 10,000. (-> '10,000')",
        f"::warning file={escaped},line=2,col=27,endLine=2,endColumn=34,title=core/doubled-word"
        f"::[minor] 'the the': the word 'the' is doubled.",
    ]
