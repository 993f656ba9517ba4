"""Command line: parse options, call the library, choose the exit code (0 clean, 1 findings at or
over the threshold, 2 usage, config or input error). No review logic lives here."""
from __future__ import annotations

import sys

import click

from . import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITY_CHOICES = ["minor", "major", "critical"]


def _split(values) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _reviewer(select=(), ignore=(), rules=(), no_builtin=False):
    from .config import Config
    from .packs import PackError
    from .reviewer import Reviewer

    config = Config(select=_split(select), ignore=_split(ignore), rules=tuple(rules),
                    builtin_rules=not no_builtin)
    try:
        return Reviewer.from_config(config)
    except PackError as exc:
        _fail(str(exc))


rules_option = click.option("--rules", "rules_dirs", multiple=True, type=click.Path(),
                            help="Add a directory of rule packs (repeatable), such as a team's own.")
config_option = click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
                             help="Read this configuration file instead of searching for "
                                  ".mtreview.toml or pyproject.toml [tool.mtreview].")


def review_options(command):
    """The options that choose the rules and read the input, shared by `fix` and `report`."""
    for option in reversed([
        click.option("--select", multiple=True, help="Only these rules or packs (ids or prefixes, comma-separated)."),
        click.option("--ignore", multiple=True, help="Skip these rules or packs (ids or prefixes, comma-separated)."),
        rules_option,
        click.option("--no-builtin", is_flag=True, help="Do not load the packs shipped with mtreview."),
        click.option("--encoding", default=None, help="Decode input with this codec instead of UTF-8."),
        config_option,
    ]):
        command = option(command)
    return command


def workflow_options(command):
    """Configuration, input formats, baseline and suppressions of `check`."""
    for option in reversed([
        config_option,
        click.option("--text-field", default=None, help="JSONL: dotted path of the text to review."),
        click.option("--source-column", default=None, help="TSV/CSV: the source column (header or number)."),
        click.option("--target-column", default=None, help="TSV/CSV: the column to review (header or number)."),
        click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), default=None,
                     help="Report and fail only on findings not recorded in this baseline."),
        click.option("--write-baseline", type=click.Path(dir_okay=False), default=None,
                     help="Record today's findings in this baseline file, then exit 0."),
        click.option("--report-unused-suppressions", is_flag=True,
                     help="Report (and fail on) mtreview-disable comments that suppress nothing."),
    ]):
        command = option(command)
    return command


def _effective(config_file, **overrides):
    """The configuration in force: the file (given or found), then the command line."""
    from .config import ConfigError, load

    try:
        return load(config_file).override(**overrides)
    except ConfigError as exc:
        _fail(str(exc))


def _reviewer_from(config):
    from .packs import PackError
    from .reviewer import Reviewer

    try:
        return Reviewer.from_config(config)
    except PackError as exc:
        _fail(str(exc))


def _write_baseline(file, results) -> None:
    from . import baseline

    count = baseline.write(file, results)
    for result in results:
        if result.error:
            click.echo(f"error: {result.error}", err=True)
    click.echo(f"wrote {count} findings to the baseline {file}", err=True)
    sys.exit(EXIT_ERROR if any(r.error for r in results) else EXIT_CLEAN)


def _new_only(results, file):
    from .baseline import BaselineError, new_only

    try:
        return new_only(results, file)
    except BaselineError as exc:
        _fail(str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mtreview")
def main():
    """Review machine-translated English the way a careful copy editor would."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json", "sarif", "github"]),
              default="text", show_default=True, help="Output format.")
@click.option("--select", multiple=True, help="Only these rules or packs (ids or prefixes, comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules or packs (ids or prefixes, comma-separated).")
@click.option("--fail-on", type=click.Choice(SEVERITY_CHOICES), default=None,
              help="Exit 1 when a finding of this severity or worse is found (default: major).")
@click.option("--fail-under", type=float, default=None, help="Exit 1 when a document's quality is below this.")
@rules_option
@click.option("--no-builtin", is_flag=True, help="Do not load the packs shipped with mtreview.")
@click.option("--encoding", default=None, help="Decode input with this codec instead of UTF-8.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the diff `mtreview fix` would apply instead; write nothing.")
@click.option("--unsafe-fixes", is_flag=True, help="With --diff: include the edits that need review.")
@click.option("--require-grammar", is_flag=True,
              help="Exit 2 when LanguageTool cannot be reached (by default: a warning, other packs run).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Review on N processes (default: the number of CPUs); the output is the same.")
@click.option("--dask-scheduler", default=None, metavar="ADDRESS|local",
              help="Review on a Dask cluster (tcp://host:8786, or local for a LocalCluster).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@workflow_options
def check(paths, output_format, select, ignore, fail_on, fail_under, rules_dirs, no_builtin, encoding,
          show_diff, unsafe_fixes, require_grammar, jobs, dask_scheduler, quiet, config_file, text_field,
          source_column, target_column, baseline_file, write_baseline, report_unused_suppressions):
    """Review PATHS (files, directories, or - for standard input) and print the findings."""
    from .parallel import SchedulerError, default_jobs
    from .runner import Tally, iter_results

    config = _effective(config_file, select=_split(select), ignore=_split(ignore), rules=tuple(rules_dirs),
                        builtin_rules=False if no_builtin else None, fail_on=fail_on, fail_under=fail_under,
                        encoding=encoding, text_field=text_field, source_column=source_column,
                        target_column=target_column).config
    fail_on, fail_under, encoding = config.fail_on, config.fail_under, config.encoding
    reviewer = _reviewer_from(config)
    if require_grammar:
        _require_grammar(reviewer)
    if show_diff:
        _fix(reviewer, paths, unsafe_fixes, True, encoding, config.read_options())
    results = iter_results(reviewer, paths, options=config.read_options(),
                           report_unused_suppressions=report_unused_suppressions,
                           jobs=jobs or default_jobs(), scheduler=dask_scheduler, progress=not quiet)
    streamed = output_format in ("text", "json") and not (write_baseline or baseline_file)
    try:
        if not streamed:  # a baseline and a SARIF log need every result at once
            results = list(results)
        if write_baseline:
            _write_baseline(write_baseline, results)
        if baseline_file:
            results = _new_only(results, baseline_file)
        if output_format == "sarif":
            from .reports.sarif import render as render_sarif

            def chunks(results):
                yield render_sarif(results, reviewer.rules)
        elif output_format == "github":
            from .reports.github import render

            def chunks(results):
                yield render(results)
        elif output_format == "json":
            from .reports.json import render_chunks as chunks
        else:
            from .reports.text import render_lines as chunks
        tally = Tally(results, fail_on, fail_under)
        _echo_all(chunks(tally))
    except SchedulerError as exc:
        _fail(str(exc))
    for error in tally.errors:
        click.echo(f"error: {error}", err=True)
    if tally.errors:
        sys.exit(EXIT_ERROR)
    if require_grammar:
        _require_grammar(reviewer)  # the server may have gone away during the run
    sys.exit(EXIT_FINDINGS if tally.failing else EXIT_CLEAN)


def _echo_all(chunks, lines_per_write: int = 512) -> None:
    """Print output as it is produced, a few hundred lines per write."""
    buffer: list[str] = []
    for chunk in chunks:
        buffer.append(chunk)
        if len(buffer) >= lines_per_write:
            click.echo("".join(buffer), nl=False)
            buffer.clear()
    if buffer:
        click.echo("".join(buffer), nl=False)


def _require_grammar(reviewer) -> None:
    from .grammar import require

    reason = require(reviewer.rules)
    if reason:
        _fail(f"--require-grammar: {reason}")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--unsafe-fixes", is_flag=True, help="Also apply the edits that need review.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of the edits instead of writing.")
@review_options
def fix(paths, unsafe_fixes, show_diff, select, ignore, rules_dirs, no_builtin, encoding, config_file):
    """Apply the safe edits to PATHS in place (exit 1 when a file changed, 0 when none had to)."""
    config = _effective(config_file, select=_split(select), ignore=_split(ignore), rules=tuple(rules_dirs),
                        builtin_rules=False if no_builtin else None, encoding=encoding).config
    _fix(_reviewer_from(config), paths, unsafe_fixes, show_diff, config.encoding, config.read_options())


def _fix(reviewer, paths, unsafe, show_diff, encoding, options=None):
    from .fixing import STDIN, plan_fixes, write_all

    run = plan_fixes(reviewer, paths, unsafe=unsafe, encoding=encoding, options=options)
    if show_diff:
        from .reports.diff import colorize, render

        diff = render(run.files)
        click.echo(colorize(diff) if sys.stdout.isatty() else diff, nl=False)
    else:
        run = write_all(run)
    to_stderr = show_diff or any(f.path == STDIN for f in run.files)
    for file in run.files:
        if file.path == STDIN and not show_diff and not file.error:
            click.echo(file.fixed, nl=False)
        elif file.changed and not show_diff:
            click.echo(f"Fixing {file.path}", err=to_stderr)
        if file.error:
            click.echo(f"error: {file.error}", err=True)
    click.echo(run.summary(written=not show_diff), err=to_stderr)
    sys.exit(run.exit_code())


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="The HTML file to write (- for standard output).")
@review_options
def report(paths, output, select, ignore, rules_dirs, no_builtin, encoding, config_file):
    """Write one self-contained HTML page for editors: findings in place, edits as diffs, fixed text."""
    from .fixing import fix_reviews
    from .io import is_one_of
    from .reports.html import render
    from .runner import review_paths

    config = _effective(config_file, select=_split(select), ignore=_split(ignore), rules=tuple(rules_dirs),
                        builtin_rules=False if no_builtin else None, encoding=encoding).config
    reviewer = _reviewer_from(config)
    results = review_paths(reviewer, paths, options=config.read_options())  # formats as `check` reads them
    if is_one_of(output, [r.path for r in results]):
        _fail(f"{output}: is one of the inputs; the report would overwrite it")
    page = render(results, fix_reviews(reviewer, results))
    try:
        with click.open_file(output, "w", encoding="utf-8", atomic=output != "-") as handle:
            handle.write(page)
    except OSError as exc:
        _fail(f"{output}: {exc.strerror or exc}")
    for result in results:
        if result.error:
            click.echo(f"error: {result.error}", err=True)
    sys.exit(EXIT_ERROR if any(r.error for r in results) else EXIT_CLEAN)


@main.group()
def rules():
    """List, explain and test rules."""


@rules.command("list")
@click.option("--pack", default=None, help="Only this pack.")
@rules_option
def rules_list(pack, rules_dirs):
    """List every rule with its kind, severity and category."""
    reviewer = _reviewer(rules=rules_dirs)
    chosen = [r for r in reviewer.rules if pack is None or r.pack == pack]
    if not chosen:
        _fail(f"no rules in pack '{pack}'")
    entries = 0
    for rule in chosen:
        count = len(rule.params.get("entries", [])) if rule.kind == "term" else 0
        entries += count
        extra = f" ({count} entries)" if count else ""
        click.echo(f"{rule.id:48} {rule.kind:14} {rule.severity.value:8} {rule.category}{extra}")
    kinds = {}
    for rule in chosen:
        kinds[rule.kind] = kinds.get(rule.kind, 0) + 1
    by_kind = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    click.echo(f"{len(chosen)} rules ({by_kind}); {entries} glossary entries")


@rules.command("show")
@click.argument("rule_id")
@rules_option
def rules_show(rule_id, rules_dirs):
    """Explain one rule: what it finds, why it matters, an example, what to write instead, fix safety."""
    from .ruletest import unmark

    reviewer = _reviewer(rules=rules_dirs)
    rule = next((r for r in reviewer.rules if r.id == rule_id), None)
    if rule is None:
        _fail(f"no rule '{rule_id}' (see `mtreview rules list`)")
    doc = rule.doc or {}
    click.echo(f"{rule.id}  ({rule.kind}, {rule.severity.value}, {rule.category}; edits: {rule.applicability})")
    click.echo(f"defined in {rule.file}\n")
    for heading, key in (("What it finds", "what"), ("Why it matters", "why")):
        if doc.get(key):
            click.echo(f"{heading}:\n  {doc[key]}\n")
    bad = (rule.examples or {}).get("bad") or []
    if bad:
        first = bad[0] if isinstance(bad[0], dict) else {"text": bad[0]}
        text, spans = unmark(first.get("text", ""))
        click.echo("Example:\n  " + text)
        if spans:
            click.echo("  flagged: " + ", ".join(repr(text[s:e]) for s, e in spans))
        if first.get("fixed"):
            click.echo(f"Use instead:\n  {first['fixed']}")
        click.echo("")
    click.echo(f"Fix safety:\n  {doc.get('fix') or ('safe' if rule.applicability == 'safe' else 'needs review')}")
    if rule.kind == "term":
        entries = rule.params.get("entries", [])
        click.echo(f"\nGlossary ({len(entries)} entries):")
        for entry in entries:
            click.echo(f"  {entry.get('zh', '')}  {entry.get('use', '')!r}  <-  {', '.join(map(repr, entry.get('not', [])))}")


@rules.command("test")
@click.argument("packs", nargs=-1, type=click.Path())
def rules_test(packs):
    """Run every example of every rule in PACKS (directories or files; default: the shipped packs)."""
    from .packs import PackError, default_rule_dirs, load_rules
    from .ruletest import run_all

    try:
        rules = load_rules(packs or default_rule_dirs())
        count, failures = run_all(rules)
    except PackError as exc:
        _fail(str(exc))
    for failure in failures:
        click.echo(f"FAIL {failure}")
    click.echo(f"{count - len(failures)} passed, {len(failures)} failed ({len(rules)} rules)")
    sys.exit(EXIT_FINDINGS if failures else EXIT_CLEAN)


@main.command("config")
@config_option
def config_command(config_file):
    """Print the configuration in force (TOML) and where each value comes from."""
    from .config import describe

    click.echo(describe(_effective(config_file)), nl=False)


@main.command("eval")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@rules_option
@click.option("--select", multiple=True, help="Only these rules or packs.")
@click.option("--ignore", multiple=True, help="Skip these rules or packs.")
@click.option("--verbose", "-v", is_flag=True,
              help="List missed artefacts and false alarms per file (development files only).")
@click.option("--show-held-out", is_flag=True,
              help="With -v, list them for the held-out files too (spoils them as a test of new rules).")
def eval_command(directory, output_format, rules_dirs, select, ignore, verbose, show_held_out):
    """Recall, flag precision and exact-fix rate against the annotated articles in DIRECTORY."""
    import json
    from pathlib import Path

    from .evaluation import evaluate_dir, render_text
    from .io import InputError

    reviewer = _reviewer(select, ignore, rules_dirs)
    try:
        report = evaluate_dir(Path(directory), reviewer)
    except InputError as exc:
        _fail(str(exc))
    if output_format == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    click.echo(render_text(report), nl=False)
    if verbose:
        for name, row in report["files"].items():
            if row["holdout"] and not show_held_out:
                continue
            for item in row["missed"]:
                click.echo(f"missed {name}: {item}")
            for item in row["false_alarms"]:
                click.echo(f"false alarm {name}: {item}")


@main.command()
@click.argument("hypothesis", type=click.Path())
@click.option("--ref", "refs", multiple=True, type=click.Path(),
              help="A reference translation, line-aligned with HYPOTHESIS (repeatable).")
@click.option("--post-edited", type=click.Path(), default=None,
              help="The post-edited MT, line-aligned: adds HTER (case-sensitive TER).")
@click.option("--sentences", is_flag=True, help="Add the figures of every sentence.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--encoding", default=None, help="Decode the files with this codec instead of UTF-8.")
@click.option("--text-field", default=None, help="JSONL: dotted path of the segment text in each record.")
@click.option("--target-column", default=None, help="TSV/CSV: the column holding the segment (header or number).")
def score(hypothesis, refs, post_edited, sentences, output_format, encoding, text_field, target_column):
    """Corpus BLEU, chrF2, chrF++ and TER of HYPOTHESIS against references (sacrebleu), and HTER.
    Text files are read line by line; JSONL, TSV/CSV, XLIFF, PO and TMX one record or unit each."""
    import json

    from .io import InputError
    from .metrics import read_segments, render_score_text, score_report

    if not refs and post_edited is None:
        _fail("give at least one --ref or --post-edited")
    try:
        def segments(path):
            return read_segments(path, encoding, text_field, target_column)

        hyp = segments(hypothesis)
        references = [segments(path) for path in refs]
        edited = segments(post_edited) if post_edited else None
        report = score_report(hyp, references, edited, sentences)
    except (InputError, ValueError) as exc:
        _fail(str(exc))
    if output_format == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        click.echo(render_score_text(report), nl=False)


if __name__ == "__main__":
    main()
