"""Configuration files: found by walking up, validated with the key and file named, overridden by
the command line, printed by `mtreview config`."""
import json
import os

import pytest
from click.testing import CliRunner

from mtreview.cli import main
from mtreview.config import ConfigError, find_config_file, load

BAD = "Over 10000 people came to the the fair.\n"


def run(*args, cwd):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)


def test_found_by_walking_up_pyproject_needs_the_table(tmp_path):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert find_config_file(nested) is None or not str(find_config_file(nested)).startswith(str(tmp_path))
    (tmp_path / "pyproject.toml").write_text("[tool.mtreview]\nfail-on = 'minor'\n", encoding="utf-8")
    assert find_config_file(nested) == tmp_path / "pyproject.toml"
    (tmp_path / "a" / ".mtreview.toml").write_text("fail-on = 'critical'\n", encoding="utf-8")
    assert find_config_file(nested) == tmp_path / "a" / ".mtreview.toml"
    assert load(start=nested).config.fail_on == "critical"


@pytest.mark.parametrize("text, key, problem", [
    ("colour = 'red'\n", "colour", "unknown key"),
    ("fail-on = 'severe'\n", "fail-on", "must be one of minor, major, critical"),
    ("fail-under = 'high'\n", "fail-under", "must be a number from 0 to 100"),
    ("select = 'core'\n", "select", "must be a list of strings"),
    ("[severity]\n'core/doubled-word' = 'awful'\n", "severity.core/doubled-word", "must be one of neutral"),
    ("[formats]\nrst = 'text'\n", "formats.rst", "must be an extension starting with a dot"),
    ("[formats]\n'.rst' = 'rest'\n", "formats..rst", "must be one of text, markdown"),
    ("unknown-extensions = 'ignore'\n", "unknown-extensions", "must be one of text, skip"),
])
def test_bad_keys_and_types_name_the_key_and_the_file(tmp_path, text, key, problem):
    config = tmp_path / ".mtreview.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(config)
    assert str(caught.value).startswith(f"{config}: key '{key}': {problem}")
    article = tmp_path / "a.txt"
    article.write_text(BAD, encoding="utf-8")
    result = run("check", str(article), cwd=tmp_path)
    assert result.exit_code == 2
    assert f"key '{key}'" in result.stderr and str(config) in result.stderr


def test_pyproject_keys_are_named_with_their_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.mtreview]\nfail_on = 'minor'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"key 'tool\.mtreview\.fail_on': unknown key"):
        load(start=tmp_path)


def test_invalid_toml_is_an_error(tmp_path):
    (tmp_path / ".mtreview.toml").write_text("fail-on = \n", encoding="utf-8")
    result = run("config", cwd=tmp_path)
    assert result.exit_code == 2 and "not valid TOML" in result.stderr


def test_settings_apply_and_the_command_line_wins(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        "[tool.mtreview]\nfail-on = 'minor'\nignore = ['core/number-without-separators']\n"
        "[tool.mtreview.severity]\n'core/doubled-word' = 'critical'\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(BAD, encoding="utf-8")
    result = run("check", "--format", "json", "a.txt", cwd=tmp_path)
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [("core/doubled-word", "critical")]
    quiet = run("check", "--ignore", "core/doubled-word", "a.txt", cwd=tmp_path)
    assert quiet.exit_code == 1  # the command line replaced the ignore list: the number is back (minor)
    assert "core/number-without-separators" in quiet.stdout
    assert run("check", "--fail-on", "critical", "--ignore", "core/doubled-word", "a.txt",
               cwd=tmp_path).exit_code == 0


def test_exclude_rules_and_formats_from_the_config(tmp_path):
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "house.yaml").write_text("""pack: house
description: House style.
rules:
  - id: fair-word
    kind: pattern
    pattern: '\\bfair\\b'
    severity: major
    category: style
    message: "We write 'expo'."
    examples:
      bad: ["the [[fair]] opened"]
      good: ["the expo opened"]
""", encoding="utf-8")
    (tmp_path / ".mtreview.toml").write_text(
        "rules = ['team']\nexclude = ['drafts']\nselect = ['house']\n[formats]\n'.rst' = 'text'\n",
        encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "b.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "a.rst").write_text(BAD, encoding="utf-8")
    result = run("check", ".", "drafts/b.txt", cwd=tmp_path)
    assert result.exit_code == 1
    assert "a.rst:1:35: house/fair-word [major]" in result.stdout
    assert "drafts" not in result.stdout and "warning" not in result.stdout


def test_config_command_prints_values_and_origins(tmp_path):
    config = tmp_path / ".mtreview.toml"
    config.write_text("fail-under = 90\nglossaries = ['terms.yaml']\n", encoding="utf-8")
    result = run("config", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"# configuration file: {config}"
    assert f"fail-under = 90.0  # {config}" in lines
    assert 'fail-on = "major"  # default' in lines
    assert f'glossaries = ["{tmp_path / "terms.yaml"}"]  # {config}' in lines
    assert "# languagetool-url is not set  (default)" in lines
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    (empty / ".mtreview.toml").write_text("", encoding="utf-8")
    assert run("config", "--config", str(empty / ".mtreview.toml"), cwd=tmp_path).stdout.splitlines()[2] \
        == "ignore = []  # default"
