"""bench/sentences.py on a hand-made set: an item counts as found only when a finding overlaps its span."""
import importlib.util

from conftest import ROOT

spec = importlib.util.spec_from_file_location("bench_sentences", ROOT / "bench" / "sentences.py")
sentences = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sentences)

ITEMS = """
- {zh: 新华社, mt: 'The New China News Agency reported it.', span: 'New China News Agency', fix: 'Xinhua News Agency', kind: literal_named_entity}
- {zh: 一万人, mt: 'Over 10000 people came.', span: 'people came', fix: 'people attended', kind: calque}
"""


def test_counts_overlapping_findings_per_kind(tmp_path, capsys):
    (tmp_path / "test-tiny.yaml").write_text(ITEMS, encoding="utf-8")
    assert sentences.main([str(tmp_path), "--missed", "tiny"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("| test-tiny"))
    assert "| 2 | 0.50 | 0/1 | 1/1 | — |" in row        # calque missed, name found, no grammar item
    assert "missed calque: 'people came'" in out
    assert "| **all test** | 2 | **0.50** |" in out
