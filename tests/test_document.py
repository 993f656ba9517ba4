from mtreview.document import Document


def test_sentences_have_offsets_into_the_text():
    text = "Mr. Zhang spoke on the 30th. Exports rose 5 percent.\n\nA new paragraph starts here."
    doc = Document(text)
    sentences = [text[s.start:s.end] for s in doc.sentences]
    assert sentences == ["Mr. Zhang spoke on the 30th.", "Exports rose 5 percent.", "A new paragraph starts here."]


def test_chinese_sentence_marks_end_sentences():
    text = "会议在北京举行。代表们讨论了计划！Then English follows."
    doc = Document(text)
    assert [text[s.start:s.end] for s in doc.sentences] == ["会议在北京举行。", "代表们讨论了计划！", "Then English follows."]


def test_scraped_lines_are_separate_sentences():
    text = "The talks ended.\nReturn to list\nSource:ecns.cn"
    assert [text[s.start:s.end] for s in Document(text).sentences] == ["The talks ended.", "Return to list", "Source:ecns.cn"]


def test_line_and_column_count_crlf_as_one_break():
    text = "one\r\ntwo\rthree\nfour"
    doc = Document(text)
    assert doc.line_col(0) == (1, 1)
    assert doc.line_col(text.index("two")) == (2, 1)
    assert doc.line_col(text.index("three") + 2) == (3, 3)
    assert doc.line_col(text.index("four")) == (4, 1)


def test_folded_text_keeps_length():
    text = "İstanbul co‑construction “quoted” ﬁ"
    assert len(Document(text).folded_text) == len(text)


def test_empty_document():
    doc = Document("")
    assert doc.sentences == [] and doc.word_count == 0 and doc.line_col(0) == (1, 1)
