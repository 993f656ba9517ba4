"""--jobs and --dask-scheduler: the same results, in the same order, as one process."""
from __future__ import annotations

import io
import json
import pickle
import shutil
from pathlib import Path

import pytest

import mtreview
from mtreview import parallel
from mtreview.formats import ReadOptions
from mtreview.reviewer import Reviewer
from mtreview.runner import iter_results, review_paths

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="module")
def reviewer():
    return Reviewer.from_config()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    """Articles, a JSONL file of several records, a missing path, a binary file and an empty file:
    errors must keep their place in the order too."""
    folder = tmp_path_factory.mktemp("inputs")
    articles = sorted(CORPUS.glob("*.txt"))
    for article in articles:
        shutil.copy(article, folder / article.name)
    with (folder / "records.jsonl").open("w", encoding="utf-8") as handle:
        for index, article in enumerate(articles[:5]):
            handle.write(json.dumps({"id": index, "body": {"text": article.read_text(encoding="utf-8")}}) + "\n")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (folder / "empty.txt").write_text("")
    return [str(folder / "m-first.txt"), str(folder), str(folder / "records.jsonl"), str(CORPUS / "missing.txt")]


@pytest.fixture(autouse=True)
def pool_even_for_small_runs(monkeypatch):
    monkeypatch.setattr(parallel, "POOL_MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "BATCH_UNITS", 3)  # many batches: order is really tested


def options():
    return ReadOptions(text_field="body.text")


def test_two_processes_give_the_results_of_one_in_the_same_order(reviewer, inputs):
    one = review_paths(reviewer, inputs, options=options(), jobs=1)
    two = review_paths(reviewer, inputs, options=options(), jobs=2)
    assert [r.location for r in one] == [r.location for r in two]
    assert one == two
    assert sum(1 for r in one if r.error) == 3  # missing, binary and the first path (absent)
    assert sum(1 for r in one if r.record is not None) == 10  # walked, then named
    assert sum(len(r.review.findings) for r in one if r.review) > 50


def test_results_stream_one_at_a_time(reviewer, inputs):
    stream = iter_results(reviewer, inputs, options=options(), jobs=2)
    first = next(stream)
    assert first.error  # the absent first path comes first, before the pool has finished
    stream.close()  # stopping early shuts the pool down


def test_the_cli_prints_the_same_bytes_with_two_jobs(tmp_path):
    from click.testing import CliRunner

    from mtreview.cli import main

    runner = CliRunner()
    outputs = {}
    for output_format in ("text", "json"):
        for jobs in ("1", "2"):
            result = runner.invoke(main, ["check", str(CORPUS), "--format", output_format, "--jobs", jobs])
            assert result.exit_code == 1, result.output
            outputs[output_format, jobs] = result.stdout
        assert outputs[output_format, "1"] == outputs[output_format, "2"]


def test_review_and_its_records_pickle(reviewer, seed_text):
    import cloudpickle

    result = mtreview.review(seed_text)
    assert pickle.loads(pickle.dumps(result)) == result
    assert all(pickle.loads(pickle.dumps(f)) == f for f in result.findings)
    assert pickle.loads(pickle.dumps(mtreview.review)) is mtreview.review
    copy = pickle.loads(cloudpickle.dumps(reviewer))
    assert copy.review(seed_text) == reviewer.review(seed_text)


def test_progress_bar_shows_files_and_rate_on_a_terminal(reviewer, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    results = list(iter_results(reviewer, [str(CORPUS)], jobs=1, progress=True))
    files = len(results)
    assert files > parallel.PROGRESS_MIN_FILES
    shown = screen.getvalue()
    assert f"{files}/{files} files" in shown
    assert "B/s" in shown


def test_no_progress_bar_off_a_terminal_or_for_a_few_files(reviewer, monkeypatch, capsys):
    list(iter_results(reviewer, [str(CORPUS)], jobs=1, progress=True))  # stderr is captured: no tty
    assert capsys.readouterr().err == ""


def test_dask_local_cluster_gives_the_results_of_one_process(reviewer, inputs):
    pytest.importorskip("dask.distributed")
    one = review_paths(reviewer, inputs, options=options(), jobs=1)
    on_dask = review_paths(reviewer, inputs, options=options(), jobs=2, scheduler="local")
    assert one == on_dask


def test_an_unreachable_scheduler_is_a_clear_error(reviewer, monkeypatch):
    pytest.importorskip("dask.distributed")
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(parallel.SchedulerError, match="cannot reach the Dask scheduler"):
        list(iter_results(reviewer, [str(CORPUS)], scheduler="tcp://127.0.0.1:9"))
