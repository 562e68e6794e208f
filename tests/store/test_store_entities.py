"""Entity corrections and entity notes in the store: written through the one write path,
refused when they make no sense, and added to older files without changing anything else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.articles import Article
from reader.store import CorrectionRefusedError, EntityCorrection, Store, StoreCorruptError, StoreReadOnlyError

STAMP = "2026-01-01T00:00:00.000+00:00"


def merge(key: str, into: str) -> EntityCorrection:
    return EntityCorrection("merge", key, STAMP, into=into, label="PERSON")


def test_a_store_without_the_entity_fields_gains_them_on_its_first_write_and_nothing_else_changes(
    store_path: Path, river: Article
) -> None:
    store = Store.open(store_path)
    store.add_note(river, 0, "a note")
    store.set_bookmark(river, True)
    doc = json.loads(store_path.read_text())
    del doc["entity_corrections"], doc["entity_notes"]  # as a version without them wrote it
    doc["hand_made"] = {"kept": True}
    store_path.write_text(json.dumps(doc))
    before = json.loads(store_path.read_text())

    reopened = Store.open(store_path)
    assert reopened.entity_corrections() == [] and reopened.entity_notes() == []
    assert json.loads(store_path.read_text()) == before  # opening wrote nothing
    reopened.correct_entity(EntityCorrection("hide", "West", STAMP))
    after = json.loads(store_path.read_text())
    assert after.pop("entity_corrections") == [{"op": "hide", "key": "West", "created": STAMP}]
    assert after.pop("entity_notes") == []
    assert after == before
    assert after["schema"] == before["schema"]


def test_merging_into_itself_or_closing_a_cycle_is_refused_and_nothing_is_written(store_path: Path) -> None:
    store = Store.open(store_path)
    with pytest.raises(CorrectionRefusedError, match="into itself"):
        store.correct_entity(merge("A", "A"))
    store.correct_entity(merge("A", "B"))
    store.correct_entity(merge("B", "C"))
    raw = store_path.read_bytes()
    with pytest.raises(CorrectionRefusedError, match="already merged"):
        store.correct_entity(merge("C", "A"))
    assert store_path.read_bytes() == raw
    store.correct_entity(merge("C", "D"))  # not a cycle
    assert [(c.key, c.into) for c in Store.open(store_path).entity_corrections()] == [
        ("A", "B"),
        ("B", "C"),
        ("C", "D"),
    ]


def test_a_second_correction_of_the_same_kind_replaces_the_first_and_undo_removes_it(store_path: Path) -> None:
    store = Store.open(store_path)
    store.correct_entity(EntityCorrection("rename", "Zelenskiy", STAMP, name="Zelensky"))
    store.correct_entity(EntityCorrection("rename", "Zelenskiy", STAMP, name="Volodymyr Zelensky"))
    store.correct_entity(EntityCorrection("hide", "Zelenskiy", STAMP))
    assert [(c.op, c.name) for c in Store.open(store_path).entity_corrections()] == [
        ("rename", "Volodymyr Zelensky"),
        ("hide", None),
    ]
    assert store.uncorrect_entity("hide", "Zelenskiy") == 1
    assert store.uncorrect_entity("hide", "Zelenskiy") == 0
    assert [c.op for c in Store.open(store_path).entity_corrections()] == ["rename"]


def test_entity_notes_are_added_edited_and_deleted(store_path: Path) -> None:
    store = Store.open(store_path)
    note = store.add_entity_note("Amara Okonkwo", "heads the alliance")
    other = Store.open(store_path)  # a second reader sees it
    assert [(n.key, n.text) for n in other.entity_notes("Amara Okonkwo")] == [("Amara Okonkwo", "heads the alliance")]
    other.edit_entity_note(note.id, "chairs the alliance")
    store.reload()
    assert store.entity_notes()[0].text == "chairs the alliance"
    store.delete_entity_note(note.id)
    assert Store.open(store_path).entity_notes() == []
    with pytest.raises(ValueError):
        store.add_entity_note("X", "   ")


def test_a_newer_store_refuses_corrections(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_text(json.dumps({"schema": 99, "notes": [], "bookmarks": {}, "reading": {}}))
    store = Store.open(store_path)
    assert store.read_only
    with pytest.raises(StoreReadOnlyError):
        store.correct_entity(EntityCorrection("hide", "West", STAMP))
    with pytest.raises(StoreReadOnlyError):
        store.add_entity_note("West", "text")


@pytest.mark.parametrize(
    ("entry", "where"),
    [
        ({"op": "explode", "key": "A", "created": STAMP}, "entity_corrections[0].op"),
        ({"op": "merge", "key": "A", "created": STAMP}, "needs 'into'"),
        ({"op": "add", "key": "A", "phrase": "A", "created": STAMP}, "needs 'label'"),
        ({"op": "hide", "key": 3, "created": STAMP}, "entity_corrections[0].key"),
    ],
)
def test_a_malformed_correction_is_named_and_the_file_refused(store_path: Path, entry: object, where: str) -> None:
    store_path.parent.mkdir(parents=True)
    doc = {"schema": 2, "notes": [], "bookmarks": {}, "reading": {}, "entity_corrections": [entry]}
    store_path.write_text(json.dumps(doc))
    with pytest.raises(StoreCorruptError, match=where.replace("[", r"\[").replace("]", r"\]")):
        Store.open(store_path)
