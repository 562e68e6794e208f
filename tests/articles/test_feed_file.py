"""Feed files: Atom, RSS 1.0 (RDF) and 2.0 entries as articles, declared encodings read
right, undated entries, malformed documents kept as far as they parse, entity bombs and
external entities refused unexpanded, and feed text that cannot reach a terminal as
anything but text."""

from __future__ import annotations

import datetime as dt
import tracemalloc
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.articles import load_file, parse_file_text
from reader.articles.feed_file import declares_entities, parse_feed_bytes
from reader.safe_text import safe_line

DATA = Path(__file__).resolve().parents[1] / "data" / "formats"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def rss(items: str, encoding: str = "utf-8", title: str = "Wire") -> str:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        f'<rss version="2.0"><channel><title>{title}</title><link>https://wire.example/</link>{items}</channel></rss>'
    )


def test_a_real_world_shaped_atom_feed() -> None:
    comet, open_night, archive = load_file(DATA / "observatory.atom")[0]
    assert [a.record for a in (comet, open_night, archive)] == [0, 1, 2]
    assert comet.title == "Comet C/2024 B1 brightens"  # an HTML title, as text
    assert (comet.date, comet.author, comet.source) == (
        dt.date(2024, 5, 2),
        "Elena Sarkis",
        "Northern Observatory News",
    )
    assert comet.url == "https://observatory.example/2024/05/comet"
    assert [comet.paragraph_text(i) for i in range(len(comet.paragraphs))] == [
        "The comet discovered in January has brightened faster than predicted, the observatory said on Thursday.",
        "The comet on 1 May.",
        "Observers in the northern hemisphere may see it with binoculars from mid-May.",
    ]
    assert open_night.date == dt.date(2024, 4, 20)  # only <updated>
    assert (
        open_night.body == "The spring open night is moved to 7 June because of works on the dome.\n\n"
        "Tickets already bought remain valid."
    )
    assert archive.date is None and archive.url is None  # undated; a tag: id is no link
    assert all(a.format == "feed" for a in (comet, open_night, archive))


def test_an_rss_1_0_rdf_feed() -> None:
    rail, mill = load_file(DATA / "wire.rdf")[0]
    assert (rail.title, rail.date, rail.author, rail.source) == (
        "Rail line to reopen in autumn",
        dt.date(2023, 9, 12),
        "Tomas Vidal",
        "Valley Wire",
    )
    assert (
        mill.body == "Firefighters brought the fire at the old paper mill under control overnight.\n\nNo one was hurt."
    )
    assert mill.date == dt.date(2023, 9, 11)


def test_windows_1251_feed_is_read_by_its_declaration(tmp_path: Path) -> None:
    items = (
        "<item><title>Москва: новости дня</title><link>https://wire.example/1</link>"
        "<pubDate>Tue, 03 Jun 2025 10:00:00 +0300</pubDate>"
        "<description>&lt;p&gt;Первый абзац.&lt;/p&gt;&lt;p&gt;Второй абзац.&lt;/p&gt;</description></item>"
    )
    data = rss(items, "windows-1251", "Лента").encode("cp1251")
    [article], problems = load_file(write(tmp_path, "ru.rss", data))
    assert problems == []
    assert (article.title, article.source) == ("Москва: новости дня", "Лента")
    assert article.body == "Первый абзац.\n\nВторой абзац."
    assert article.date == dt.date(2025, 6, 3)


def test_latin_1_feed_is_read_by_its_declaration(tmp_path: Path) -> None:
    items = "<item><title>Café à Málaga</title><description>Über die Straße, naïve façade.</description></item>"
    [article], _ = load_file(write(tmp_path, "latin.xml", rss(items, "ISO-8859-1").encode("latin-1")))
    assert (article.title, article.text) == ("Café à Málaga", "Über die Straße, naïve façade.")


def test_undated_entries_are_undated(tmp_path: Path) -> None:
    items = "<item><title>No date</title><description>Body.</description></item>"
    [article], problems = load_file(write(tmp_path, "u.xml", rss(items).encode()))
    assert article.date is None and problems == []


def test_malformed_and_truncated_keep_what_parses(tmp_path: Path) -> None:
    one = "<item><title>One</title><description>First.</description></item>"
    junk = rss(one).encode() + b"\n<<<garbage after the root>>>"
    [article], problems = load_file(write(tmp_path, "junk.xml", junk))
    assert article.title == "One"
    assert len(problems) == 1 and "not well-formed XML" in problems[0].reason and not problems[0].skipped

    cut = rss(one + "<item><title>Two</title><description>Second ent").encode()[:-30]
    articles, problems = load_file(write(tmp_path, "cut.xml", cut))
    assert articles[0].title == "One"
    assert any("not well-formed XML" in p.reason for p in problems)


def test_an_html_page_saved_as_xml_is_a_problem(tmp_path: Path) -> None:
    page = b"<!DOCTYPE html><html><head><title>Shop</title></head><body><p>Buy now.</p></body></html>"
    articles, problems = load_file(write(tmp_path, "page.xml", page))
    assert articles == [] and problems[0].skipped and "not an RSS or Atom feed" in problems[0].reason


BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">\n' for n in range(1, 10))
    + ']>\n<rss version="2.0"><channel><title>&lol9;</title>'
    "<item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>"
)


def test_an_entity_bomb_is_refused_unexpanded(tmp_path: Path) -> None:
    tracemalloc.start()
    try:
        articles, problems = load_file(write(tmp_path, "bomb.xml", BOMB.encode()))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert articles == []
    assert problems[0].skipped and "declares XML entities" in problems[0].reason
    assert peak < 5_000_000  # expanded, &lol9; alone is a billion "lol"s
    # in UTF-16 too, where the declaration's bytes differ
    assert parse_feed_bytes(BOMB.replace('"1.0"?>', '"1.0" encoding="utf-16"?>', 1).encode("utf-16"))[0] == []


def test_an_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET CONTENT")
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>T</title><item><title>x</title><description>&xxe;</description></item>'
        "</channel></rss>"
    ).encode()
    assert declares_entities(doc)
    entries, problems = parse_feed_bytes(doc, "feed.xml")
    assert entries == [] and problems[0].startswith("feed.xml: declares XML entities")


def test_an_external_dtd_alone_is_fine(tmp_path: Path) -> None:
    doc = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"'
        b' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        b'<rss version="0.91"><channel><title>Old</title><item><title>A</title><description>Old body.</description>'
        b"</item></channel></rss>"
    )
    [article], _ = load_file(write(tmp_path, "old.rss", doc))
    assert article.text == "Old body."


def test_escapes_controls_and_markup_in_feed_text_are_inert(tmp_path: Path) -> None:
    items = (
        "<item><title>[bold red]Boo[/] \x1b]0;pwned\x07 &#27;[2J title</title>"
        "<description>&lt;p&gt;Clear &amp;#27;[2J screen \u009b31m C1 [@click=app.quit]x[/]&lt;/p&gt;"
        "</description></item>"
    )
    data = rss(items).encode().replace(b"\x1b", b"&#27;").replace(b"\x07", b"&#7;")
    [article], _ = load_file(write(tmp_path, "esc.xml", data))
    for text in (article.title, article.text):
        assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
        assert safe_line(text) == text  # nothing a terminal would act on is left
    assert "[@click=app.quit]" in article.text  # kept as text; the display never reads it as markup


def test_text_in_memory_reads_as_the_bytes_do() -> None:
    data = (DATA / "wire.rdf").read_bytes()
    from_bytes = load_file(DATA / "wire.rdf")[0]
    from_text = parse_file_text(DATA / "wire.rdf", data.decode("utf-8")).articles
    assert [a.id for a in from_text] == [a.id for a in from_bytes]


FRAGMENTS = st.sampled_from(
    [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0">',
        "<channel>",
        "<title>",
        "</title>",
        "<item>",
        "</item>",
        "<description>",
        "</description>",
        "&lt;p&gt;",
        "&lt;/p&gt;",
        "<![CDATA[<p>x</p>]]>",
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        "<entry>",
        "</entry>",
        '<content type="html">',
        "</content>",
        "<pubDate>Mon, 06 Sep 2010 00:01:00 +0000</pubDate>",
        "<updated>2024-13-45</updated>",
        "&amp;",
        "&#27;",
        "\u00e9",
        "\n\n",
        "word ",
    ]
)


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=30))
def test_the_reader_never_raises_and_offsets_are_valid(parts: list[str]) -> None:
    data = "".join(parts).encode("utf-8", "surrogatepass")
    entries, _ = parse_feed_bytes(data)
    for entry in entries:
        assert "\x1b" not in entry.text
    result = parse_file_text(Path("f.xml"), "".join(parts))
    for article in result.articles:
        assert article.paragraphs
        for span in article.paragraphs:
            assert 0 <= span.start < span.end <= len(article.text)
            assert article.text[span.start : span.end].strip()
