"""`fix` never loses a file: a process killed at any point of the write leaves the original intact
(or the complete new file, once renamed), two concurrent fixes of one file never leave a mix of
both, and mode, owner and symbolic links are kept. The kills are real: a child process runs
`mtreview fix` and SIGKILLs itself at the chosen step of io.write_atomic."""
import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading

import pytest
from click.testing import CliRunner

from mtreview.cli import main
from mtreview.config import Config
from mtreview.fixes import fix_text
from mtreview.reviewer import Reviewer

from conftest import SEED

ARTICLE = "Over 10000 people joined the the forum in 2019.\r\nAnother 16000 came.\r\n"
FIXED = "Over 10,000 people joined the forum in 2019.\r\nAnother 16,000 came.\r\n"
PINNED = ["--select", "core/number-without-separators,core/doubled-word"]

# Runs `mtreview fix` with one step of io.write_atomic replaced by a SIGKILL of the process itself.
KILLER = textwrap.dedent("""
    import os, signal, sys
    from mtreview import io
    step = sys.argv[1]
    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)
    if step == "after-rename":
        io._sync_directory = die
    else:
        setattr(io.os, step, die)
    from mtreview.cli import main
    main(["fix", *sys.argv[2:]])
""")


def temp_files(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".mtreview"))


@pytest.mark.parametrize("step", ["fsync", "chmod", "replace", "after-rename"])
def test_a_fix_killed_at_any_step_leaves_the_old_file_or_the_new_one(tmp_path, step):
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode())
    proc = subprocess.run([sys.executable, "-c", KILLER, step, *PINNED, str(path)],
                          capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    expected = FIXED if step == "after-rename" else ARTICLE
    assert path.read_bytes() == expected.encode()
    if step != "after-rename":
        # the temporary file a killed process cannot remove is hidden and never reviewed ...
        [temp] = temp_files(tmp_path)
        assert temp.startswith(".article.txt.")
        check = CliRunner().invoke(main, ["check", "--format", "json", *PINNED, str(tmp_path)])
        assert f'"path": "{path}"' in check.stdout and ".mtreview" not in check.stdout
    # ... and the next fix goes through
    again = CliRunner().invoke(main, ["fix", *PINNED, str(path)])
    assert again.exit_code in (0, 1), again.output
    assert path.read_bytes() == FIXED.encode()


def fixed_with(select: str, text: str) -> str:
    return fix_text(Reviewer.from_config(Config(select=(select,))), text).text


def test_two_concurrent_fixes_of_one_file_never_mix(tmp_path):
    """Two fixes with different rules race on a ~1 MB article. Whatever the timing, the file ends
    as one fix's complete output (of the original or of the other's result), never a mix; a fix
    that finds the file changed under it says so and writes nothing."""
    original = (SEED.read_text(encoding="utf-8") + "\n") * 25
    numbers, doubled = "core/number-without-separators", "core/doubled-word"
    allowed = {fixed_with(numbers, original), fixed_with(doubled, original),
               fixed_with(numbers, fixed_with(doubled, original)),
               fixed_with(doubled, fixed_with(numbers, original))}
    assert len(allowed) >= 3
    path = tmp_path / "article.txt"
    for _ in range(2):
        path.write_text(original, encoding="utf-8")
        procs = {}
        start = threading.Barrier(2)

        def run(select):
            start.wait()
            procs[select] = subprocess.run([sys.executable, "-m", "mtreview", "fix", "--select", select,
                                            str(path)], capture_output=True, text=True, timeout=300)

        threads = [threading.Thread(target=run, args=(s,)) for s in (numbers, doubled)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert path.read_text(encoding="utf-8") in allowed
        for proc in procs.values():
            assert proc.returncode in (1, 2), proc.stderr
            if proc.returncode == 2:
                assert "changed on disk while being fixed" in proc.stderr
        assert temp_files(tmp_path) == []


def test_mode_and_owner_are_kept(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode())
    path.chmod(0o640 | stat.S_ISGID)
    if os.geteuid() == 0:
        os.chown(path, 1234, 5678)
    before = path.stat()
    assert CliRunner().invoke(main, ["fix", *PINNED, str(path)]).exit_code == 1
    after = path.stat()
    assert path.read_bytes() == FIXED.encode()
    assert stat.S_IMODE(after.st_mode) == stat.S_IMODE(before.st_mode)
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)


def test_a_symbolic_link_stays_a_link_and_its_target_is_fixed(tmp_path):
    target = tmp_path / "real.txt"
    target.write_bytes(ARTICLE.encode())
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert CliRunner().invoke(main, ["fix", *PINNED, str(link)]).exit_code == 1
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == FIXED.encode()


def test_a_fix_the_file_encoding_cannot_hold_is_not_written(tmp_path):
    """A pack's safe edit inserts a curly apostrophe into a Latin-1 file: fix refuses in one line
    and the file keeps every byte."""
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "quotes.yaml").write_text(textwrap.dedent("""\
        pack: quotes
        description: typographic apostrophes
        rules:
          - id: straight-apostrophe
            kind: pattern
            pattern: "(?<=\\\\w)'(?=\\\\w)"
            replacement: "\u2019"
            applicability: safe
            severity: minor
            category: style
            message: Use a typographic apostrophe.
            examples:
              bad: [{text: "it[[']]s", fixed: "it\u2019s"}]
              good: ["it\u2019s"]
        """), encoding="utf-8")
    path = tmp_path / "latin.txt"
    data = "Caf\u00e9 owners said it's busy.\n".encode("latin-1")
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["fix", "--no-builtin", "--rules", str(packs), "--encoding", "latin-1",
                                       str(path)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"error: {path}: not written: the fixed text cannot be written in "
                                     "latin-1 (ordinal not in range(256))")
    assert path.read_bytes() == data
    assert temp_files(tmp_path) == []
