"""Where one process spends its time: segmentation, each rule kind, each of the costliest rules, on
the first 100 articles of the 1 MB bench corpus (build it with bench/generate.py).

    python bench/profile.py
"""
import collections
import glob
import os
import time
from pathlib import Path

os.environ["MTREVIEW_NO_CACHE"] = "1"
from mtreview.document import Document  # noqa: E402
from mtreview.reviewer import Reviewer  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "out" / "1mb"


def main():
    reviewer = Reviewer.from_config()
    texts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob(str(CORPUS / "*" / "*.txt")))[:100]]
    if not texts:
        raise SystemExit("no corpus: run python bench/generate.py --sizes 1 --files 0")
    mb = sum(len(t.encode()) for t in texts) / 1e6
    start = time.perf_counter()
    for text in texts:
        reviewer.review(text)
    full = time.perf_counter() - start
    docs = [Document(t) for t in texts]
    start = time.perf_counter()
    for doc in docs:
        doc.sentences
    segmentation = time.perf_counter() - start
    by_kind, by_rule, count = collections.Counter(), collections.Counter(), collections.Counter()
    for compiled in reviewer.compiled:
        start = time.perf_counter()
        for doc in docs:
            list(compiled.run(doc))
        spent = time.perf_counter() - start
        by_kind[compiled.rule.kind] += spent
        by_rule[compiled.rule.id] += spent
        count[compiled.rule.kind] += 1
    rules = sum(by_kind.values())
    print(f"{len(reviewer.compiled)} rules, {mb:.2f} MB: full review {full / mb:.2f} s/MB = segmentation (syntok) "
          f"{segmentation / mb:.2f} + rules {rules / mb:.2f} + the rest {max(0, full - segmentation - rules) / mb:.2f}")
    for kind, spent in by_kind.most_common():
        print(f"  {kind:15} {count[kind]:4d} rules {spent / mb:.2f} s/MB")
    for rule, spent in by_rule.most_common(10):
        print(f"  {rule:45} {spent / mb:.3f} s/MB")


if __name__ == "__main__":
    main()
