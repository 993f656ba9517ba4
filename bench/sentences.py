"""How many known MT errors the shipped packs find, sentence by sentence.

`corpus/sentences/*.yaml` lists single MT sentences of Chinese official and news prose, each with
one marked error (zh, mt, span, fix, kind), written from knowledge of what MT engines produce, not
from the rules. `dev-*` sets were read by rule authors and turned into rules; `test-*` sets were
written after those rules and never read by a rule author, so their figure is a second, sentence-level
held-out measure beside the held-out articles of `mtreview eval corpus/`.

    python bench/sentences.py                 # a table per set and kind
    python bench/sentences.py --missed test   # also list what the sets whose name has 'test' miss

An item counts as found when some finding overlaps its span.
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import yaml

from mtreview.reviewer import Reviewer

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "corpus" / "sentences"


def found(reviewer: Reviewer, item: dict) -> bool:
    start = item["mt"].find(item["span"])
    return start >= 0 and any(f.start < start + len(item["span"]) and start < f.end
                              for f in reviewer.review(item["mt"]).findings)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--missed", metavar="SUBSTRING", help="list the misses of the sets whose name contains it")
    args = parser.parse_args(argv)
    reviewer = Reviewer.from_config()
    kinds = ["calque", "literal_named_entity", "grammar", "number_format", "wrong_capitalization",
             "repetition", "fragment_join", "punctuation_spacing", "boilerplate", "other"]
    print(f"| set | items | found | {' | '.join(kinds)} |")
    print("|---|---:|---:|" + "---:|" * len(kinds))
    totals: dict[str, list[int]] = {"dev": [0, 0], "test": [0, 0]}
    for path in sorted(args.directory.glob("*.yaml")):
        items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        hits, per_kind, missed = 0, Counter(), []
        for item in items:
            ok = found(reviewer, item)
            hits += ok
            per_kind[item["kind"], ok] += 1
            if not ok:
                missed.append(item)
        group = "test" if path.stem.startswith("test") else "dev"
        totals[group][0] += hits
        totals[group][1] += len(items)
        cells = [f"{per_kind[k, True]}/{per_kind[k, True] + per_kind[k, False]}"
                 if per_kind[k, True] + per_kind[k, False] else "—" for k in kinds]
        print(f"| {path.stem} | {len(items)} | {hits / len(items):.2f} | {' | '.join(cells)} |")
        if args.missed and args.missed in path.stem:
            for item in missed:
                print(f"    missed {item['kind']}: {item['span']!r} -> {item['fix']!r}")
    for group, (hits, count) in totals.items():
        if count:
            print(f"| **all {group}** | {count} | **{hits / count:.2f}** |" + " |" * len(kinds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
