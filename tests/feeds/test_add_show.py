"""``reader add`` (a saved page, a served page) and ``reader show`` (offsets that hold)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from feedkit import Server, send

from reader.articles import load_file
from reader.cli import main
from reader.safe_text import safe_text

STORY = (
    "Antonio Guterres met officials of the European Union in Geneva on Monday to discuss the river treaty. "
    "The talks lasted six hours, and the delegates from France and Germany agreed to meet again in May. "
)
PAGE = f"""<!doctype html><html><head><meta charset="utf-8">
<title>River treaty talks resume | The Daily Example</title>
<meta property="og:title" content="River treaty talks resume">
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2026-05-04T08:00:00Z">
</head><body>
<div id="cookie-banner">We use cookies. <button>Accept all</button></div>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>River treaty talks resume</h1>
<p>{STORY}</p><p>{STORY}</p><p>Officials said the next round would settle the remaining questions of water rights.</p>
</article>
<footer>Share on social media. Copyright The Daily Example.</footer>
</body></html>"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _only_article(root: Path) -> Path:
    [path] = [p for p in root.rglob("*.md")]
    return path


def _check_page_article(path: Path) -> None:
    [article] = load_file(path)[0]
    assert article.title == "River treaty talks resume"
    assert article.date is not None and article.date.isoformat() == "2026-05-04"
    assert article.author == "Jane Reporter"
    assert "six hours" in article.body
    assert "cookies" not in article.body.lower() and "Sport" not in article.body


def test_add_saved_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    saved = tmp_path / "saved.html"
    saved.write_text(PAGE, encoding="utf-8")
    library = tmp_path / "library"
    code, out, err = run(capsys, "add", str(saved), "--library", str(library))
    assert code == 0, err
    path = _only_article(library)
    assert path.parent == library / "pages" and path.name == "2026-05-04-river-treaty-talks-resume.md"
    assert out.startswith("new: ")
    _check_page_article(path)


def test_add_served_page_into_a_corpus_twice(
    capsys: pytest.CaptureFixture[str], server: Server, tmp_path: Path
) -> None:
    server.routes["/story"] = lambda h: send(h, 200, PAGE.encode(), Content_Type="text/html; charset=utf-8")
    corpus = tmp_path / "corpus"
    code, _, err = run(capsys, "add", server.url("/story"), "--into", str(corpus))
    assert code == 0, err
    path = _only_article(corpus)
    _check_page_article(path)
    assert f"url: {server.url('/story')}" in path.read_text()
    assert not (corpus / ".index.json").exists()  # the user's corpus gets the article only
    code, out, _ = run(capsys, "add", server.url("/story"), "--into", str(corpus))
    assert code == 0 and out.startswith("unchanged: ") and _only_article(corpus) == path


def test_add_reports_each_failure_and_goes_on(
    capsys: pytest.CaptureFixture[str], server: Server, tmp_path: Path
) -> None:
    saved = tmp_path / "saved.html"
    saved.write_text(PAGE, encoding="utf-8")
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><title>t</title></head><body><script>var x = 1;</script></body></html>")
    library = tmp_path / "library"
    items = [server.url("/gone"), "file:///etc/passwd", str(empty), str(tmp_path / "missing.html"), str(saved)]
    code, out, err = run(capsys, "add", *items, "--library", str(library))
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 4
    assert "HTTP 404" in lines[0] and "only http and https" in lines[1]
    assert "no article text" in lines[2] and "missing.html" in lines[3]
    assert out.startswith("new: ") and len(list(library.rglob("*.md"))) == 1


def test_show_json_entities_offsets_are_valid(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    saved = tmp_path / "saved.html"
    saved.write_text(PAGE, encoding="utf-8")
    run(capsys, "add", str(saved), "--library", str(tmp_path / "lib"))
    path = _only_article(tmp_path / "lib")
    code, out, err = run(capsys, "show", str(path), "--json", "--entities")
    assert code == 0, err
    doc = json.loads(out)
    text = doc["text"]
    assert text == path.read_text(encoding="utf-8")  # offsets index the whole file (ARCHITECTURE.md §6)
    assert doc["title"] == "River treaty talks resume" and doc["author"] == "Jane Reporter"
    assert doc["paragraphs"] and all(0 <= p["start"] < p["end"] <= len(text) for p in doc["paragraphs"])
    assert text[doc["paragraphs"][0]["start"] :].startswith("Antonio Guterres")
    names = {e["text"] for e in doc["entities"]}
    assert "Antonio Guterres" in names and "Geneva" in names
    for e in doc["entities"]:
        assert text[e["start"] : e["end"]] == e["text"]
        assert {"start", "end", "label", "text", "key"} <= set(e)


def test_show_by_id_in_a_corpus_and_plain_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("---\ntitle: Bad \x1b]0;x\x07 title\n---\n\nBody \x1b[2J text about Paris.\n")
    [article] = load_file(corpus / "a.md")[0]
    code, out, _ = run(capsys, "show", article.id, str(corpus), "--entities")
    assert code == 0
    assert "title: Bad title" in out and "Body  text about Paris." in out and "GPE  Paris" in out
    assert safe_text(out) == out
    code, _, err = run(capsys, "show", "ffffffffffff", str(corpus))
    assert code == 1 and err.count("\n") == 1 and "no article with id" in err
