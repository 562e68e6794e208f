"""``reader feeds ...`` end to end (in process, against the loopback server): output,
exit codes, one line per failed feed, JSON summary, OPML in and out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from feedkit import Server, entry, rss, send

from reader.cli import main
from reader.safe_text import safe_text
from reader.store import Store

EVIL_TITLE = "Evil &#x1b;]0;pwned&#x7; [red]feed[/red] &#x9b;2J"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_remove(capsys: pytest.CaptureFixture[str], server: Server, store_path: Path) -> None:
    s = ["--store", str(store_path)]
    url = server.url("/a.xml")
    assert run(capsys, "feeds", "add", url, "--title", "Alpha", *s)[0] == 0
    code, out, _ = run(capsys, "feeds", "add", url, *s)
    assert code == 0 and "already subscribed" in out
    code, out, _ = run(capsys, "feeds", "list", "--json", *s)
    [row] = json.loads(out)
    assert (row["url"], row["title"], row["entries"], row["last_fetch"]) == (url, "Alpha", 0, None)
    assert run(capsys, "feeds", "remove", url, *s)[0] == 0
    code, _, err = run(capsys, "feeds", "remove", url, *s)
    assert code == 1 and err.count("\n") == 1 and "not subscribed" in err
    assert json.loads(run(capsys, "feeds", "list", "--json", *s)[1]) == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x.xml", "not a url"])
def test_add_refuses_non_http(capsys: pytest.CaptureFixture[str], store_path: Path, url: str) -> None:
    code, _, err = run(capsys, "feeds", "add", url, "--store", str(store_path))
    assert code == 2 and "only http and https" in err and err.count("\n") == 1
    assert not store_path.exists()


def test_fetch_summary_failures_and_exit_code(
    capsys: pytest.CaptureFixture[str], server: Server, store_path: Path, library: Path
) -> None:
    server.routes["/good.xml"] = lambda h: send(h, 200, rss([entry(1), entry(2)]).encode(), ETag='"g"')
    s = ["--store", str(store_path)]
    for path in ("/good.xml", "/missing.xml"):
        run(capsys, "feeds", "add", server.url(path), *s)
    code, out, err = run(capsys, "feeds", "fetch", "--json", "--library", str(library), *s)
    assert code == 1
    summary = {row["url"].rsplit("/", 1)[1]: row for row in json.loads(out)}
    assert (summary["good.xml"]["new"], summary["good.xml"]["error"]) == (2, None)
    assert "HTTP 404" in summary["missing.xml"]["error"]
    [line] = err.splitlines()
    assert "missing.xml" in line and "HTTP 404" in line
    # the second run: 304 for the good feed (conditional request), nothing new
    server.routes["/good.xml"] = lambda h: (
        send(h, 304, b"") if h.headers.get("If-None-Match") == '"g"' else send(h, 200, rss([entry(1)]).encode())
    )
    code, out, _ = run(capsys, "feeds", "fetch", server.url("/good.xml"), "--json", "--library", str(library), *s)
    assert code == 0
    [row] = json.loads(out)
    assert row["not_modified"] and row["new"] == 0
    listed = {r["url"].rsplit("/", 1)[1]: r for r in json.loads(run(capsys, "feeds", "list", "--json", *s)[1])}
    assert listed["good.xml"]["entries"] == 2 and listed["good.xml"]["last_status"] == "unchanged"
    assert listed["missing.xml"]["last_status"] == "error" and "404" in listed["missing.xml"]["last_error"]


def test_fetch_plain_output_and_unknown_url(
    capsys: pytest.CaptureFixture[str], server: Server, store_path: Path, library: Path
) -> None:
    server.routes["/good.xml"] = lambda h: send(h, 200, rss([entry(1)]).encode())
    s = ["--store", str(store_path), "--library", str(library)]
    run(capsys, "feeds", "add", server.url("/good.xml"), "--store", str(store_path))
    code, out, _ = run(capsys, "feeds", "fetch", *s)
    assert code == 0 and "Loopback News: 1 new, 0 updated, 0 unchanged" in out
    code, _, err = run(capsys, "feeds", "fetch", server.url("/other.xml"), *s)
    assert code == 2 and "not subscribed" in err


def test_escapes_in_titles_are_inert_in_feeds_list(
    capsys: pytest.CaptureFixture[str], server: Server, store_path: Path, library: Path
) -> None:
    body = rss([entry(1, title=EVIL_TITLE)], title=EVIL_TITLE).encode()
    server.routes["/evil.xml"] = lambda h: send(h, 200, body)
    s = ["--store", str(store_path)]
    run(capsys, "feeds", "add", server.url("/evil.xml"), *s)
    run(capsys, "feeds", "fetch", "--library", str(library), *s)
    code, out, _ = run(capsys, "feeds", "list", *s)
    assert code == 0 and "[red]feed[/red]" in out
    assert safe_text(out) == out and "\x1b" not in out and "\x9b" not in out
    code, out, _ = run(capsys, "feeds", "list", "--json", *s)
    assert "\x1b" not in out and "\x9b" not in out
    for path in library.rglob("*.md"):
        text = path.read_text()
        assert safe_text(text) == text


def test_opml_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    first = ["--store", str(tmp_path / "one.json")]
    urls = [f"http://feeds.example.org/{n}.xml" for n in range(5)]
    for n, url in enumerate(urls):
        run(capsys, "feeds", "add", url, "--title", f'Feed <{n}> & "co"', *first)
    opml = tmp_path / "out.opml"
    assert run(capsys, "feeds", "export", "--output", str(opml), *first)[0] == 0
    code, out, _ = run(capsys, "feeds", "export", *first)
    assert code == 0 and out == opml.read_text()
    second = ["--store", str(tmp_path / "two.json")]
    code, out, _ = run(capsys, "feeds", "import", str(opml), *second)
    assert code == 0 and "5 feeds added" in out
    one = [(f.url, f.title) for f in Store.open(tmp_path / "one.json").feeds()]
    two = [(f.url, f.title) for f in Store.open(tmp_path / "two.json").feeds()]
    assert one == two and [u for u, _ in two] == urls
    code, out, _ = run(capsys, "feeds", "import", str(opml), *second)
    assert "0 feeds added, 5 already subscribed" in out


NESTED = """<?xml version="1.0"?>
<opml version="1.0"><head><title>newsboat</title></head><body>
  <outline text="World">
    <outline text="Wire" type="rss" xmlUrl="http://wire.example/rss"/>
    <outline text="Deeper"><outline text="Local" xmlUrl="https://local.example/atom.xml"/></outline>
  </outline>
  <outline text="Local file" xmlUrl="file:///etc/passwd"/>
  <outline text="Top" xmlUrl="http://top.example/feed"/>
</body></opml>"""

OPML_BOMB = """<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<opml version="2.0"><body><outline text="&d;" xmlUrl="http://x.example/"/></body></opml>"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<opml version="2.0"><body><outline text="&secret;" xmlUrl="http://x.example/"/></body></opml>"""


def test_import_nested_outlines(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "subs.opml"
    path.write_text(NESTED)
    code, out, err = run(capsys, "feeds", "import", str(path), "--store", str(tmp_path / "s.json"))
    assert code == 0 and "3 feeds added" in out
    assert "file:///etc/passwd" in err and "skipped" in err
    feeds = Store.open(tmp_path / "s.json").feeds()
    assert [(f.url, f.title) for f in feeds] == [
        ("http://wire.example/rss", "Wire"),
        ("https://local.example/atom.xml", "Local"),
        ("http://top.example/feed", "Top"),
    ]


@pytest.mark.parametrize("doc", [OPML_BOMB, EXTERNAL, "<opml><body>", "<html><body/></html>"])
def test_import_refuses_bad_opml(capsys: pytest.CaptureFixture[str], tmp_path: Path, doc: str) -> None:
    path = tmp_path / "bad.opml"
    path.write_text(doc)
    code, out, err = run(capsys, "feeds", "import", str(path), "--store", str(tmp_path / "s.json"))
    assert code == 1 and out == "" and err.count("\n") == 1 and "bad.opml" in err
    assert not (tmp_path / "s.json").exists()
