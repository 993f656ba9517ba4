"""Each input format read from a real file of that format; findings point into the original file."""
import json

import pytest
from mtreview.formats import ReadOptions, expand, read_units
from mtreview.io import InputError
from mtreview.reviewer import Reviewer
from mtreview.runner import review_paths

BAD = "Over 10000 people came to the the fair."


@pytest.fixture(scope="module")
def reviewer():
    return Reviewer.from_config()


def findings(results):
    """(location, line, column, rule, matched text) of every finding, in output order."""
    rows = []
    for result in results:
        assert result.error is None, result.error
        for finding in result.review.findings:
            line, column = result.line_col(finding.start)
            rows.append((result.location, line, column, finding.rule, finding.text))
    return rows


def test_text_file_offsets_are_the_files_own(tmp_path, reviewer):
    path = tmp_path / "a.txt"
    path.write_text("Title\n\n" + BAD + "\n", encoding="utf-8")
    rows = findings(review_paths(reviewer, [str(path)]))
    assert (str(path), 3, 6, "core/number-without-separators", "10000") in rows
    assert (str(path), 3, 27, "core/doubled-word", "the the") in rows


MARKDOWN = """---
title: the the report
---
# Report

Use `the the` here, see [the guide](http://example.com/the%20the) or https://example.com/a-the-the.

```
code the the   with   spaces
```

<!-- a comment with the the -->

[ref]: http://example.com/the the

Over 10000 people came to the the fair.
"""


def test_markdown_reviews_prose_only_with_offsets_into_the_file(tmp_path, reviewer):
    path = tmp_path / "a.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    results = review_paths(reviewer, [str(path)])
    rows = findings(results)
    line = MARKDOWN.splitlines().index(BAD) + 1
    assert rows == [(str(path), line, 6, "core/number-without-separators", "10000"),
                    (str(path), line, 27, "core/doubled-word", "the the")]
    review = results[0].review
    assert review.text == MARKDOWN  # reports show the file as written
    for finding in review.findings:
        assert MARKDOWN[finding.start:finding.end] == finding.text


def test_markdown_link_text_is_reviewed(tmp_path, reviewer):
    path = tmp_path / "b.md"
    path.write_text("Read [the the guide](https://example.com/x) today.\n", encoding="utf-8")
    assert [r[3:] for r in findings(review_paths(reviewer, [str(path)]))] == [("core/doubled-word", "the the")]


def test_jsonl_records_by_dotted_field(tmp_path, reviewer):
    path = tmp_path / "a.jsonl"
    records = [{"meta": {"text": "A clean sentence."}}, {"meta": {"text": BAD}}]
    path.write_text(json.dumps(records[0]) + "\n\n" + json.dumps(records[1]) + "\n", encoding="utf-8")
    results = review_paths(reviewer, [str(path)], options=ReadOptions(text_field="meta.text"))
    assert [r.location for r in results] == [f"{path}:1", f"{path}:3"]
    assert findings(results) == [(f"{path}:3", 3, 6, "core/number-without-separators", "10000"),
                                 (f"{path}:3", 3, 27, "core/doubled-word", "the the")]


def test_jsonl_errors_name_the_record(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "fine"}\n{"body": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.jsonl:2: record has no field 'text'"):
        list(read_units(str(path), ReadOptions(text_field="text")))
    path.write_text('{"text": "fine"}\n{not json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.jsonl:2: not a JSON record"):
        list(read_units(str(path), ReadOptions(text_field="text")))
    with pytest.raises(InputError, match="needs --text-field"):
        list(read_units(str(path), ReadOptions()))


@pytest.mark.parametrize("suffix, delimiter", [(".tsv", "\t"), (".csv", ",")])
def test_tables_review_the_target_and_keep_the_source(tmp_path, reviewer, suffix, delimiter):
    import csv

    path = tmp_path / f"pairs{suffix}"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(["zh", "en"])
        writer.writerow(["一切正常。", "All is well."])
        writer.writerow(["超过一万人参加了展会。", BAD])
    options = ReadOptions(source_column="zh", target_column="en")
    results = review_paths(reviewer, [str(path)], options=options)
    assert [(r.record, r.source) for r in results] == [(2, "一切正常。"), (3, "超过一万人参加了展会。")]
    assert findings(results)[-1] == (f"{path}:3", 3, 27, "core/doubled-word", "the the")
    by_number = review_paths(reviewer, [str(path)], options=ReadOptions(target_column="2"))
    assert [r.review.text for r in by_number] == ["en", "All is well.", BAD]  # no header: row 1 is data


def test_table_unknown_column_is_an_error(tmp_path):
    path = tmp_path / "a.tsv"
    path.write_text("zh\ten\nx\ty\n", encoding="utf-8")
    with pytest.raises(InputError, match="--target-column 'target' is not a column"):
        list(read_units(str(path), ReadOptions(target_column="target")))


def _translated_pairs():
    return [("一切正常。", "All is well."), ("超过一万人参加了展会。", BAD)]


def test_po_written_by_translate_toolkit(tmp_path, reviewer):
    from translate.storage import po

    store = po.pofile()
    for source, target in _translated_pairs():
        store.addsourceunit(source).target = target
    path = tmp_path / "news.po"
    path.write_bytes(bytes(store))
    results = review_paths(reviewer, [str(path)])
    assert [r.source for r in results] == ["一切正常。", "超过一万人参加了展会。"]
    lines = path.read_text(encoding="utf-8").splitlines()
    record = results[1].record
    assert lines[record - 1] == 'msgid "超过一万人参加了展会。"'
    assert findings(results) == [(f"{path}:{record}", record, 6, "core/number-without-separators", "10000"),
                                 (f"{path}:{record}", record, 27, "core/doubled-word", "the the")]


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_xliff_written_by_translate_toolkit(tmp_path, reviewer, version):
    from translate.storage import xliff, xliff2

    if version == "1.2":  # the toolkit's 1.x writer, told the 1.2 namespace (it defaults to 1.1)
        namespace = "urn:oasis:names:tc:xliff:document:1.2"
        unit_class = type("Unit12", (xliff.xliffunit,), {"namespace": namespace})
        store_class = type("File12", (xliff.xlifffile,), {
            "UnitClass": unit_class, "namespace": namespace,
            "XMLskeleton": xliff.xlifffile.XMLskeleton.replace("1.1", "1.2")})
    else:
        store_class = xliff2.Xliff2File
    store = store_class(sourcelanguage="zh", targetlanguage="en")
    for index, (source, target) in enumerate(_translated_pairs(), 1):
        unit = store.addsourceunit(source)
        unit.target = target
        unit.setid(f"s{index}")
    path = tmp_path / f"news-{version}.xlf"
    path.write_bytes(bytes(store))
    written = path.read_text(encoding="utf-8")
    assert f"urn:oasis:names:tc:xliff:document:{version}" in written and written.count("<target") == 2
    results = review_paths(reviewer, [str(path)])
    assert [r.review.text for r in results] == [t for _, t in _translated_pairs()]
    assert results[1].source == "超过一万人参加了展会。"
    assert [row[3:] for row in findings(results)] == [("core/number-without-separators", "10000"),
                                                      ("core/doubled-word", "the the")]
    unit_line = written.splitlines()[results[1].record - 1]   # the unit (1.2) or segment (2.0)
    assert 'id="s2"' in unit_line or "<source>超过一万人参加了展会。</source>" in unit_line


def test_tmx_written_by_translate_toolkit(tmp_path, reviewer):
    from translate.storage import tmx

    store = tmx.tmxfile(sourcelanguage="zh", targetlanguage="en")
    for source, target in _translated_pairs():
        store.addsourceunit(source).target = target
    path = tmp_path / "memory.tmx"
    path.write_bytes(bytes(store))
    results = review_paths(reviewer, [str(path)])
    assert [r.review.text for r in results] == [t for _, t in _translated_pairs()]
    assert [row[3:] for row in findings(results)] == [("core/number-without-separators", "10000"),
                                                      ("core/doubled-word", "the the")]


def test_broken_xliff_is_a_named_error(tmp_path, reviewer):
    path = tmp_path / "broken.xlf"
    path.write_text("<xliff version='1.2'><file>", encoding="utf-8")
    [result] = review_paths(reviewer, [str(path)])
    assert result.error.startswith(f"{path}: not a valid XLIFF file")


def test_unknown_extension_read_as_text_with_a_warning_or_skipped(tmp_path, reviewer):
    path = tmp_path / "notes.rst"
    path.write_text(BAD + "\n", encoding="utf-8")
    [result] = review_paths(reviewer, [str(path)])
    assert f"{path}: unknown extension '.rst', read as text" in result.review.warnings
    assert len(result.review.findings) == 2
    assert review_paths(reviewer, [str(path)], options=ReadOptions(unknown="skip")) == []
    mapped = review_paths(reviewer, [str(path)], options=ReadOptions(formats=((".rst", "text"),)))
    assert mapped[0].review.warnings == ()


def test_directory_walk_picks_formats_and_honours_excludes(tmp_path):
    for name in ("a.txt", "b.md", "c.po", "d.jsonl", "drafts/e.txt", "f.yaml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    names = lambda options: [p.replace(str(tmp_path) + "/", "") for p, _ in expand([str(tmp_path)], options)]
    assert names(ReadOptions()) == ["a.txt", "b.md", "c.po", "drafts/e.txt"]
    assert names(ReadOptions(text_field="text")) == ["a.txt", "b.md", "c.po", "d.jsonl", "drafts/e.txt"]
    assert names(ReadOptions(exclude=("drafts",), root=str(tmp_path))) == ["a.txt", "b.md", "c.po"]
    assert names(ReadOptions(exclude=("*.md", "c.*"), root=str(tmp_path))) == ["a.txt", "drafts/e.txt"]


def test_html_report_reads_records_as_check_does(tmp_path):
    """`report` takes the configuration's formats; a finding in the second JSONL record is on line
    2 of the file, as in the text output."""
    from click.testing import CliRunner

    from mtreview.cli import main

    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "All is well."}\n{"text": "Over 10000 came."}\n', encoding="utf-8")
    config = tmp_path / ".mtreview.toml"
    config.write_text('text-field = "text"\n', encoding="utf-8")
    out = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["report", "--config", str(config), "-o", str(out), str(path)])
    assert result.exit_code == 0, result.output
    assert "line 2, col 6" in out.read_text(encoding="utf-8")
