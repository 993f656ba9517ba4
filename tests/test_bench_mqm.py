"""bench/mqm.py on a tiny hand-made MQM set: spans, precision, false alarms, correlations."""
import importlib.util
import sys

import pytest

from conftest import ROOT

spec = importlib.util.spec_from_file_location("bench_mqm", ROOT / "bench" / "mqm.py")
mqm = importlib.util.module_from_spec(spec)
sys.modules["bench_mqm"] = mqm   # dataclasses look their module up by name
spec.loader.exec_module(mqm)

SEGMENT_COLUMNS = ["year", "system", "doc", "seg_id", "source", "target", "mqm_score", "n_major",
                   "n_minor", "is_human", "testset", "domain", "n_raters", "score_origin"]
ERROR_COLUMNS = ["year", "system", "doc", "seg_id", "rater", "category", "severity", "weight",
                 "span_side", "start", "end", "text", "testset"]

# (system, seg_id, target, mqm); "in in" is flagged by core/doubled-word
ROWS = [
    ("A", "1", "They met in in Beijing on Monday.", 6.0),
    ("A", "2", "The talks were useful.", 0.0),
    ("A", "3", "Prices rose by by 5 percent.", 5.0),
    ("B", "1", "They met in Beijing on Monday.", 1.0),
    ("B", "2", "The talks were were useful.", 1.0),
    ("B", "3", "Prices rose by 5 percent.", 0.0),
    ("C", "1", "They met at Beijing on Monday.", 5.0),
    ("C", "2", "Talks useful.", 5.0),
    ("C", "3", "Prices rose 5 percent.", 1.0),
    ("ref", "1", "They met in Beijing on Monday.", 0.0),
    ("ref", "2", "The talks were useful.", 0.0),
    ("ref", "3", "Prices rose by by 5 percent.", 0.0),      # a doubled word in the reference
]
# rater spans: A/1 "in in" is marked; A/3 is marked elsewhere ("Prices"); B/2 is not marked at all
ERRORS = [("A", "1", 9, 14, "in in"), ("A", "3", 0, 6, "Prices")]


@pytest.fixture
def dataset(tmp_path):
    with (tmp_path / "segments.tsv").open("w", encoding="utf-8") as out:
        out.write("\t".join(SEGMENT_COLUMNS) + "\n")
        for system, seg, target, score in ROWS:
            human = "1" if system == "ref" else "0"
            out.write("\t".join(["2021", system, "d1", seg, "源", target, str(score), "", "", human,
                                 "tiny", "news", "1", "computed"]) + "\n")
    with (tmp_path / "errors.tsv").open("w", encoding="utf-8") as out:
        out.write("\t".join(ERROR_COLUMNS) + "\n")
        for system, seg, start, end, text in ERRORS:
            out.write("\t".join(["2021", system, "d1", seg, "r1", "Fluency/Grammar", "Major", "5",
                                 "target", str(start), str(end), text, "tiny"]) + "\n")
    return tmp_path


def test_flag_precision_false_alarms_and_correlations(dataset):
    report = mqm.run(dataset)
    tiny = report["testsets"]["tiny"]
    assert tiny["mt_segments"] == 9 and tiny["human_segments"] == 3
    # three doubled words on MT rows, one of them inside a rater's span
    assert tiny["flag_precision"] == {"findings": 3, "overlapping": 1, "precision": pytest.approx(1 / 3)}
    words = 6 + 4 + 6   # the three reference segments
    assert tiny["false_alarms"] == {"findings": 1, "words": words, "per_1000_words": pytest.approx(1000 / words)}
    tau, r = tiny["segment"]["mtreview"]
    assert -1 <= tau <= 1 and -1 <= r <= 1
    assert set(tiny["segment"]) == {"mtreview", "chrF", "BLEU", "mtreview (same rows)"}
    assert tiny["system"]["systems"] == 3 and "chrF" in tiny["system"]
    assert report["testsets"][mqm.NEWS]["mt_segments"] == 9
    assert report["rules"]["core/doubled-word"]["on_references"] == 1
    assert "| tiny | 9 |" in mqm.render(report)


def test_overlap_counts_touching_spans_only_when_they_share_characters():
    assert mqm.overlaps(("r", 5, 10), [(9, 12)])
    assert not mqm.overlaps(("r", 5, 10), [(10, 12)])
    assert mqm.overlaps(("r", 7, 7), [(5, 10)])        # an insertion point inside a span


def test_missing_files_are_an_error(tmp_path, capsys):
    assert mqm.main([str(tmp_path)]) == 2
    assert "segments.tsv: no such file" in capsys.readouterr().err


def test_references_can_be_limited_to_named_rows(dataset):
    segments = mqm.load(dataset)
    assert mqm.references(segments)[("tiny", "1")] == ["They met in Beijing on Monday."]
    assert mqm.references(segments, only=("refB",)) == {}
    report = mqm.run(dataset, only=("refB",))
    assert "chrF" not in report["testsets"]["tiny"]["segment"]
