"""sacrebleu figures: parity with sacrebleu's own command line, HTER by hand, the per-sentence
edit rate in `check --format json`."""
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from mtreview.cli import main
from mtreview.metrics import edit_rate, hter, read_lines, sentence_edit_rates
from mtreview.reviewer import review

HYPOTHESES = [
    "The Belt and Road Initiative has been joined by more than 80 countries.",
    "Xinhua News Agency reported the news on Monday .",
    "In terms of jointly building, the two sides signed 5 agreements.",
    "The the weather was fine, and crowds gathered at the square.",
]
REFERENCES_A = [
    "More than 80 countries have joined the Belt and Road Initiative.",
    "Xinhua News Agency reported the news on Monday.",
    "On joint construction, the two sides signed five agreements.",
    "The weather was fine and crowds gathered in the square.",
]
REFERENCES_B = [
    "Over 80 countries have signed up to the Belt and Road Initiative.",
    "The news was reported by Xinhua on Monday.",
    "The two sides signed five agreements on joint construction.",
    "It was a fine day, and crowds gathered in the square.",
]


def _write(tmp_path, name, lines):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _sacrebleu_cli(refs, hyp, *options):
    command = [sys.executable, "-m", "sacrebleu", *refs, "-i", hyp, "-f", "json", "-w", "4", *options]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    return data if isinstance(data, list) else [data]


@pytest.mark.parametrize("nrefs", [1, 2])
def test_corpus_figures_equal_the_sacrebleu_command_line(tmp_path, nrefs):
    hyp = _write(tmp_path, "hyp.txt", HYPOTHESES)
    refs = [_write(tmp_path, "a.txt", REFERENCES_A), _write(tmp_path, "b.txt", REFERENCES_B)][:nrefs]
    expected = _sacrebleu_cli(refs, hyp, "-m", "bleu", "chrf", "ter")
    expected += _sacrebleu_cli(refs, hyp, "-m", "chrf", "--chrf-word-order", "2")

    args = ["score", hyp, "--format", "json"] + [a for r in refs for a in ("--ref", r)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    ours = json.loads(result.output)["corpus"]

    assert [s["name"] for s in ours] == ["BLEU", "chrF2", "chrF2++", "TER"]
    by_name = {s["name"]: s for s in expected}
    for score in ours:
        assert score["score"] == pytest.approx(by_name[score["name"]]["score"], abs=1e-4), score["name"]
        assert score["signature"] == by_name[score["name"]]["signature"]
    assert f"nrefs:{nrefs}" in ours[0]["signature"]


def test_text_output_and_sentence_table(tmp_path):
    hyp = _write(tmp_path, "hyp.txt", HYPOTHESES)
    ref = _write(tmp_path, "ref.txt", HYPOTHESES)
    result = CliRunner().invoke(main, ["score", hyp, "--ref", ref, "--sentences"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("BLEU") and "100.00" in lines[0] and "tok:13a" in lines[0]
    assert lines[3].startswith("TER") and "0.00" in lines[3]
    assert lines[5].split() == ["line", "BLEU", "chrF2", "chrF2++", "TER"]
    assert len(lines) == 6 + len(HYPOTHESES)


@pytest.mark.parametrize("machine, post_edited, expected", [
    ("the cat sat on mat", "the cat sat on the mat", 100 / 6),   # one insertion, 6 words
    ("The cat", "the cat", 50.0),                                # case counts: one substitution
    ("a b c d", "c d a b", 25.0),                                # one block shift
    ("same words here", "same words here", 0.0),
    ("Return to list", "", 100.0),                               # everything deleted
])
def test_hter_of_hand_computed_sentences(machine, post_edited, expected):
    assert edit_rate(machine, post_edited) == pytest.approx(expected)
    assert hter([machine], [post_edited]).score == pytest.approx(expected)


def test_corpus_hter_sums_edits_over_post_edit_words(tmp_path):
    # 1 insertion (6 PE words) + 1 case substitution (2 PE words) = 2 / 8
    mt = _write(tmp_path, "mt.txt", ["The cat sat on mat", "The dog"])
    pe = _write(tmp_path, "pe.txt", ["The cat sat on the mat", "the dog"])
    result = CliRunner().invoke(main, ["score", mt, "--post-edited", pe, "--sentences", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["corpus"][0]["name"] == "HTER"
    assert data["corpus"][0]["score"] == pytest.approx(25.0)
    assert "case:mixed" in data["corpus"][0]["signature"]
    assert [row["HTER"] for row in data["sentences"]] == [pytest.approx(16.6667), 50.0]


def test_misaligned_files_and_missing_reference_are_usage_errors(tmp_path):
    hyp = _write(tmp_path, "hyp.txt", HYPOTHESES)
    short = _write(tmp_path, "short.txt", REFERENCES_A[:2])
    result = CliRunner().invoke(main, ["score", hyp, "--ref", short])
    assert result.exit_code == 2 and "has 2 lines" in result.output
    assert CliRunner().invoke(main, ["score", hyp]).exit_code == 2
    result = CliRunner().invoke(main, ["score", str(tmp_path / "missing.txt"), "--ref", hyp])
    assert result.exit_code == 2 and "no such file" in result.output


def test_read_lines_matches_sacrebleu_reading():
    assert read_lines("a \nb\r\n\nc") == ["a", "b", "", "c"]
    assert read_lines("a\n") == ["a"]


def test_edit_rate_per_sentence_follows_the_fixes():
    text = "They met in in Beijing on Monday. The weather was fine."
    result = review(text)
    rates = sentence_edit_rates(result)
    assert len(rates) == len(result.sentences) == 2
    assert rates == [pytest.approx(100 / 6), 0.0]   # one deletion against 6 words


def test_check_json_has_edit_rate_per_sentence(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Over 10000 people came.\nThe weather was fine.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    sentences = json.loads(result.output)["files"][0]["sentences"]
    # "10000" -> "10,000" is one substitution among four words
    assert [s["edit_rate"] for s in sentences] == [25.0, 0.0]


def test_text_review_does_not_import_sacrebleu():
    code = ("import sys; from mtreview import review; review('Over 10000 people came.'); "
            "print('sacrebleu' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_jsonl_and_tsv_segments_score_like_text_lines(tmp_path):
    hyp = _write(tmp_path, "hyp.txt", HYPOTHESES)
    ref = _write(tmp_path, "ref.txt", REFERENCES_A)
    jsonl = tmp_path / "hyp.jsonl"
    jsonl.write_text("".join(json.dumps({"id": i, "mt": {"en": h}}) + "\n" for i, h in enumerate(HYPOTHESES)),
                     encoding="utf-8")
    tsv = tmp_path / "ref.tsv"
    tsv.write_text("zh\ten\n" + "".join(f"源\t{r}\n" for r in REFERENCES_A), encoding="utf-8")
    plain = json.loads(CliRunner().invoke(main, ["score", hyp, "--ref", ref, "--format", "json"]).output)
    result = CliRunner().invoke(main, ["score", str(jsonl), "--ref", str(tsv), "--format", "json",
                                       "--text-field", "mt.en", "--target-column", "en"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["corpus"] == plain["corpus"]
