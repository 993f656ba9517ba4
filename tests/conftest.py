from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "belt-and-road-80-countries.txt"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(autouse=True, scope="session")
def no_compiled_pack_cache():
    """Tests build their reviewers fresh; tests/test_packcache.py turns the cache on for itself."""
    import os

    previous = os.environ.get("MTREVIEW_NO_CACHE")
    os.environ["MTREVIEW_NO_CACHE"] = "1"
    yield
    if previous is None:
        os.environ.pop("MTREVIEW_NO_CACHE", None)
    else:
        os.environ["MTREVIEW_NO_CACHE"] = previous


@pytest.fixture
def fresh_grammar_clients(monkeypatch):
    """No LanguageTool server configured and no cached client, before and after the test."""
    from mtreview import grammar

    for name in (grammar.ENV_URL, grammar.ENV_TIMEOUT, grammar.ENV_JAR_DIR):
        monkeypatch.delenv(name, raising=False)
    grammar._clients.clear()
    yield
    grammar._clients.clear()
