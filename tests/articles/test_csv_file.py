"""CSV and TSV exports: columns by name, sniffed delimiters, BOM / CRLF / quoted newlines,
bad rows reported by number while the rest load, rows re-read alone from their offset,
and a reader that never raises and always gives offsets into the row's body."""

from __future__ import annotations

import datetime as dt
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.articles import load_file, parse_file_text
from reader.articles.csv_file import column_key, iter_csv, read_csv_row
from reader.articles.scan import iter_file, load_record


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_columns_are_recognised_by_name_and_the_others_kept(tmp_path: Path) -> None:
    text = (
        "Published_At,HEAD-LINE,Full Text,Publisher,Link,By line,GUID,section,lang\n"
        "2024-02-03,Ferry strike ends,Crews return today.,Harbour Times,https://h.example/1,Ana Ruiz,a-17,Local,en\n"
    )
    [article], problems = load_file(write(tmp_path, "export.csv", text))
    assert problems == []
    assert (article.date, article.title, article.text) == (
        dt.date(2024, 2, 3),
        "Ferry strike ends",
        "Crews return today.",
    )
    assert (article.source, article.url) == ("Harbour Times", "https://h.example/1")
    assert article.author == "Ana Ruiz"  # "By line": spaces are ignored
    assert article.extra == (("GUID", "a-17"), ("section", "Local"), ("lang", "en"))
    assert (article.format, article.record) == ("csv", 0)


def test_column_names_ignore_case_spaces_underscores_and_dashes() -> None:
    assert column_key(" Full_Text ") == column_key("full-text") == column_key("FULLTEXT") == "fulltext"
    assert column_key("\ufeffPublish Date") == "publishdate"


def test_bom_crlf_quoted_newlines_and_semicolons(tmp_path: Path) -> None:
    data = (
        "\ufefftitle;date;text\r\n"
        'Storm;2024-01-05;"First paragraph; with a semicolon.\r\n\r\nSecond ""quoted"" paragraph."\r\n'
        "Calm;5 January 2024;One line.\r\n"
    ).encode()
    articles, problems = load_file(write(tmp_path, "semi.csv", data))
    assert problems == []
    storm, calm = articles
    assert storm.title == "Storm" and calm.date == dt.date(2024, 1, 5)
    assert [storm.paragraph_text(i) for i in range(2)] == [
        "First paragraph; with a semicolon.",
        'Second "quoted" paragraph.',
    ]
    assert (storm.record, calm.record) == (0, 1)


def test_tsv_and_pipes(tmp_path: Path) -> None:
    [tab], _ = load_file(write(tmp_path, "a.tsv", "headline\tbody\nTabs\tA body, with a comma.\n"))
    assert (tab.title, tab.text) == ("Tabs", "A body, with a comma.")
    [pipe], _ = load_file(write(tmp_path, "b.csv", "title|content\nPipes|Body; text, here\n"))
    assert (pipe.title, pipe.text) == ("Pipes", "Body; text, here")


def test_bad_rows_are_reported_by_number_and_the_rest_load(tmp_path: Path) -> None:
    data = (
        "title,date,text\n"
        "Good one,2024-01-01,Fine body.\n"
        "No body,2024-01-02,\n"
        "Too,many,fields,here\n"
        '"Broken,2024-01-03,"quote"oops\n'
        "Good two,2024-01-04,Another body.\n"
        "Bad date,not a date,Still loaded.\n"
    )
    articles, problems = load_file(write(tmp_path, "bad.csv", data))
    assert [a.title for a in articles] == ["Good one", "Good two", "Bad date"]
    assert [a.record for a in articles] == [0, 4, 5]
    reasons = [p.reason for p in problems]
    assert reasons[0].startswith("data row 2 (line 3): no text in the 'text' column")
    assert reasons[1].startswith("data row 3 (line 4): 4 fields where the header has 3")
    assert reasons[2].startswith("data row 4 (line 5): a broken quote")
    assert reasons[3].startswith("data row 6 (line 7): date 'not a date' is not a valid date")
    assert not any(p.skipped for p in problems)
    assert all(p.path.name == "bad.csv" for p in problems)


def test_an_over_long_field_is_one_problem(tmp_path: Path) -> None:
    huge = "x" * 200_000
    data = f'title,text\nBefore,ok\nHuge,"{huge}\nAfter,also ok\n'  # a quote never closed
    articles, problems = load_file(write(tmp_path, "long.csv", data))
    # the runaway field stops at the limit; parsing starts afresh on the next line
    assert [(a.title, a.record) for a in articles] == [("Before", 0), ("After", 2)]
    assert len(problems) == 1 and "data row 2 (line 3): a field longer than" in problems[0].reason


def test_a_file_without_a_body_column_is_left_out(tmp_path: Path) -> None:
    articles, problems = load_file(write(tmp_path, "x.csv", "name,value\na,1\n"))
    assert articles == [] and problems[0].skipped and "no body column" in problems[0].reason


def test_unix_timestamps_are_dates(tmp_path: Path) -> None:
    [a, b], _ = load_file(write(tmp_path, "t.csv", "timestamp,text\n1704067200,A\n1704153600000,B\n"))
    assert (a.date, b.date) == (dt.date(2024, 1, 1), dt.date(2024, 1, 2))


def test_a_row_is_read_alone_from_its_offset(tmp_path: Path) -> None:
    rows = "".join(f'Row {n},"Body {n}\nline two"\n' for n in range(50))
    path = write(tmp_path, "many.csv", "\ufefftitle,text\r\n" + rows)
    articles, _ = load_file(path)
    for article in (articles[0], articles[17], articles[-1]):
        assert article.offset is not None
        again = read_csv_row(path, article.record or 0, article.offset)
        assert again == article
        assert load_record(path, article.record) == article  # streamed to, without the offset
    assert read_csv_row(path, 99) is None


def test_rows_come_in_batches_not_all_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, "b.csv", "title,text\n" + "".join(f"T{n},Body {n}\n" for n in range(25)))
    sizes = [len(articles) for articles, _ in iter_csv(path, batch=10)]
    assert sizes == [10, 10, 5]
    assert sum(len(a) for a, _ in iter_file(path)) == 25


def test_streaming_does_not_hold_the_file(tmp_path: Path) -> None:
    """A 20 MB export read through: what is live at any time stays far below its size."""
    body = "word " * 400
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("title,date,text,section\n")
        for n in range(10_000):
            out.write(f'"Title {n}",2024-01-{n % 28 + 1:02d},"{body}{n}",news\n')
    size = path.stat().st_size
    assert size > 20_000_000
    tracemalloc.start()
    try:
        count = 0
        for articles, _ in iter_file(path):
            count += len(articles)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 10_000
    assert peak < size / 8


def test_text_in_memory_reads_as_the_file_does(tmp_path: Path) -> None:
    text = "title,text\nOne,Body one.\nTwo,\n"
    path = write(tmp_path, "m.csv", text)
    from_file, problems = load_file(path)
    in_memory = parse_file_text(path, text)
    assert [a.id for a in in_memory.articles] == [a.id for a in from_file]
    assert in_memory.problems == [p.reason for p in problems]


CELL = st.text(alphabet=st.sampled_from(list('ab ,;|\t"\r\n\ufeffé\x1b')), max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    header=st.lists(st.sampled_from(["title", "text", "date", "x", "body", ""]), max_size=4),
    cells=st.lists(CELL, max_size=20),
    suffix=st.sampled_from([".csv", ".tsv"]),
)
def test_the_reader_never_raises_and_offsets_are_valid(header: list[str], cells: list[str], suffix: str) -> None:
    text = ",".join(header) + "\n" + ",".join(cells)
    result = parse_file_text(Path(f"f{suffix}"), text)
    for article in result.articles:
        assert article.paragraphs
        for span in article.paragraphs:
            assert 0 <= span.start < span.end <= len(article.text)
            assert article.text[span.start : span.end].strip()
        starts = [s.start for s in article.paragraphs]
        assert starts == sorted(starts)


def test_a_cp1252_export_is_decoded_and_said_so(tmp_path: Path) -> None:
    data = "title;text\nCafé;Crème brûlée à la carte, façade rénovée.\n".encode("cp1252")
    [article], problems = load_file(write(tmp_path, "w.csv", data))
    assert (article.title, article.text) == ("Café", "Crème brûlée à la carte, façade rénovée.")
    assert [p.reason for p in problems] == ["decoded as cp1252 (not UTF-8; encoding guessed)"]


def test_a_row_named_as_file_hash_n_is_read_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.commands import _resolve
    from reader.errors import ReaderError

    path = write(tmp_path, "r.csv", "title,text\n" + "".join(f"T{n},Body {n}\n" for n in range(30)))

    def whole_file(_: Path) -> object:
        raise AssertionError("the whole export was read")

    monkeypatch.setattr(_resolve, "load_file", whole_file)
    assert _resolve.resolve_article(f"{path}#17", tmp_path).title == "T17"
    with pytest.raises(ReaderError, match="has no usable data row #40"):
        _resolve.resolve_article(f"{path}#40", tmp_path)


ROW_CELL = st.text(alphabet=st.sampled_from(list('ab ,;"\r\n\u00e9\u4e2d')), max_size=10)


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(st.tuples(ROW_CELL, ROW_CELL), min_size=1, max_size=8), bom=st.booleans(), crlf=st.booleans())
def test_every_rows_byte_offset_reads_it_back(rows: list[tuple[str, str]], bom: bool, crlf: bool) -> None:
    import csv
    import io
    import tempfile

    out = io.StringIO()
    # a bare "\r" must be quoted to stay data: the minimal quoting does so only with CRLF lines
    quoting = csv.QUOTE_MINIMAL if crlf else csv.QUOTE_ALL
    csv.writer(out, lineterminator="\r\n" if crlf else "\n", quoting=quoting).writerows([("title", "text"), *rows])
    data = ("\ufeff" if bom else "") + out.getvalue()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.csv"
        path.write_bytes(data.encode("utf-8"))
        articles, _ = load_file(path)
        for article in articles:
            assert article.offset is not None
            assert read_csv_row(path, article.record or 0, article.offset) == article
        bodies = [text for _, text in rows if text.strip()]
        assert [a.text for a in articles] == bodies
