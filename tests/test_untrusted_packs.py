"""Rule packs are shared between teams: a pack is data and can never run code, hang a review or
exhaust memory. Loading is YAML-safe only, every pack regex runs under a time limit, and pack
size, rule count and glossary size are capped with clear errors."""
import json
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from mtreview.cli import main
from mtreview.kinds import _regex
from mtreview.kinds.term import MAX_ENTRIES_PER_RULE, MAX_VARIANTS_PER_ENTRY
from mtreview.packs import MAX_PACK_BYTES, MAX_RULES_PER_FILE, PackError, load_rules
from mtreview.reviewer import Reviewer

RULE_HEAD = """\
  - id: {id}
    kind: {kind}
    severity: minor
    category: style
    message: "{message}"
"""
EXAMPLES = """\
    examples:
      bad: ["[[zzz]]"]
      good: ["ok"]
"""


def write_pack(folder, body: str, name="team.yaml"):
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(f"pack: team\ndescription: a team's pack\nrules:\n{body}", encoding="utf-8")
    return path


def rule(id, kind, fields: str, message="found {match}") -> str:
    return RULE_HEAD.format(id=id, kind=kind, message=message) + fields + EXAMPLES


def cli(*args):
    return CliRunner().invoke(main, list(args))


# --- YAML is data only -------------------------------------------------------------------------

@pytest.mark.parametrize("tagged", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
    "!!python/name:os.system",
    "!!python/module:os",
    "!include {marker}",
])
def test_yaml_tags_that_construct_objects_are_refused(tmp_path, tagged):
    marker = tmp_path / "pwned"
    write_pack(tmp_path / "packs", rule("evil", "pattern", "    pattern: 'zzz'\n",
                                        message="x").replace('message: "x"',
                                                             "message: " + tagged.format(marker=marker)))
    article = tmp_path / "a.txt"
    article.write_text("zzz\n", encoding="utf-8")
    result = cli("check", "--no-builtin", "--rules", str(tmp_path / "packs"), str(article))
    assert result.exit_code == 2
    assert "team.yaml" in result.output and "not valid YAML" in result.output
    assert "Traceback" not in result.output
    assert not marker.exists()


def test_binary_tag_is_data_but_not_a_string(tmp_path):
    write_pack(tmp_path, rule("b", "pattern", "    pattern: 'zzz'\n").replace(
        'message: "found {match}"', "message: !!binary aGVsbG8="))
    with pytest.raises(PackError, match=r"rule 'team/b': field 'message': must be a string"):
        load_rules([tmp_path])


def test_alias_bomb_in_doc_or_examples_is_refused_quickly(tmp_path):
    """A "billion laughs": nine levels of ten aliases. Loading shares the nodes, but printing the
    doc (rules show) or the examples (rules test) would build 10**9 items."""
    levels = ["      l0: &l0 [a, a, a, a, a, a, a, a, a, a]"] + [
        f"      l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 9)]
    body = rule("laughs", "pattern", "    pattern: 'zzz'\n    doc:\n" + "\n".join(levels) + "\n      what: *l8\n")
    write_pack(tmp_path / "packs", body)
    started = time.monotonic()
    result = cli("rules", "show", "team/laughs", "--rules", str(tmp_path / "packs"))
    assert time.monotonic() - started < 5
    assert result.exit_code == 2
    assert "rule 'team/laughs': field 'doc.l0': must be a string" in result.output

    inline_levels = "\n".join("        - " + level.split(": ", 1)[1] for level in levels)
    bomb_examples = rule("laughs2", "pattern", "    pattern: 'zzz'\n").replace(
        '      good: ["ok"]', "      good:\n" + inline_levels)
    write_pack(tmp_path / "packs2", bomb_examples)
    result = cli("rules", "test", str(tmp_path / "packs2"))
    assert result.exit_code == 2
    assert "field 'examples.good[0]': must be a string" in result.output


# --- every pack regex runs under the time limit ------------------------------------------------

CATASTROPHIC = "(a+)+$"
RUN_OF_A = "a" * 30_000 + "!"   # the `$` fails after every way of splitting the run: exponential


def kinds_running_pack_regexes():
    """One rule per kind that compiles a regex from the pack, each with the catastrophic pattern
    where the pack puts its regex."""
    return {
        "pattern": f"    pattern: '{CATASTROPHIC}'\n",
        "boilerplate-lines": f"    lines: ['{CATASTROPHIC}']\n",
        "boilerplate-contains": f"    contains: ['{CATASTROPHIC}']\n",
        "opener": f"    words: 1\n    min_count: 2\n    starts: '{CATASTROPHIC}'\n",
        "consistency": f"    concepts:\n      - name: a-run\n        variants: ['{CATASTROPHIC}', 'zzz']\n",
    }


@pytest.mark.parametrize("case", sorted(kinds_running_pack_regexes()))
def test_every_kind_running_a_pack_regex_is_time_limited(tmp_path, monkeypatch, case):
    monkeypatch.setattr(_regex, "REGEX_TIMEOUT", 0.2)
    kind = case.split("-")[0]
    fields = kinds_running_pack_regexes()[case]
    write_pack(tmp_path, rule("slow", kind, fields) + rule("quick", "pattern", "    pattern: 'zzz'\n"))
    reviewer = Reviewer(load_rules([tmp_path]))
    text = "Intro zzz.\n\n" + RUN_OF_A + "\n"
    started = time.monotonic()
    review = reviewer.review(text)
    elapsed = time.monotonic() - started
    assert elapsed < 3, f"{case} took {elapsed:.1f}s"
    [warning] = review.warnings
    assert "rule team/slow exceeded" in warning and "skipped for this document" in warning
    offset = int(warning.split("offset ")[1].split(";")[0])
    assert 0 <= offset <= len(text)
    # the rule is skipped for this document only; the pack's other rule still reports
    assert [f.rule for f in review.findings] == ["team/quick"]


def test_line_wise_rule_gets_one_budget_per_document_not_per_line(tmp_path, monkeypatch):
    """A boilerplate rule matches line by line; 100 slow lines must not cost 100 time limits."""
    monkeypatch.setattr(_regex, "REGEX_TIMEOUT", 0.2)
    write_pack(tmp_path, rule("slow", "boilerplate", f"    lines: ['{CATASTROPHIC}']\n"))
    reviewer = Reviewer(load_rules([tmp_path]))
    text = ("a" * 3000 + "!\n") * 100   # each line alone takes about 0.1 s
    started = time.monotonic()
    review = reviewer.review(text)
    assert time.monotonic() - started < 2
    assert len(review.warnings) == 1 and "team/slow" in review.warnings[0]


def test_catastrophic_pattern_end_to_end_neither_hangs_nor_dies(tmp_path):
    """The real command, the real limit: `(a+)+$` on a long run of `a`. The run ends soon after
    the limit, exits by its findings (not 2), and names the rule and the offset."""
    write_pack(tmp_path / "packs", rule("catastrophic", "pattern", f"    pattern: '{CATASTROPHIC}'\n")
               + rule("quick", "pattern", "    pattern: 'zzz'\n"))
    article = tmp_path / "a.txt"
    article.write_text("Before the run zzz.\n" + RUN_OF_A + "\nAfter the run.\n", encoding="utf-8")
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "mtreview", "check", "--no-builtin", "--fail-on", "major",
                           "--format", "json", "--rules", str(tmp_path / "packs"), str(article)],
                          capture_output=True, text=True, timeout=60)
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr
    assert elapsed < _regex.REGEX_TIMEOUT + 10
    payload = json.loads(proc.stdout)
    [file] = payload["files"]
    assert [f["rule"] for f in file["findings"]] == ["team/quick"]
    [warning] = file["warnings"]
    assert warning.startswith("rule team/catastrophic exceeded 2s searching from offset 0")


# --- size limits -------------------------------------------------------------------------------

def test_pack_over_the_size_limit_is_refused(tmp_path):
    path = write_pack(tmp_path, rule("r", "pattern", "    pattern: 'zzz'\n"))
    with open(path, "r+b") as handle:   # sparse: the limit is checked before reading
        handle.truncate(MAX_PACK_BYTES + 1)
    result = cli("rules", "list", "--rules", str(tmp_path))
    assert result.exit_code == 2
    assert result.output.strip() == (f"error: {path}: pack is {MAX_PACK_BYTES + 1} bytes; "
                                     f"the limit is {MAX_PACK_BYTES}")


@pytest.mark.parametrize("body, refusal", [
    ("".join(rule(f"r{i}", "pattern", "    pattern: 'zzz'\n") for i in range(MAX_RULES_PER_FILE + 1)),
     f"field 'rules': {MAX_RULES_PER_FILE + 1} rules; the limit is {MAX_RULES_PER_FILE}"),
    (rule("glossary", "term", "    entries:\n" + "".join(f"      - {{use: right{i}, not: [wrong{i}]}}\n"
                                                       for i in range(MAX_ENTRIES_PER_RULE + 1))),
     f"rule 'team/glossary': field 'entries': {MAX_ENTRIES_PER_RULE + 1} entries; the limit is {MAX_ENTRIES_PER_RULE}"),
], ids=["rules per file", "entries per glossary"])
def test_a_pack_over_a_count_limit_is_refused(tmp_path, body, refusal):
    path = write_pack(tmp_path, body)
    result = cli("rules", "list", "--rules", str(tmp_path))
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {path}: {refusal}"


def test_glossary_entry_with_too_many_variants_is_refused(tmp_path):
    variants = ", ".join(f"wrong{i}" for i in range(MAX_VARIANTS_PER_ENTRY + 1))
    path = write_pack(tmp_path, rule("glossary", "term", f"    entries:\n      - {{use: right, not: [{variants}]}}\n"))
    with pytest.raises(PackError) as error:
        Reviewer(load_rules([path]))
    assert str(error.value) == (f"{path}: rule 'team/glossary': field 'entries[0].not': "
                                f"{MAX_VARIANTS_PER_ENTRY + 1} variants; the limit is {MAX_VARIANTS_PER_ENTRY}")
