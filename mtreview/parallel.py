"""Review many units on several processes, or on a Dask cluster, and give the results back in input
order, so that every output is the same byte for byte as a one-process run.

The parent reads the inputs as a stream (files, JSONL records) and sends batches of units to the
workers; each worker runs the same pure function, `review_batch(reviewer, units)`. At most a few
batches per worker are in flight, so memory stays bounded whatever the corpus size. Dask is used
through its public API only (`Client`, `scatter`, `submit`); a LocalCluster is started for
`local`. A Spark job would map the same function over partitions of units (see the README).
"""
from __future__ import annotations

import os
import pickle
import sys
from collections import deque
from dataclasses import dataclass
from typing import Iterable, Iterator

from .reports import FileResult

BATCH_UNITS = 32            # units per task: enough to make the task overhead negligible
BATCH_CHARS = 128_000       # ... or this much text, whichever comes first
IN_FLIGHT_PER_WORKER = 3    # batches queued per worker: keeps workers busy, memory bounded
POOL_MIN_BYTES = 100_000    # below this much input, starting workers costs more than it saves
PROGRESS_MIN_FILES = 5      # "more than a few files" get a progress bar
CONNECT_TIMEOUT = "10s"     # to reach a remote Dask scheduler


@dataclass(frozen=True)
class Work:
    """One item of the input stream, in order: a unit to review, or a result already known (a
    file that could not be read), and whether it closes a file (for the progress bar)."""

    unit: object = None                 # formats.Unit
    result: FileResult | None = None
    file_bytes: int | None = None       # set on the last item of a file: its size


def review_batch(reviewer, units, report_unused_suppressions: bool = False) -> list[FileResult]:
    """The pure function the workers run: the same reviewer, the same units, the same results."""
    from .runner import review_unit

    return [review_unit(reviewer, unit, report_unused_suppressions) for unit in units]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def run_ordered(reviewer, work: Iterable[Work], *, jobs: int = 1, scheduler: str | None = None,
                total_bytes: int = 0, files: int = 0, progress: bool = False,
                report_unused_suppressions: bool = False) -> Iterator[FileResult]:
    """Results of `work` in input order: in this process, on a process pool, or on Dask."""
    bar = _progress_bar(total_bytes, files) if progress and files > PROGRESS_MIN_FILES else None
    try:
        if scheduler:
            executor = _DaskExecutor(reviewer, scheduler, jobs)
        elif jobs > 1 and total_bytes >= POOL_MIN_BYTES:
            executor = _PoolExecutor(reviewer, jobs)
        else:
            executor = None
        if executor is None:
            stream = _in_process(reviewer, work, report_unused_suppressions)
        else:
            stream = _distributed(executor, work, report_unused_suppressions)
        try:
            for result, file_bytes in stream:
                if result is not None:
                    yield result
                if bar is not None and file_bytes is not None:
                    bar.update(file_bytes)
                    bar.files_done += 1
                    bar.set_description_str(f"{bar.files_done}/{files} files", refresh=False)
        finally:
            if executor is not None:
                executor.close()
    finally:
        if bar is not None:
            bar.refresh()  # the last state, even when it came within mininterval
            bar.close()


def _in_process(reviewer, work, report_unused):
    from .runner import review_unit

    for item in work:
        result = item.result if item.unit is None else review_unit(reviewer, item.unit, report_unused)
        yield result, item.file_bytes


def _distributed(executor, work, report_unused):
    """Batch the stream, keep a bounded window of batches in flight, and yield in input order."""
    window: deque = deque()   # entries: ("task", future, markers) or ("done", [(result, bytes)])
    limit = executor.workers * IN_FLIGHT_PER_WORKER
    batch, markers, chars = [], [], 0

    def flush():
        nonlocal batch, markers, chars
        if batch:
            window.append(("task", executor.submit(batch, report_unused), markers))
        batch, markers, chars = [], [], 0

    def drain(keep: int):
        while len(window) > keep:
            entry = window.popleft()
            if entry[0] == "done":
                yield from entry[1]
                continue
            results = executor.result(entry[1])
            for result, file_bytes in zip(results, entry[2]):
                yield result, file_bytes

    for item in work:
        if item.unit is None:  # an error result: its place in the order is kept
            flush()
            window.append(("done", [(item.result, item.file_bytes)]))
        else:
            batch.append(item.unit)
            markers.append(item.file_bytes)
            chars += len(item.unit.text)
            if len(batch) >= BATCH_UNITS or chars >= BATCH_CHARS:
                flush()
        if len(window) >= limit:
            yield from drain(limit - 1)
    flush()
    yield from drain(0)


class _PoolExecutor:
    """A process pool whose workers each unpickle the reviewer once."""

    def __init__(self, reviewer, jobs: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        import cloudpickle  # the compiled rules are closures: plain pickle cannot carry them

        # fork starts a worker in milliseconds; elsewhere the platform's default (spawn)
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
        self.workers = jobs
        self._pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                                         initargs=(cloudpickle.dumps(reviewer),))

    def submit(self, units, report_unused):
        return self._pool.submit(_review_in_worker, units, report_unused)

    def result(self, future):
        return future.result()

    def close(self):
        self._pool.shutdown(wait=True, cancel_futures=True)


_worker_reviewer = None  # set once per worker process by _init_worker


def _init_worker(reviewer_bytes: bytes) -> None:
    global _worker_reviewer
    _worker_reviewer = pickle.loads(reviewer_bytes)


def _review_in_worker(units, report_unused):
    return review_batch(_worker_reviewer, units, report_unused)


class _DaskExecutor:
    """The same batches as tasks on a Dask cluster: `local` starts a LocalCluster of processes."""

    def __init__(self, reviewer, scheduler: str, jobs: int):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise SchedulerError("--dask-scheduler needs dask.distributed: "
                                 "pip install 'dask[distributed]'") from None
        self._cluster = None
        try:
            if scheduler == "local":
                self._cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1,
                                             processes=True, dashboard_address=None)
                self._client = Client(self._cluster)
            else:
                self._client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            self._close_cluster()
            raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        workers = len(self._client.scheduler_info().get("workers", {}))
        self.workers = max(1, workers)
        # One copy of the reviewer per worker, not one per task.
        self._reviewer = self._client.scatter(reviewer, broadcast=True, hash=False)

    def submit(self, units, report_unused):
        return self._client.submit(review_batch, self._reviewer, units, report_unused, pure=False)

    def result(self, future):
        return future.result()

    def close(self):
        self._client.close()
        self._close_cluster()

    def _close_cluster(self):
        if self._cluster is not None:
            self._cluster.close()


class SchedulerError(Exception):
    """The Dask scheduler cannot be used; the message says why."""


def _progress_bar(total_bytes: int, files: int):
    """Files done, MB/s and ETA on stderr; only on a terminal."""
    if not sys.stderr.isatty():
        return None
    import tqdm as tqdm_module
    from tqdm import tqdm

    tqdm_module.tqdm.monitor_interval = 0  # no monitor thread: the pool may fork after this
    bar = tqdm(total=total_bytes, unit="B", unit_scale=True, unit_divisor=1000, file=sys.stderr,
               desc=f"0/{files} files", leave=False, dynamic_ncols=True, mininterval=0.2)
    bar.files_done = 0
    return bar


def count_bytes(paths: Iterable[str]) -> int:
    total = 0
    for path in paths:
        try:
            total += os.path.getsize(path)
        except OSError:
            pass
    return total


__all__ = ["review_batch", "run_ordered", "default_jobs", "Work", "SchedulerError", "count_bytes"]
