"""Files that are not UTF-8: byte-order marks, guessed encodings, and real binaries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reader.articles import load_file, scan_corpus

LATIN = "title: Café in München\ndate: 2023-01-02\n\nDer Bürgermeister eröffnete das Café am Montag.\n"


def test_latin1_file_gets_its_title_and_a_problem_naming_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(LATIN.encode("latin-1"))
    [article], problems = load_file(path)
    assert article.title == "Café in München"
    assert article.paragraph_text(0) == "Der Bürgermeister eröffnete das Café am Montag."
    [problem] = problems
    assert not problem.skipped
    assert problem.reason.startswith("decoded as ") and "not UTF-8" in problem.reason
    encoding = problem.reason.removeprefix("decoded as ").split(" ")[0]
    assert LATIN.encode("latin-1").decode(encoding) == LATIN  # the named encoding is right
    # offsets index the decoded text
    first = article.paragraphs[0]
    assert article.text == LATIN and LATIN[first.start : first.end].startswith("Der Bürgermeister")


def test_utf16_le_with_bom_loads(tmp_path: Path) -> None:
    path = tmp_path / "notepad.txt"
    path.write_bytes("\ufeff".encode("utf-16-le") + LATIN.encode("utf-16-le"))
    [article], problems = load_file(path)
    assert article.title == "Café in München" and article.date == dt.date(2023, 1, 2)
    assert [p.reason for p in problems] == ["decoded as UTF-16-LE (byte-order mark; not UTF-8)"]
    assert article.text == "\ufeff" + LATIN  # the mark stays at offset 0, as for UTF-8
    first = article.paragraphs[0]
    assert article.text[first.start : first.end] == "Der Bürgermeister eröffnete das Café am Montag."


def test_utf16_be_and_utf32_with_bom_load(tmp_path: Path) -> None:
    for name, codec in (("be.txt", "utf-16-be"), ("u32le.txt", "utf-32-le"), ("u32be.txt", "utf-32-be")):
        path = tmp_path / name
        path.write_bytes(("\ufeff" + LATIN).encode(codec))
        [article], problems = load_file(path)
        assert article.title == "Café in München", name
        assert [p.skipped for p in problems] == [False]


def test_real_binary_is_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))
    articles, [problem] = load_file(path)
    assert articles == [] and problem.skipped and problem.reason == "binary file (contains NUL bytes)"


def test_utf8_file_gets_no_encoding_problem(tmp_path: Path) -> None:
    path = tmp_path / "utf8.txt"
    path.write_text(LATIN, encoding="utf-8")
    [article], problems = load_file(path)
    assert problems == [] and article.title == "Café in München"
    path.write_bytes(b"\xef\xbb\xbf" + LATIN.encode("utf-8"))  # UTF-8 with a BOM
    [article], problems = load_file(path)
    assert problems == [] and article.title == "Café in München"


def test_scan_reports_each_guess_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(LATIN.encode("latin-1"))
    (tmp_path / "b.txt").write_bytes(LATIN.encode("utf-16"))
    result = scan_corpus(tmp_path)
    assert [a.title for a in result.articles] == ["Café in München", "Café in München"]
    assert sorted(p.path.name for p in result.problems) == ["a.txt", "b.txt"]


def test_short_latin1_text_is_read_as_cp1252_not_a_rarer_page(tmp_path: Path) -> None:
    """charset-normalizer alone took this for cp775 ("Cafķ in M³nchen")."""
    text = "title: Café in München\ndate: 2023-01-02\n\nDer Bürgermeister eröffnete das Café.\n"
    path = tmp_path / "short.txt"
    path.write_bytes(text.encode("latin-1"))
    [article], [problem] = load_file(path)
    assert article.title == "Café in München"
    assert problem.reason == "decoded as cp1252 (not UTF-8; encoding guessed)"


def test_cyrillic_cp1251_keeps_its_guess(tmp_path: Path) -> None:
    text = "title: Москва открывает новый магазин\n\nМэр города сказал, что магазин откроется в понедельник.\n"
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("cp1251"))
    [article], [problem] = load_file(path)
    assert article.title == "Москва открывает новый магазин"
    assert problem.reason == "decoded as cp1251 (not UTF-8; encoding guessed)"


def test_a_problem_says_whether_the_file_was_left_out_or_still_loaded() -> None:
    from reader.articles import Problem

    left_out = Problem(Path("c/empty.txt"), "empty file", True)
    still = Problem(Path("c/feed.jsonl"), "record 3 skipped: no body", False)
    assert str(left_out) == "c/empty.txt: empty file (left out)"
    assert str(still) == "c/feed.jsonl: record 3 skipped: no body (still loaded)"
