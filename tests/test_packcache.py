"""The compiled-pack cache: same reviews as a fresh build, invalidated by a changed pack, harmless
when the cache directory cannot be used."""
from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from mtreview import packcache
from mtreview.config import Config
from mtreview.packs import default_rule_dirs, pack_files
from mtreview.reviewer import _reviewer_for


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MTREVIEW_CACHE_DIR", str(folder))
    monkeypatch.delenv("MTREVIEW_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def pack_dir(tmp_path) -> Path:
    folder = tmp_path / "packs"
    shutil.copytree(default_rule_dirs()[0], folder)
    return folder


def build_counting(config: Config):
    calls = []

    def build():
        calls.append(1)
        return _reviewer_for.__wrapped__(config)

    return build, calls


def test_a_cached_reviewer_reviews_exactly_like_a_fresh_one(cache, seed_text):
    config = Config()
    files = pack_files(default_rule_dirs())
    build, calls = build_counting(config)
    fresh = packcache.load_or_build(files, repr(config), build)
    cached = packcache.load_or_build(files, repr(config), build)
    assert calls == [1]  # the second one came from the cache
    assert cached is not fresh
    assert cached.signature == fresh.signature
    assert [r.id for r in cached.rules] == [r.id for r in fresh.rules]
    assert cached.review(seed_text) == fresh.review(seed_text)
    assert len(list(cache.glob("*.reviewer.pickle"))) == 1


def test_changing_a_pack_file_invalidates_the_entry(cache, pack_dir, seed_text):
    config = Config(builtin_rules=False, rules=(str(pack_dir),))
    files = pack_files([pack_dir])
    build, calls = build_counting(config)
    before = packcache.load_or_build(files, repr(config), build)
    victim = next(p for p in files if p.name == "repetition.yaml")
    victim.write_text(victim.read_text(encoding="utf-8").replace("severity: major", "severity: minor"),
                      encoding="utf-8")
    after = packcache.load_or_build(files, repr(config), build)
    assert calls == [1, 1]
    severities = {r.id: r.severity.value for r in after.rules}
    assert {r.id: r.severity.value for r in before.rules} != severities
    assert "minor" in {severities[r.id] for r in after.rules if r.file == str(victim)}


def test_other_settings_get_their_own_entry(cache):
    files = pack_files(default_rule_dirs())
    everything, only_core = Config(), Config(select=("core",))
    packcache.load_or_build(files, repr(everything), build_counting(everything)[0])
    reviewer = packcache.load_or_build(files, repr(only_core), build_counting(only_core)[0])
    assert {r.pack for r in reviewer.rules} == {"core"}


def test_an_unusable_cache_directory_only_costs_time(tmp_path, monkeypatch, seed_text):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("MTREVIEW_CACHE_DIR", str(blocker / "cache"))
    config = Config()
    build, calls = build_counting(config)
    files = pack_files(default_rule_dirs())
    first = packcache.load_or_build(files, repr(config), build)
    second = packcache.load_or_build(files, repr(config), build)
    assert calls == [1, 1]
    assert first.review(seed_text) == second.review(seed_text)


def test_a_corrupt_entry_is_rebuilt_and_replaced(cache):
    config = Config()
    files = pack_files(default_rule_dirs())
    build, calls = build_counting(config)
    packcache.load_or_build(files, repr(config), build)
    (entry,) = cache.glob("*.reviewer.pickle")
    entry.write_bytes(b"\x80\x05 truncated")
    packcache.load_or_build(files, repr(config), build)
    assert calls == [1, 1]
    assert pickle.loads(entry.read_bytes()).signature  # a whole entry again


def test_no_cache_switch(cache, monkeypatch):
    monkeypatch.setenv("MTREVIEW_NO_CACHE", "1")
    config = Config()
    build, calls = build_counting(config)
    files = pack_files(default_rule_dirs())
    packcache.load_or_build(files, repr(config), build)
    packcache.load_or_build(files, repr(config), build)
    assert calls == [1, 1]
    assert not cache.exists()


def test_old_entries_are_pruned(cache, monkeypatch):
    monkeypatch.setattr(packcache, "MAX_ENTRIES", 2)
    files = pack_files(default_rule_dirs())
    for index in range(4):
        packcache.load_or_build(files, f"settings {index}", lambda: {"entry": index})
    assert len(list(cache.glob("*.reviewer.pickle"))) == 2
    assert packcache.load_or_build(files, "settings 3", lambda: None) == {"entry": 3}
