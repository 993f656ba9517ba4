"""Packs are validated on load: errors name the file, the rule and the field."""
import pytest

from mtreview.packs import PackError, compile_rules, load_rules as _load


def load_rules(paths):
    """Load and compile, as the reviewer does: kinds check their own fields when compiling."""
    return compile_rules(_load(paths))

GOOD_RULE = """
  - id: thing
    kind: pattern
    severity: minor
    category: style
    message: m
    pattern: 'thing'
    examples: {bad: ['[[thing]]'], good: ['other']}
"""


def write(tmp_path, body, name="team.yaml"):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize("body, rule, field, words", [
    ("pack: t\nrules:\n" + GOOD_RULE.replace("pattern: 'thing'", "pattern: '(unclosed'"),
     "t/thing", "pattern", "bad regular expression"),
    ("pack: t\nrules:\n" + GOOD_RULE.replace("kind: pattern", "kind: nonsense"), "t/thing", "kind", "not one of"),
    ("pack: t\nrules:\n" + GOOD_RULE.replace("    message: m\n", ""), "t/thing", "message", "missing"),
    ("pack: t\nrules:\n" + GOOD_RULE.replace("severity: minor", "severity: huge"), "t/thing", "severity", "not one of"),
    ("pack: t\nrules:\n" + GOOD_RULE + GOOD_RULE, "t/thing", "id", "duplicate id"),
    ("pack: t\nrules:\n" + GOOD_RULE.replace("    pattern: 'thing'\n", ""), "t/thing", "pattern", "missing"),
    ("pack: t\nrules:\n" + GOOD_RULE.replace("pattern: 'thing'", "pattern: 'thing'\n    colour: red"),
     "t/thing", "colour", "unknown field"),
    ("pack: t\nrules:\n" + GOOD_RULE.replace("pattern: 'thing'", "pattern: '(a)'\n    replacement: '\\2'"),
     "t/thing", "replacement", "group 2"),
])
def test_bad_pack_error_names_file_rule_and_field(tmp_path, body, rule, field, words):
    path = write(tmp_path, body)
    with pytest.raises(PackError) as error:
        load_rules([path])
    message = str(error.value)
    assert str(path) in message and f"rule '{rule}'" in message and f"field '{field}'" in message
    assert words in message


def test_invalid_yaml_names_file_and_line(tmp_path):
    path = write(tmp_path, "pack: t\nrules: [\n  - id: x\n")
    with pytest.raises(PackError, match=r"team.yaml: not valid YAML \(line \d+\)"):
        load_rules([path])


def test_yaml_tags_that_construct_objects_are_refused(tmp_path):
    path = write(tmp_path, "pack: t\nrules: !!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(PackError, match="not valid YAML"):
        load_rules([path])


def test_duplicate_ids_across_files_name_both(tmp_path):
    write(tmp_path, "pack: t\nrules:\n" + GOOD_RULE, "a.yaml")
    write(tmp_path, "pack: t\nrules:\n" + GOOD_RULE, "b.yaml")
    with pytest.raises(PackError, match=r"b.yaml: rule 't/thing': field 'id': duplicate id \(first defined in .*a.yaml\)"):
        load_rules([tmp_path])


def test_boolean_in_word_list_is_explained(tmp_path):
    body = ("pack: t\nrules:\n  - id: c\n    kind: capitalization\n    mode: function-word\n    severity: minor\n"
            "    category: fluency\n    message: m\n    words: [The, On]\n")
    with pytest.raises(PackError, match="item 2 is True, not a string"):
        load_rules([write(tmp_path, body)])


def _structure(pattern: str):
    """(index, character, depth) of each parenthesis and bar outside character classes and escapes."""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()|":
            depth += char == "("
            yield i, char, depth
            depth -= char == ")"
        i += 1


def _split(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern."""
    bars = [i for i, char, depth in _structure(pattern) if char == "|" and depth == 0]
    return [pattern[start + 1:end] for start, end in zip([-1, *bars], [*bars, len(pattern)])]


def _leading_lookbehind_length(branch: str) -> int:
    if not branch.startswith("(?<="):
        return 0
    return next((i for i, char, depth in _structure(branch) if char == ")" and depth == 1), len(branch))


def test_shipped_patterns_put_context_lookbehinds_after_their_words():
    """A long lookbehind at the start of an alternative is tried at every character of every text;
    docs/rule-packs.md shows how to put it after the literal words instead."""
    from mtreview.packs import default_rule_dirs

    slow = [rule.id for rule in _load(default_rule_dirs()) if rule.kind == "pattern"
            for branch in _split(rule.params["pattern"]) if _leading_lookbehind_length(branch) > 40]
    assert slow == []
