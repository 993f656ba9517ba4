"""Build benchmark corpora from the articles in corpus/: seeded, so every run measures the same text.

Each generated article is one corpus article with three perturbations, so that no two are equal
and the reviewer cannot win by caching: the sentences of each paragraph are shuffled, every number
gets new digits of the same length, and place names ("Anping County") get another name, the same
one throughout the article. Corpora are written twice: as one .txt file per article (in folders
of 1,000) and as one JSONL file ({"id", "source", "text"} per line). Nothing is held in memory
but the source articles.

    python bench/generate.py                    # 1, 10 and 100 MB, and 1,000 files, under bench/out/
    python bench/generate.py --sizes 1 --files 0
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
OUT = ROOT / "bench" / "out"
SEED = 20240418
MB = 1_000_000

_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_DIGITS = re.compile(r"\d+")
_PLACE = re.compile(r"\b([A-Z][a-z]+)(?= (?:County|City|Province|Town|District|Village)\b)")
_PLACE_NAMES = ("Anxi", "Baishan", "Changle", "Dazhou", "Fengyang", "Gaoping", "Hekou", "Jianning",
                "Lianjiang", "Longquan", "Meishan", "Ningling", "Pingtan", "Qingyuan", "Ruichang",
                "Shuangliu", "Taihe", "Wenshan", "Xinfeng", "Yongding", "Zhangpu", "Zhenyuan")


def source_articles(corpus: Path = CORPUS) -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.txt"))]


def perturb(text: str, rng: random.Random) -> str:
    """One new article from an old one: sentence order, numbers and place names changed."""
    paragraphs = []
    for paragraph in _PARAGRAPH.split(text):
        sentences = _SENTENCE_END.split(paragraph)
        if len(sentences) > 2:
            rng.shuffle(sentences)
        paragraphs.append(" ".join(sentences))
    text = "\n\n".join(paragraphs)
    text = _DIGITS.sub(lambda m: _new_digits(m.group(0), rng), text)
    names: dict[str, str] = {}
    return _PLACE.sub(lambda m: names.setdefault(m.group(1), rng.choice(_PLACE_NAMES)), text)


def _new_digits(digits: str, rng: random.Random) -> str:
    first = str(rng.randint(1, 9)) if digits[0] != "0" else "0"
    return first + "".join(str(rng.randint(0, 9)) for _ in digits[1:])


def articles(seed: int, sources: list[tuple[str, str]]):
    """An endless, reproducible stream of (source name, perturbed text)."""
    rng = random.Random(seed)
    while True:
        name, text = rng.choice(sources)
        yield name, perturb(text, rng)


def build(name: str, out: Path, seed: int, max_bytes: int | None = None, max_files: int | None = None,
          sources: list[tuple[str, str]] | None = None) -> dict:
    """Write out/NAME/ (files) and out/NAME.jsonl until `max_bytes` of text or `max_files` articles."""
    sources = sources or source_articles()
    folder, jsonl = out / name, out / f"{name}.jsonl"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    count = size = 0
    with jsonl.open("w", encoding="utf-8") as records:
        for source, text in articles(seed, sources):
            if (max_bytes is not None and size >= max_bytes) or (max_files is not None and count >= max_files):
                break
            data = text.encode("utf-8")
            path = folder / f"{count // 1000:03d}" / f"{count:06d}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(data)
            records.write(json.dumps({"id": count, "source": source, "text": text}, ensure_ascii=False) + "\n")
            count += 1
            size += len(data)
    manifest = {"name": name, "seed": seed, "limits": {"max_bytes": max_bytes, "max_files": max_files},
                "articles": count, "bytes": size,
                "files": str(folder.relative_to(out)), "jsonl": jsonl.name}
    (out / f"{name}.manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def ensure(name: str, out: Path = OUT, seed: int = SEED, **limits) -> dict:
    """The manifest of corpus NAME, building it only when it is missing or was built differently."""
    manifest_path = out / f"{name}.manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        wanted = {"max_bytes": limits.get("max_bytes"), "max_files": limits.get("max_files")}
        if manifest.get("seed") == seed and manifest.get("limits") == wanted and (out / name).is_dir() \
                and (out / manifest["jsonl"]).exists():
            return manifest
    return build(name, out, seed, **limits)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100", help="corpus sizes in MB, comma-separated")
    parser.add_argument("--files", type=int, default=1000, help="also a corpus of this many files (0: none)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    jobs = [(f"{int(s)}mb", {"max_bytes": int(s) * MB}) for s in args.sizes.split(",") if s.strip()]
    if args.files:
        jobs.append((f"files-{args.files}", {"max_files": args.files}))
    for name, limits in jobs:
        manifest = ensure(name, args.out, args.seed, **limits)
        print(f"{name}: {manifest['articles']} articles, {manifest['bytes'] / MB:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
