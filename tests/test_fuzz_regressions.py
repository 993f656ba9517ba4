"""Every input the atheris fuzzer (bench/fuzz_review.py) found a problem with, replayed through the
same pipeline check: decode -> review -> fix -> text, JSON, SARIF, HTML and diff reports, with
the fuzzer's invariants, in bounded time. The inputs live in tests/data/fuzz/."""
import importlib.util
import time

import pytest
from click.testing import CliRunner

from mtreview.cli import main

from conftest import ROOT

FUZZ_INPUTS = sorted((ROOT / "tests" / "data" / "fuzz").glob("*.bin"))
SECONDS_PER_INPUT = 10


def load_target():
    spec = importlib.util.spec_from_file_location("fuzz_review", ROOT / "bench" / "fuzz_review.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def target():
    return load_target()


@pytest.mark.parametrize("path", FUZZ_INPUTS, ids=[p.name for p in FUZZ_INPUTS])
def test_fuzz_input_passes_the_pipeline_in_bounded_time(target, path):
    started = time.monotonic()
    target.one_input(path.read_bytes())
    assert time.monotonic() - started < SECONDS_PER_INPUT


def test_report_context_of_a_finding_after_a_long_unbroken_line(tmp_path):
    """Found by the fuzzer: the report's few-words-of-context pattern backtracked without bound
    when a finding began a line after a long run of non-space characters (~40 s for 200)."""
    article = tmp_path / "a.txt"
    article.write_text("x" * 200 + "\nThe the cat sat 10000 times.\n", encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(main, ["report", "-o", str(tmp_path / "r.html"), str(article)])
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started < SECONDS_PER_INPUT


def test_one_input_rejects_nothing_but_undecodable_bytes(target):
    """The target itself: bad bytes are an InputError (skipped), everything else is reviewed."""
    target.one_input(b"")
    target.one_input(b"\x00\xff\xfe\xfd")              # not UTF-8: skipped, not a crash
    target.one_input("\x00The the cat: 10000 \U0001F469\u200d\U0001F4BB.\r\n".encode())
