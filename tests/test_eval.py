"""`mtreview eval`: recall, precision and groups against a small annotated corpus built here."""
import json

from click.testing import CliRunner

from mtreview.cli import main

DEV_TEXT = "Over 10000 people came. The the river rose.\n"
DEV_GOLD = """source: test
artefacts:
  - {quote: '10000', kind: number_format, fix: '10,000'}
  - {quote: 'The the', kind: duplicated_word, fix: 'The'}
  - {quote: 'rose', kind: grammar, fix: 'rises'}
"""
HELD_TEXT = "A total of 25000 tons arrived. The harvest was good.\n"
HELD_GOLD = """source: test
artefacts:
  - {quote: '25000', kind: number_format, fix: '25,000'}
  - {quote: 'was good', kind: calque, fix: 'was a good one'}
"""
CLEAN_TEXT = "The central bank held its key rate at 3.45 percent on Monday.\n"


def corpus(tmp_path):
    (tmp_path / "dev.txt").write_text(DEV_TEXT, encoding="utf-8")
    (tmp_path / "dev.yaml").write_text(DEV_GOLD, encoding="utf-8")
    (tmp_path / "held.txt").write_text(HELD_TEXT, encoding="utf-8")
    (tmp_path / "held.yaml").write_text(HELD_GOLD, encoding="utf-8")
    (tmp_path / "clean-bank.txt").write_text(CLEAN_TEXT, encoding="utf-8")
    (tmp_path / "clean-bank.yaml").write_text("source: test\nartefacts: []\n", encoding="utf-8")
    (tmp_path / "HOLDOUT").write_text("# held out\nheld\n", encoding="utf-8")
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, ["eval", *args])


def test_eval_json_counts_recall_per_group_and_kind(tmp_path):
    result = run(str(corpus(tmp_path)), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["groups"]["development"]["gold"] == 3
    assert report["groups"]["development"]["recall"] == round(2 / 3, 4)       # the grammar artefact is missed
    assert report["groups"]["holdout"]["gold"] == 2
    assert report["groups"]["holdout"]["recall"] == 1 / 2
    assert report["overall"]["gold"] == 5
    assert report["by_kind_groups"]["holdout"]["number_format"]["recall"] == 1.0
    assert report["by_kind_groups"]["development"]["grammar"]["recall"] == 0.0
    assert report["files"]["held"]["holdout"] is True
    assert report["clean"]["files"] == 1 and report["clean"]["findings"] == {}


def test_eval_text_has_group_columns_and_hides_held_out_misses(tmp_path):
    result = run(str(corpus(tmp_path)), "-v")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header = next(line for line in lines if line.startswith("kind"))
    assert "development" in header and "holdout" in header
    assert any(line.startswith("missed dev: grammar: 'rose'") for line in lines)
    assert not any(line.startswith("missed held") for line in lines)
    shown = run(str(tmp_path), "-v", "--show-held-out").output.splitlines()
    assert any(line.startswith("missed held: calque: 'was good'") for line in shown)
