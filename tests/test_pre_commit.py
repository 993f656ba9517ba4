"""The hooks for real: `pre-commit try-repo` on a copy of this working tree, in a temporary git
repository, installing mtreview the way a user's pre-commit does (its own virtualenv, pip)."""
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, SEED

CLEAN = ("The central bank held its key interest rate at 3.45 percent on Monday, as expected.\n\n"
         "Analysts said the decision reflected steady growth and stable prices.\n")
FIXABLE = "Over 10000 people visited the fair on its first day.\n"


def git(*args, cwd):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    """This working tree (uncommitted changes included) committed into a fresh repository:
    try-repo installs the committed HEAD."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    target = tmp_path_factory.mktemp("checkout")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source, copy = ROOT / name, target / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            os.symlink(os.readlink(source), copy)
        else:
            shutil.copy2(source, copy)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    git("commit", "-q", "-m", "snapshot", cwd=target)
    return target


@pytest.fixture
def project(tmp_path):
    git("init", "-q", cwd=tmp_path)
    return tmp_path


def try_repo(checkout, project, hook, *files):
    env = {**os.environ, "PRE_COMMIT_HOME": str(project.parent / "pre-commit-home"),
           "PIP_DISABLE_PIP_VERSION_CHECK": "1", "NO_COLOR": "1"}
    env.pop("VIRTUAL_ENV", None)
    git("add", *files, cwd=project)
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(checkout), hook, "--color", "never"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


def test_manifest_declares_both_hooks_for_text_and_markdown():
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"mtreview", "mtreview-fix"}
    assert hooks["mtreview"]["entry"] == "mtreview check" and hooks["mtreview-fix"]["entry"] == "mtreview fix"
    for hook in hooks.values():
        assert hook["types_or"] == ["plain-text", "markdown"] and hook["language"] == "python"
        assert f"id: {hook['id']}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_check_hook_fails_on_a_raw_mt_article_and_passes_a_clean_one(checkout, project):
    shutil.copy(SEED, project / "article.txt")
    failed = try_repo(checkout, project, "mtreview", "article.txt")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "article.txt:7:1: core/page-credit-line [major]" in failed.stdout
    git("rm", "-q", "--cached", "article.txt", cwd=project)
    (project / "article.txt").unlink()
    (project / "clean.md").write_text("# Rates\n\n" + CLEAN, encoding="utf-8")
    passed = try_repo(checkout, project, "mtreview", "clean.md")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


def test_fix_hook_rewrites_once_then_passes(checkout, project):
    if "fix" not in subprocess.run([sys.executable, "-m", "mtreview", "--help"],
                                   capture_output=True, text=True).stdout:
        pytest.skip("mtreview fix is not available")
    article = project / "visitors.txt"
    article.write_bytes(FIXABLE.replace("\n", "\r\n").encode("utf-8"))
    first = try_repo(checkout, project, "mtreview-fix", "visitors.txt")
    assert first.returncode == 1, first.stdout + first.stderr
    assert article.read_bytes() == b"Over 10,000 people visited the fair on its first day.\r\n"
    assert "files were modified by this hook" in first.stdout
    second = try_repo(checkout, project, "mtreview-fix", "visitors.txt")
    assert second.returncode == 0, second.stdout + second.stderr
