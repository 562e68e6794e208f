"""Each article format, written as small original examples."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from reader.articles import load_file

HARBOUR = (
    "The harbour authority in Valparaíso said on Monday that dredging would resume next "
    "month after a pause of six weeks. Officials expect the work to cost $12 million."
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_plain_with_body_on_the_date_line(tmp_path: Path) -> None:
    text = f" date 2023-05-08 {HARBOUR}\n\nA second paragraph follows.\n"
    [article], problems = load_file(write(tmp_path, "a.txt", text))
    assert problems == []
    assert article.date == dt.date(2023, 5, 8)
    assert article.paragraph_text(0) == HARBOUR
    assert article.paragraph_text(1) == "A second paragraph follows."
    # offsets index the whole file text, header included
    first = article.paragraphs[0]
    assert text[first.start : first.end] == HARBOUR
    assert first.start == len(" date 2023-05-08 ")
    assert article.title.startswith("The harbour authority in Valparaíso said on Monday")
    assert article.title_derived


def test_plain_with_header_lines_in_any_case(tmp_path: Path) -> None:
    text = (
        "Date: April 26, 2022\nTITLE: Dredging resumes\nsource Harbour Gazette\n"
        "Url: https://example.org/x\nauthor: R. Vidal\n\n" + HARBOUR + "\n"
    )
    [article], problems = load_file(write(tmp_path, "b.txt", text))
    assert problems == []
    assert article.date == dt.date(2022, 4, 26)
    assert article.title == "Dredging resumes"
    assert article.source == "Harbour Gazette"
    assert article.url == "https://example.org/x"
    assert article.author == "R. Vidal"
    assert not article.title_derived
    assert article.paragraph_text(0) == HARBOUR


def test_plain_header_on_its_own_line_then_body(tmp_path: Path) -> None:
    text = " date 2021-11-02 \nFirst words here. More words.\n\n\n\nLast paragraph.\n"
    [article], _ = load_file(write(tmp_path, "c.txt", text))
    assert article.date == dt.date(2021, 11, 2)
    assert [article.paragraph_text(i) for i in range(len(article.paragraphs))] == [
        "First words here. More words.",
        "Last paragraph.",
    ]
    assert article.title == "First words here."


def test_crlf_line_endings_keep_offsets(tmp_path: Path) -> None:
    text = "date: 2020-01-15\r\ntitle: Windows file\r\n\r\nOne.\r\n\r\nTwo.\r\n"
    [article], _ = load_file(write(tmp_path, "crlf.txt", text))
    assert article.title == "Windows file"
    assert [text[p.start : p.end] for p in article.paragraphs] == ["One.", "Two."]


def test_first_line_that_only_looks_like_a_header_is_body(tmp_path: Path) -> None:
    text = "Title IX funding was cut on Friday, officials said.\n\nMore.\n"
    [article], problems = load_file(write(tmp_path, "t.txt", text))
    assert problems == []
    assert article.paragraph_text(0).startswith("Title IX funding")
    assert article.title == "Title IX funding was cut on Friday, officials said."


def test_markdown_front_matter(tmp_path: Path) -> None:
    text = (
        '---\ntitle: "Salt flats: a new survey"\ndate: 2024-02-29\nsource: Altiplano Post\n---\n\n'
        "Surveyors mapped the flats over 40 days.\n\nThe report is due in May.\n"
    )
    [article], problems = load_file(write(tmp_path, "s.md", text))
    assert problems == []
    assert article.format == "markdown"
    assert article.title == "Salt flats: a new survey"
    assert article.date == dt.date(2024, 2, 29)
    assert article.source == "Altiplano Post"
    assert article.paragraph_text(0) == "Surveyors mapped the flats over 40 days."


def test_markdown_without_front_matter_uses_heading(tmp_path: Path) -> None:
    text = "# Ferry timetable changes\n\nFerries will run hourly from June.\n"
    [article], _ = load_file(write(tmp_path, "2024-05-30-ferries.md", text))
    assert article.title == "Ferry timetable changes"
    assert article.date == dt.date(2024, 5, 30)


def test_json_list_and_object(tmp_path: Path) -> None:
    records = [
        {"date": "2023-03-01", "title": "Wind farm approved", "text": "Para one.\n\nPara two."},
        {"date": "March 2, 2023", "title": "Tolls rise", "body": ["Tolls rose 4 percent.", "Drivers object."]},
    ]
    articles, problems = load_file(write(tmp_path, "feed.json", json.dumps(records)))
    assert problems == []
    assert [a.title for a in articles] == ["Wind farm approved", "Tolls rise"]
    assert articles[1].date == dt.date(2023, 3, 2)
    assert articles[1].paragraph_text(1) == "Drivers object."
    assert [a.record for a in articles] == [0, 1]
    assert len({a.id for a in articles}) == 2
    [single], _ = load_file(write(tmp_path, "one.json", json.dumps(records[0])))
    assert single.title == "Wind farm approved"


def test_jsonl_reports_bad_lines_and_keeps_good_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps({"date": "2023-07-04", "title": "Port reopens", "text": "The port reopened."}),
        "{not json",
        json.dumps({"title": "No body"}),
        "",
        json.dumps({"date": "2023-07-05", "content": "Cranes are back at work."}),
    ]
    articles, problems = load_file(write(tmp_path, "wire.jsonl", "\n".join(lines)))
    assert [a.title for a in articles] == ["Port reopens", "Cranes are back at work."]
    reasons = [p.reason for p in problems]
    assert any(r.startswith("line 2: not valid JSON") for r in reasons)
    assert any(r.startswith("line 3: no 'text'") for r in reasons)
    assert all(not p.skipped for p in problems)  # the file itself still loaded


def test_date_from_file_name_and_undated(tmp_path: Path) -> None:
    [named], _ = load_file(write(tmp_path, "2019-10-31-storm.txt", "title: Storm\n\nRain fell.\n"))
    assert named.date == dt.date(2019, 10, 31)
    [undated], problems = load_file(write(tmp_path, "notes.txt", "Just words, no date at all.\n"))
    assert undated.date is None and problems == []


def test_bad_date_is_reported_and_article_loads_undated(tmp_path: Path) -> None:
    [article], problems = load_file(write(tmp_path, "2020-01-01-x.txt", "date: 2021-13-45\n\nBody text.\n"))
    assert article.date is None
    assert len(problems) == 1 and "2021-13-45" in problems[0].reason
    assert not problems[0].skipped


def test_ids_are_stable_and_follow_content(tmp_path: Path) -> None:
    one = write(tmp_path, "one/x.txt", f" date 2023-05-08 \n\n{HARBOUR}\n")
    two = write(tmp_path, "two/renamed.txt", f"date: May 8, 2023\ntitle: Other header\n\n{HARBOUR}\n")
    [a], _ = load_file(one)
    [again], _ = load_file(one)
    [b], _ = load_file(two)
    assert a.id == again.id == b.id  # same body: same id, wherever the file lives
    assert a.fingerprint != b.fingerprint  # but the files differ
    edited = write(tmp_path, "one/x.txt", f" date 2023-05-08 \n\n{HARBOUR} Updated.\n")
    [c], _ = load_file(edited)
    assert c.id != a.id


def test_file_format_names_the_parser_chosen(tmp_path: Path) -> None:
    """``file_format`` says, from the name alone, what ``Article.format`` is once parsed:
    what ``reader list --json`` shows for index rows, which do not store it."""
    from reader.articles.parse import file_format

    body = "A body long enough to be an article about the harbour."
    files = {
        "a.txt": f" date 2023-05-08 {body}\n",
        "b.MD": f"# Title\n\n{body}\n",
        "c.markdown": f"{body}\n",
        "d.json": json.dumps([{"text": body}]),
        "e.jsonl": json.dumps({"text": body}) + "\n",
        "f.NDJSON": json.dumps({"text": body}) + "\n",
        "g": f"{body}\n",
        "h.md.txt": f"{body}\n",
    }
    for name, text in files.items():
        path = write(tmp_path, name, text)
        [article], _ = load_file(path)
        assert article.format == file_format(path) == file_format(str(path)), name


def test_plain_colonless_header_lines_in_any_order(tmp_path: Path) -> None:
    """`title ...` before `date ...`, no colons: both are header (the date line vouches
    for the block), and the body's offsets still index the whole file."""
    text = "title Apple opens a store in Lagos\ndate 2023-08-04\nsource Lagos Daily\n\n" + HARBOUR + "\n"
    [article], problems = load_file(write(tmp_path, "apple.txt", text))
    assert problems == []
    assert article.title == "Apple opens a store in Lagos" and not article.title_derived
    assert article.date == dt.date(2023, 8, 4)
    assert article.source == "Lagos Daily"
    first = article.paragraphs[0]
    assert text[first.start : first.end] == HARBOUR == article.paragraph_text(0)


def test_plain_colonless_lines_vouched_for_by_a_colon_line(tmp_path: Path) -> None:
    text = "author R. Vidal\ntitle: Dredging resumes\n\n" + HARBOUR + "\n"
    [article], _ = load_file(write(tmp_path, "vidal.txt", text))
    assert article.author == "R. Vidal" and article.title == "Dredging resumes"
    assert article.paragraph_text(0) == HARBOUR


def test_plain_colonless_title_before_date_line_with_body(tmp_path: Path) -> None:
    text = f"title Dredging resumes\n date 2023-05-08 {HARBOUR}\n"
    [article], _ = load_file(write(tmp_path, "same.txt", text))
    assert article.title == "Dredging resumes" and article.date == dt.date(2023, 5, 8)
    assert article.paragraphs[0].start == text.index("The harbour")


def test_first_lines_of_prose_starting_with_header_words_are_body(tmp_path: Path) -> None:
    """With no unambiguous header line in the block, colon-less lines are prose."""
    text = "Source close to the talks said the deal was near.\nTitle deeds were signed.\n\nMore.\n"
    [article], problems = load_file(write(tmp_path, "s.txt", text))
    assert problems == [] and article.date is None and article.source is None
    assert article.paragraphs[0].start == 0
    assert article.title == "Source close to the talks said the deal was near."


def test_body_line_after_the_header_block_is_body(tmp_path: Path) -> None:
    text = "title Dredging resumes\ndate 2023-05-08\n\nSource close to the talks said so.\n"
    [article], _ = load_file(write(tmp_path, "after.txt", text))
    assert article.title == "Dredging resumes" and article.source is None
    assert article.paragraph_text(0) == "Source close to the talks said so."


def test_utf8_bom_is_not_part_of_title_or_json(tmp_path: Path) -> None:
    text = "\ufeffNo header here. More words.\n"
    [article], problems = load_file(write(tmp_path, "bom.txt", text))
    assert problems == [] and article.title == "No header here."
    assert text[article.paragraphs[0].start :].startswith("No header")  # the BOM is offset 0
    [record], problems = load_file(write(tmp_path, "bom.json", '\ufeff{"title": "J", "text": "Body."}'))
    assert problems == [] and record.title == "J"
    [line], problems = load_file(write(tmp_path, "bom.jsonl", '\ufeff{"title": "L", "text": "Body."}\n'))
    assert problems == [] and line.title == "L"
