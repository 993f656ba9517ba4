"""Golden files for every output format, on a small input and on the seed article.

The outputs are produced through the command line, from the repository root with relative paths
and the frozen pack in tests/golden/rules, so that they hold no absolute path, time or colour and
change only when a report changes. After an intended change, regenerate them with
`MTREVIEW_UPDATE_GOLDEN=1 python -m pytest tests/test_reports_golden.py` and review the diff."""
import os

import pytest
from click.testing import CliRunner

from mtreview.cli import main

from conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
PINNED = ["--no-builtin", "--rules", "tests/golden/rules"]
INPUTS = {"small": "tests/golden/small.txt", "seed": "corpus/belt-and-road-80-countries.txt"}
OUTPUTS = {
    "check.txt": (["check", "--fail-on", "critical"], 0),
    "check.json": (["check", "--format", "json", "--fail-on", "critical"], 0),
    "fix.diff": (["fix", "--diff"], 1),
    "unsafe-fix.diff": (["fix", "--diff", "--unsafe-fixes"], 1),
    "report.html": (["report", "-o", "-"], 0),
}
UPDATE = os.environ.get("MTREVIEW_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("name", INPUTS)
def test_output_matches_golden_file(monkeypatch, name, output):
    monkeypatch.chdir(ROOT)
    args, exit_code = OUTPUTS[output]
    result = CliRunner().invoke(main, [*args, *PINNED, INPUTS[name]])
    assert result.exit_code == exit_code, result.output
    produced = result.stdout_bytes
    assert str(ROOT).encode() not in produced and b"\x1b[" not in produced
    golden = GOLDEN / f"{name}.{output}"
    if UPDATE:
        golden.write_bytes(produced)
    assert golden.exists(), f"missing {golden.name}: run with MTREVIEW_UPDATE_GOLDEN=1"
    assert produced.decode("utf-8") == golden.read_bytes().decode("utf-8"), (
        f"{golden.name} differs; if the change is intended, regenerate with MTREVIEW_UPDATE_GOLDEN=1")


def test_outputs_are_deterministic(monkeypatch):
    monkeypatch.chdir(ROOT)
    runs = [CliRunner().invoke(main, ["report", "-o", "-", *PINNED, INPUTS["small"]]).stdout for _ in range(2)]
    assert runs[0] == runs[1]


def test_small_golden_shows_the_markup_of_the_input_as_text():
    page = (GOLDEN / "small.report.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "&lt;b&gt;in&lt;/b&gt; Beijing &amp; Shanghai" in page
