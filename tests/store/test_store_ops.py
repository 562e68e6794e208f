"""Every store operation, in memory and through the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.articles import Article
from reader.store import SCHEMA_VERSION, NoteNotFoundError, Store


def test_absent_file_is_an_empty_store_created_on_first_change(store_path: Path, river: Article) -> None:
    store = Store.open(store_path)
    assert store.notes() == [] and store.bookmarks() == [] and not store.read_only
    assert not store_path.exists()
    store.set_bookmark(river, True)
    doc = json.loads(store_path.read_text())
    assert doc["schema"] == SCHEMA_VERSION
    assert list(doc["bookmarks"]) == [river.id]


def test_file_is_indented_with_sorted_keys(store_path: Path, river: Article) -> None:
    Store.open(store_path).add_note(river, 0, "Ünïcode stays readable")
    text = store_path.read_text(encoding="utf-8")
    doc = json.loads(text)
    assert text == json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert "Ünïcode" in text


def test_add_note_records_article_and_anchor(store_path: Path, river: Article) -> None:
    store = Store.open(store_path)
    note = store.add_note(river, 1, "salt in the wells")
    assert len(note.id) == 12
    assert note.article.id == river.id and note.article.title == river.title
    assert note.article.date == "2022-04-26" and note.article.path == str(river.path.resolve())
    assert note.anchor.paragraph == 1
    assert note.anchor.quote.startswith("Farmers near the estuary")
    assert note.anchor.offset == river.paragraphs[1].start
    assert note.created == note.updated
    assert Store.open(store_path).notes() == [note]


def test_long_paragraph_quote_is_cut_at_a_word(store_path: Path, tmp_path: Path, load_article) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "long.txt"
    path.write_text("title: Long\n\n" + "word " * 100 + "\n")
    note = Store.open(store_path).add_note(load_article(path), 0, "x")
    assert len(note.anchor.quote) <= 120 and note.anchor.quote.endswith("word")


def test_add_note_rejects_blank_text_and_bad_paragraph(store_path: Path, river: Article) -> None:
    store = Store.open(store_path)
    with pytest.raises(ValueError):
        store.add_note(river, 0, "   ")
    with pytest.raises(ValueError):
        store.add_note(river, 3, "no such paragraph")
    with pytest.raises(ValueError):
        store.add_note(river, -1, "negative")
    assert not store_path.exists()


def test_notes_for_is_in_reading_order(
    store_path: Path, river: Article, port: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One millisecond apart for certain: notes stamped in the same millisecond are ordered
    # by their random ids, and a fast machine wrote these three at once now and then.
    import itertools

    import reader.store.store as store_module

    ticks = itertools.count()
    monkeypatch.setattr(store_module, "now_iso", lambda: f"2026-01-01T00:00:00.{next(ticks):03d}+00:00")
    store = Store.open(store_path)
    late = store.add_note(river, 2, "third")
    early = store.add_note(river, 0, "first")
    other = store.add_note(port, 0, "port")
    assert [n.id for n in store.notes_for(river.id)] == [early.id, late.id]
    assert store.notes_for(port.id) == [other]
    assert [n.id for n in store.notes()] == [late.id, early.id, other.id]  # oldest first


def test_edit_note(store_path: Path, river: Article) -> None:
    store = Store.open(store_path)
    note = store.add_note(river, 0, "draft")
    edited = store.edit_note(note.id, "final")
    assert edited.text == "final" and edited.created == note.created and edited.updated >= note.updated
    assert Store.open(store_path).notes() == [edited]
    with pytest.raises(NoteNotFoundError):
        store.edit_note("000000000000", "x")


def test_delete_note(store_path: Path, river: Article) -> None:
    store = Store.open(store_path)
    keep = store.add_note(river, 0, "keep")
    gone = store.add_note(river, 1, "gone")
    store.delete_note(gone.id)
    assert Store.open(store_path).notes() == [keep]
    with pytest.raises(NoteNotFoundError):
        store.delete_note(gone.id)


def test_bookmarks(store_path: Path, river: Article, port: Article) -> None:
    store = Store.open(store_path)
    store.set_bookmark(river, True)
    store.set_bookmark(port, True)
    store.set_bookmark(port, True)  # twice is once
    assert store.is_bookmarked(river.id) and store.is_bookmarked(port.id)
    assert [a.id for a in store.bookmarks()] == [port.id, river.id]  # newest first
    store.set_bookmark(river, False)
    store.set_bookmark(river, False)  # removing an absent bookmark is fine
    again = Store.open(store_path)
    assert not again.is_bookmarked(river.id) and [a.id for a in again.bookmarks()] == [port.id]


def test_id_sets_for_search(store_path: Path, river: Article, port: Article) -> None:
    store = Store.open(store_path)
    store.set_bookmark(river, True)
    store.add_note(port, 0, "a note")
    store.set_read(port)
    assert store.ids_with("bookmarked") == {river.id}
    assert store.ids_with("note") == {port.id}
    assert store.ids_with("read") == {port.id}
    assert store.ids_with("unread") is None  # the complement is not a small set


def test_unchanged_operation_does_not_rewrite(store_path: Path, river: Article) -> None:
    store = Store.open(store_path)
    store.set_bookmark(river, True)
    before = store_path.stat().st_mtime_ns, store_path.stat().st_ino
    store.set_bookmark(river, True)
    assert (store_path.stat().st_mtime_ns, store_path.stat().st_ino) == before


def test_read_state_and_position(store_path: Path, river: Article) -> None:
    store = Store.open(store_path)
    assert not store.is_read(river.id) and store.position(river.id) is None
    store.set_position(river, 2)
    assert store.position(river.id) == 2 and not store.is_read(river.id)
    store.set_read(river)
    assert store.is_read(river.id) and store.position(river.id) == 2
    store.set_read(river, False)
    again = Store.open(store_path)
    assert not again.is_read(river.id) and again.position(river.id) == 2
    with pytest.raises(ValueError):
        store.set_position(river, -1)


def test_two_handles_never_lose_each_others_changes(store_path: Path, river: Article, port: Article) -> None:
    """Two readers open at once (two SSH sessions): each change re-reads the file first."""
    first, second = Store.open(store_path), Store.open(store_path)
    a = first.add_note(river, 0, "from the first")
    b = second.add_note(port, 0, "from the second")  # `second` never saw `a` in memory
    second.set_bookmark(river, True)
    first.set_read(port)
    final = Store.open(store_path)
    assert {n.id for n in final.notes()} == {a.id, b.id}
    assert final.is_bookmarked(river.id) and final.is_read(port.id)
    assert first.is_bookmarked(river.id)  # adopted with its own write


def test_reload_picks_up_other_writers(store_path: Path, river: Article) -> None:
    first, second = Store.open(store_path), Store.open(store_path)
    note = first.add_note(river, 0, "hi")
    assert second.notes() == []
    second.reload()
    assert second.notes() == [note]


def test_store_path_through_a_symlink_keeps_the_link(tmp_path: Path, river: Article) -> None:
    real = tmp_path / "real" / "store.json"
    Store.open(real).set_bookmark(river, True)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    Store.open(link).add_note(river, 0, "via link")
    assert link.is_symlink()
    assert len(Store.open(real).notes()) == 1


def test_permissions_of_an_existing_store_are_kept(store_path: Path, river: Article) -> None:
    store = Store.open(store_path)
    store.set_bookmark(river, True)
    store_path.chmod(0o640)
    store.add_note(river, 0, "x")
    assert store_path.stat().st_mode & 0o777 == 0o640


def test_unknown_keys_survive_a_rewrite(store_path: Path, river: Article) -> None:
    Store.open(store_path).add_note(river, 0, "x")
    doc = json.loads(store_path.read_text())
    doc["my_tool"] = {"keep": True}
    doc["notes"][0]["colour"] = "yellow"
    store_path.write_text(json.dumps(doc))
    Store.open(store_path).set_bookmark(river, True)
    doc = json.loads(store_path.read_text())
    assert doc["my_tool"] == {"keep": True} and doc["notes"][0]["colour"] == "yellow"


def test_lone_surrogates_round_trip(store_path: Path, river: Article) -> None:
    """Undecodable command-line bytes arrive as lone surrogates; they must not break saving."""
    note = Store.open(store_path).add_note(river, 0, "bad byte: \udcff")
    assert Store.open(store_path).notes()[0].text == note.text
