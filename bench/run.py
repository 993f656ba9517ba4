"""Benchmark mtreview against proselint on the same machine, in the same run, and print one table.

Absolute times drift from run to run on a shared machine; the ratios to proselint, measured
minutes apart on the same files, are the figures to compare. Every figure is a whole process
(`mtreview check ...` as a user runs it), timed from start to exit; peak RSS is the largest
process of the run (the pool workers included) as the kernel reports it on exit.

    pip install -e '.[bench]'
    python bench/run.py                  # builds the corpora under bench/out/ first (seeded)
    python bench/run.py --quick          # 1 and 10 MB only, fewer repeats
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402

ROOT = generate.ROOT
ARTICLE = ROOT / "corpus" / "belt-and-road-80-countries.txt"
MB = generate.MB


@dataclass
class Run:
    wall: float
    rss_mb: float
    code: int


def tool(name: str) -> list[str] | None:
    """The console script installed beside this Python (no shell shim in the timing)."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return [str(beside)]
    found = shutil.which(name)
    return [found] if found else None


def run(command: list[str], env: dict | None = None) -> Run:
    """One whole process: wall time and the peak RSS of its largest process (it or a child)."""
    with open(os.devnull, "wb") as devnull, tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=devnull, stderr=errors, cwd=ROOT,
                                   env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        error = errors.read().decode(errors="replace")
    code = process.returncode
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {code}:\n{error[-2000:]}")
    return Run(wall, usage.ru_maxrss / 1024, code)


def median_of(commands: dict[str, list[str]], repeats: int, env: dict | None = None) -> dict[str, Run]:
    """Run each command `repeats` times, interleaved (A B A B ...) so that drift hits all alike."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, command in commands.items():
            runs[name].append(run(command, env))
    return {name: Run(statistics.median(r.wall for r in rs), max(r.rss_mb for r in rs), rs[0].code)
            for name, rs in runs.items()}


def supports(command: list[str], option: str) -> bool:
    result = subprocess.run([*command, "check", "--help"], capture_output=True, text=True)
    return option in result.stdout


class Table:
    def __init__(self):
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, what: str, ours: str, theirs: str = "", ratio: str = ""):
        self.rows.append((what, ours, theirs, ratio))
        print(f"  {what}: {ours} | {theirs} | {ratio}", file=sys.stderr, flush=True)

    def markdown(self) -> str:
        head = ("measure", "mtreview", "proselint", "mtreview / proselint")
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        total_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {total_kb / 1024 ** 2:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 and 10 MB only, 5 repeats")
    parser.add_argument("--repeats", type=int, default=7, help="runs per one-article figure (median)")
    parser.add_argument("--proselint-mb", default="1,10",
                        help="corpus sizes proselint also reviews (it takes ~4 min per 100 MB)")
    parser.add_argument("--single-max-mb", type=int, default=10,
                        help="largest corpus also reviewed in one process (100 MB takes ~5 min)")
    parser.add_argument("--out", type=Path, default=generate.OUT)
    args = parser.parse_args(argv)
    sizes = [1, 10] if args.quick else [1, 10, 100]
    repeats = 5 if args.quick else max(5, args.repeats)
    proselint_sizes = {int(s) for s in args.proselint_mb.split(",") if s.strip()}

    mtreview, proselint = tool("mtreview"), tool("proselint")
    if mtreview is None:
        raise SystemExit("mtreview is not installed: pip install -e '.[bench]'")
    if proselint is None:
        print("proselint is not installed (pip install -e '.[bench]'): no ratios", file=sys.stderr)
    jobs = supports(mtreview, "--jobs")
    one_process = ["--jobs", "1"] if jobs else []

    started = time.perf_counter()
    print("building corpora (seeded; reused when present)...", file=sys.stderr)
    corpora = {size: generate.ensure(f"{size}mb", args.out, max_bytes=size * MB) for size in sizes}
    thousand = generate.ensure("files-1000", args.out, max_files=1000)

    table = Table()

    def versus(ours: float, theirs: float | None, unit: str, digits: int = 2) -> tuple[str, str, str]:
        if theirs is None:
            return f"{ours:.{digits}f} {unit}", "", ""
        return f"{ours:.{digits}f} {unit}", f"{theirs:.{digits}f} {unit}", f"{ours / theirs:.2f}x"

    # --help, and one article as a pre-commit hook sees it: a new process each time.
    helped = median_of({"help": [*mtreview, "--help"]}, repeats)["help"]
    table.add(f"`mtreview --help`, wall (median of {repeats})", f"{helped.wall:.3f} s")
    run([*mtreview, "check", str(ARTICLE)])  # fills the compiled-pack cache
    commands = {"mtreview": [*mtreview, "check", str(ARTICLE)]}
    if proselint:
        commands["proselint"] = [*proselint, "check", str(ARTICLE)]
    article = median_of(commands, repeats)
    theirs = article.get("proselint")
    table.add(f"one article ({ARTICLE.stat().st_size / 1000:.1f} kB), cold process, wall (median of {repeats})",
              *versus(article["mtreview"].wall, theirs and theirs.wall, "s", 3))
    table.add("one article, peak RSS", *versus(article["mtreview"].rss_mb, theirs and theirs.rss_mb, "MB", 0))
    uncached = median_of({"m": [*mtreview, "check", str(ARTICLE)]}, 5, env={"MTREVIEW_NO_CACHE": "1"})["m"]
    table.add("one article, compiled-pack cache off (median of 5)",
              *versus(uncached.wall, theirs and theirs.wall, "s", 3))

    # Throughput over the corpus sizes: one process (and proselint, on the same files) up to 10 MB;
    # two processes on every size, for the cost curve and the peak memory.
    parallel = ["--jobs", "2"] if jobs else []
    per_mb, speedups = {}, {}
    for size, manifest in corpora.items():
        folder = str(args.out / manifest["files"])
        megabytes, articles = manifest["bytes"] / MB, manifest["articles"]
        label = f"{size} MB corpus ({articles} files)"
        if size <= args.single_max_mb:
            ours = run([*mtreview, "check", folder, *one_process])
            theirs = run([*proselint, "check", folder]) if proselint and size in proselint_sizes else None
            table.add(f"{label}, one process: MB/s",
                      *versus(megabytes / ours.wall, theirs and megabytes / theirs.wall, "MB/s"))
            table.add(f"{label}, one process: articles/s",
                      *versus(articles / ours.wall, theirs and articles / theirs.wall, "art/s", 0))
            table.add(f"{label}, one process: peak RSS", *versus(ours.rss_mb, theirs and theirs.rss_mb, "MB", 0))
        if jobs:
            two = run([*mtreview, "check", folder, *parallel])
            per_mb[size] = two.wall / megabytes
            table.add(f"{label}, `--jobs 2`: MB/s, peak RSS",
                      f"{megabytes / two.wall:.2f} MB/s, {two.rss_mb:.0f} MB")
            if size <= args.single_max_mb:
                speedups[label] = (ours.wall, two.wall)
    if per_mb:
        base = per_mb[min(per_mb)]
        curve = ", ".join(f"{size} MB: {cost:.2f} s/MB ({cost / base:.2f})" for size, cost in per_mb.items())
        table.add("cost curve with `--jobs 2`, seconds per MB (relative to the smallest; 1.00 = linear)", curve)

    jsonl_manifest = corpora[10]
    if supports(mtreview, "--text-field"):
        jsonl = str(args.out / jsonl_manifest["jsonl"])
        ours = run([*mtreview, "check", jsonl, "--text-field", "text", *parallel])
        table.add("10 MB as one JSONL file, `--jobs 2`: MB/s, peak RSS",
                  f"{jsonl_manifest['bytes'] / MB / ours.wall:.2f} MB/s, {ours.rss_mb:.0f} MB")

    # Parallel speed-up: the same files with --jobs 1 and --jobs 2.
    if jobs:
        folder = str(args.out / thousand["files"])
        speedups["1,000 files built from corpus/"] = (run([*mtreview, "check", folder, "--jobs", "1"]).wall,
                                                      run([*mtreview, "check", folder, "--jobs", "2"]).wall)
        for label, (one, two) in speedups.items():
            table.add(f"{label}: `--jobs 2` speed-up over `--jobs 1`", f"{one / two:.2f}x ({one:.1f} s -> {two:.1f} s)")

    elapsed = time.perf_counter() - started
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    header = (f"mtreview bench, {datetime.date.today().isoformat()}, {machine()}; "
              f"proselint {proselint_version(proselint)}; took {elapsed / 60:.1f} min; load average {load:.1f}")
    print(header + "\n\n" + table.markdown())
    (args.out / "results.json").write_text(json.dumps({"header": header, "rows": table.rows}, indent=2) + "\n")
    return 0


def proselint_version(command) -> str:
    if not command:
        return "not installed"
    result = subprocess.run([*command, "version"], capture_output=True, text=True)
    return (result.stdout.strip().split() or ["?"])[-1]


if __name__ == "__main__":
    sys.exit(main())
