"""Article identity: notes follow moved, renamed and edited articles; orphans are kept."""

from __future__ import annotations

import shutil
from pathlib import Path

from storekit import PORT, RIVER, article, write

from reader.articles import Article, parse_file_text, scan_corpus
from reader.store import Store
from reader.store.anchors import find_paragraph, make_quote


def _parse(text: str) -> Article:
    [parsed] = parse_file_text(Path("/virtual/a.txt"), text).articles
    return parsed


def test_quote_is_found_after_paragraphs_move() -> None:
    before = _parse(RIVER)
    quote = make_quote(before.paragraph_text(2))
    after = _parse(
        RIVER.replace(
            "title: River levels fall across the delta\n\n",
            "title: River levels fall across the delta\n\nA new opening paragraph.\n\n",
        )
    )
    assert find_paragraph(after, quote, 2) == (3, 1.0)


def test_quote_is_found_fuzzily_after_a_light_edit() -> None:
    before = _parse(RIVER)
    quote = make_quote(before.paragraph_text(1))
    after = _parse(RIVER.replace("Farmers near the estuary reported", "Farmers living near the estuary said there was"))
    found = find_paragraph(after, quote, 0)
    assert found is not None and found[0] == 1 and 0.6 <= found[1] < 1


def test_quote_of_a_deleted_paragraph_is_not_found() -> None:
    after = _parse(PORT)
    assert find_paragraph(after, "Water levels in the delta fell for the third week running", 0) is None


def test_ties_go_to_the_paragraph_nearest_the_old_place() -> None:
    doc = _parse("title: T\n\nSame words here.\n\nOther.\n\nSame words here.\n\nMore.\n\nSame words here.\n")
    assert find_paragraph(doc, "Same words here.", 3) == (2, 1.0)
    assert find_paragraph(doc, "Same words here.", 5) == (4, 1.0)


def test_notes_follow_a_renamed_and_moved_file(corpus: Path, store_path: Path) -> None:
    river = article(corpus / "river.txt")
    store = Store.open(store_path)
    note = store.add_note(river, 2, "reservoirs")
    store.set_bookmark(river, True)
    store.set_read(river)
    target = corpus / "archive" / "2022" / "delta-renamed.txt"
    target.parent.mkdir(parents=True)
    (corpus / "river.txt").rename(target)
    report = store.reconcile(scan_corpus(corpus).articles)
    assert report.moved == [(river.id, str((corpus / "river.txt").resolve()), str(target.resolve()))]
    assert report.orphans == [] and report.saved
    reopened = Store.open(store_path)
    [moved] = reopened.notes_for(river.id)
    assert moved.id == note.id and moved.article.path == str(target.resolve())
    assert moved.anchor == note.anchor
    assert reopened.bookmarks()[0].path == str(target.resolve()) and reopened.is_read(river.id)


def test_same_corpus_through_another_path(tmp_path: Path, corpus: Path, store_path: Path) -> None:
    store = Store.open(store_path)
    store.add_note(article(corpus / "port.txt"), 0, "strike")
    moved_root = tmp_path / "elsewhere"
    shutil.move(str(corpus), moved_root)
    link = tmp_path / "link-to-corpus"
    link.symlink_to(moved_root)
    report = store.reconcile(scan_corpus(link).articles)
    assert report.orphans == [] and store.orphans() == []
    assert store.notes()[0].article.path == str((moved_root / "port.txt").resolve())


def test_edited_file_note_is_reanchored_by_quote(corpus: Path, store_path: Path) -> None:
    path = corpus / "river.txt"
    river = article(path)
    store = Store.open(store_path)
    note = store.add_note(river, 2, "about the reservoirs")
    store.set_bookmark(river, True)
    store.set_position(river, 2)
    edited = RIVER.replace(
        "title: River levels fall across the delta\n\n",
        "title: River levels fall across the delta\n\nUpdated on Wednesday with new figures.\n\n",
    ).replace("warned that the reservoirs", "warned again that the reservoirs")
    write(path, edited)
    new = article(path)
    assert new.id != river.id
    report = store.reconcile(scan_corpus(corpus).articles)
    assert report.edited == [(river.id, new.id, str(path.resolve()))]
    assert report.reanchored == [note.id] and report.orphans == []
    again = Store.open(store_path)
    [moved] = again.notes_for(new.id)
    assert moved.id == note.id and moved.text == note.text
    assert moved.anchor.paragraph == 3 and "warned again" in moved.anchor.quote
    assert moved.anchor.offset == new.paragraphs[3].start
    assert again.is_bookmarked(new.id) and not again.is_bookmarked(river.id)
    assert again.position(new.id) == 2


def test_unrelated_article_in_the_same_file_does_not_inherit_notes(corpus: Path, store_path: Path) -> None:
    path = corpus / "river.txt"
    store = Store.open(store_path)
    note = store.add_note(article(path), 1, "wells")
    write(path, " date 2023-01-01\ntitle: Something else entirely\n\nA cat show opened in the town hall.\n")
    report = store.reconcile(scan_corpus(corpus).articles)
    assert [n.id for n in report.orphans] == [note.id]
    assert [n.id for n in store.orphans()] == [note.id]
    assert Store.open(store_path).notes() == [note]  # kept exactly as it was


def test_deleted_article_leaves_a_listed_orphan(corpus: Path, store_path: Path) -> None:
    store = Store.open(store_path)
    note = store.add_note(article(corpus / "port.txt"), 1, "union")
    store.set_bookmark(article(corpus / "port.txt"), True)
    (corpus / "port.txt").unlink()
    report = store.reconcile(scan_corpus(corpus).articles)
    assert report.orphans == [note] and [a.title for a in report.orphan_bookmarks] == ["Port workers vote to strike"]
    assert store.orphans() == [note] and Store.open(store_path).notes() == [note]
    # The file comes back (a restored backup): the orphan is attached again.
    write(corpus / "port.txt", PORT)
    store.reconcile(scan_corpus(corpus).articles)
    assert store.orphans() == []


def test_reconcile_without_save_does_not_write(corpus: Path, store_path: Path) -> None:
    store = Store.open(store_path)
    store.add_note(article(corpus / "port.txt"), 0, "x")
    before = store_path.read_bytes()
    (corpus / "port.txt").rename(corpus / "moved.txt")
    report = store.reconcile(scan_corpus(corpus).articles, save=False)
    assert report.moved and not report.saved
    assert store_path.read_bytes() == before
    assert store.notes()[0].article.path.endswith("moved.txt")
