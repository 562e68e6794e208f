"""Hypothesis: any sequence of operations round-trips through the file; migration keeps
every note; an arbitrary store encodes and decodes to itself."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.articles import Article, parse_file_text
from reader.store import Store
from reader.store.migrations import migrate
from reader.store.model import Anchor, ArticleRecord, EntityCorrection, EntityNote, Note, StoreData
from reader.store.store import _decode, encode

ARTICLES: list[Article] = [
    parse_file_text(Path(f"/virtual/a{i}.txt"), text).articles[0]
    for i, text in enumerate(
        [
            " date 2022-01-01\ntitle: One\n\nAlpha paragraph.\n\nBeta paragraph.\n\nGamma paragraph.\n",
            " date 2021-05-05\ntitle: Two\n\nOnly paragraph here.\n",
            "title: Three\n\nFirst of three.\n\nSecond of three.\n",
        ]
    )
]

note_text = st.text(min_size=1, max_size=40).filter(lambda t: t.strip() != "")
article_index = st.integers(0, len(ARTICLES) - 1)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), article_index, st.integers(0, 5), note_text),
        st.tuples(st.just("edit"), st.integers(0, 20), note_text),
        st.tuples(st.just("delete"), st.integers(0, 20)),
        st.tuples(st.just("bookmark"), article_index, st.booleans()),
        st.tuples(st.just("read"), article_index, st.booleans()),
        st.tuples(st.just("position"), article_index, st.integers(0, 50)),
        st.tuples(st.just("correct"), st.sampled_from(["label", "rename", "hide"]), st.sampled_from("ABC"), note_text),
        st.tuples(st.just("uncorrect"), st.sampled_from(["label", "rename", "hide"]), st.sampled_from("ABC")),
        st.tuples(st.just("entity_note"), st.sampled_from("ABC"), note_text),
    ),
    max_size=12,
)


def _apply(store: Store, model: dict[str, Any], op: tuple[Any, ...]) -> None:
    kind = op[0]
    if kind == "add":
        article = ARTICLES[op[1]]
        paragraph = op[2] % len(article.paragraphs)
        note = store.add_note(article, paragraph, op[3])
        model["notes"][note.id] = (article.id, paragraph, op[3])
    elif kind in ("edit", "delete"):
        ids = sorted(model["notes"])
        if not ids:
            return
        note_id = ids[op[1] % len(ids)]
        if kind == "edit":
            store.edit_note(note_id, op[2])
            model["notes"][note_id] = (*model["notes"][note_id][:2], op[2])
        else:
            store.delete_note(note_id)
            del model["notes"][note_id]
    elif kind == "bookmark":
        store.set_bookmark(ARTICLES[op[1]], op[2])
        (model["bookmarks"].add if op[2] else model["bookmarks"].discard)(ARTICLES[op[1]].id)
    elif kind == "read":
        store.set_read(ARTICLES[op[1]], op[2])
        model["read"][ARTICLES[op[1]].id] = op[2]
    elif kind == "position":
        store.set_position(ARTICLES[op[1]], op[2])
        model["position"][ARTICLES[op[1]].id] = op[2]
    elif kind == "correct":
        values = {"label": {"label": "ORG"}, "rename": {"name": op[3]}, "hide": {}}[op[1]]
        store.correct_entity(EntityCorrection(op[1], op[2], "2026-01-01", **values))  # type: ignore[arg-type]
        model["corrections"][(op[1], op[2])] = values
    elif kind == "uncorrect":
        store.uncorrect_entity(op[1], op[2])
        model["corrections"].pop((op[1], op[2]), None)
    else:
        note = store.add_entity_note(op[1], op[2])
        model["entity_notes"][note.id] = (op[1], op[2])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations)
def test_any_sequence_of_operations_round_trips_through_the_file(ops: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "store.json"
        store = Store.open(path)
        model: dict[str, Any] = {
            "notes": {},
            "bookmarks": set(),
            "read": {},
            "position": {},
            "corrections": {},
            "entity_notes": {},
        }
        for op in ops:
            _apply(store, model, op)
        disk = Store.open(path)
        assert disk.notes() == store.notes()
        assert disk.bookmarks() == store.bookmarks()
        assert {n.id: (n.article.id, n.anchor.paragraph, n.text) for n in disk.notes()} == model["notes"]
        assert {a.id for a in disk.bookmarks()} == model["bookmarks"]
        for article in ARTICLES:
            assert disk.is_read(article.id) == model["read"].get(article.id, False)
            assert disk.position(article.id) == model["position"].get(article.id)
        got = {
            (c.op, c.key): {k: v for k, v in (("label", c.label), ("name", c.name)) if v is not None}
            for c in disk.entity_corrections()
        }
        assert got == model["corrections"]
        assert {n.id: (n.key, n.text) for n in disk.entity_notes()} == model["entity_notes"]
        if path.exists():
            assert encode(_decode(path, path.read_bytes())[0]) == path.read_bytes()


records = st.builds(
    ArticleRecord,
    id=st.text("0123456789abcdef", min_size=12, max_size=12),
    path=st.text(min_size=1),
    title=st.text(),
    date=st.none() | st.dates().map(lambda d: d.isoformat()),
    fingerprint=st.text(max_size=16),
    record=st.none() | st.integers(0, 10**6),
)
notes = st.builds(
    Note,
    id=st.text("0123456789abcdef", min_size=12, max_size=12),
    article=records,
    created=st.datetimes().map(lambda d: d.isoformat()),
    updated=st.datetimes().map(lambda d: d.isoformat()),
    text=st.text(),  # anything, lone surrogates and control characters included
    anchor=st.builds(Anchor, paragraph=st.integers(0, 10**6), quote=st.text(), offset=st.none() | st.integers(0)),
    extra=st.dictionaries(
        st.text(min_size=1).filter(lambda k: k not in {"id", "article", "created", "updated", "text", "anchor"}),
        st.none() | st.integers() | st.text(),
        max_size=2,
    ),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(notes, max_size=5, unique_by=lambda n: n.id))
def test_any_store_encodes_and_decodes_to_itself(note_list: list[Note]) -> None:
    data = StoreData(notes=note_list)
    raw = encode(data)
    decoded, _ = _decode(Path("store.json"), raw)
    assert sorted(decoded.notes, key=lambda n: n.id) == sorted(note_list, key=lambda n: n.id)
    assert encode(decoded) == raw


stamps = st.datetimes().map(lambda d: d.isoformat())
corrections = st.one_of(
    st.builds(EntityCorrection, op=st.just("merge"), key=st.text(), created=stamps, into=st.text(),
              label=st.none() | st.sampled_from(["PERSON", "ORG"])),
    st.builds(EntityCorrection, op=st.just("rename"), key=st.text(), created=stamps, name=st.text()),
    st.builds(EntityCorrection, op=st.just("label"), key=st.text(), created=stamps, label=st.text()),
    st.builds(EntityCorrection, op=st.just("hide"), key=st.text(), created=stamps),
    st.builds(EntityCorrection, op=st.just("add"), key=st.text(), created=stamps, phrase=st.text(),
              label=st.text(), case_sensitive=st.booleans()),
)  # fmt: skip
entity_notes = st.builds(
    EntityNote,
    id=st.text("0123456789abcdef", min_size=12, max_size=12),
    key=st.text(),
    text=st.text(),
    created=stamps,
    updated=stamps,
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(notes, max_size=3, unique_by=lambda n: n.id),
    st.lists(corrections, max_size=6),
    st.lists(entity_notes, max_size=4, unique_by=lambda n: n.id),
)
def test_any_store_with_entity_corrections_and_notes_encodes_and_decodes_to_itself(
    note_list: list[Note], correction_list: list[EntityCorrection], entity_note_list: list[EntityNote]
) -> None:
    data = StoreData(notes=note_list, entity_corrections=correction_list, entity_notes=entity_note_list)
    raw = encode(data)
    decoded, _ = _decode(Path("store.json"), raw)
    assert decoded.entity_corrections == correction_list  # in the order made
    assert sorted(decoded.entity_notes, key=lambda n: n.id) == sorted(entity_note_list, key=lambda n: n.id)
    assert encode(decoded) == raw


v1_notes = st.lists(
    st.fixed_dictionaries(
        {
            "id": st.text(min_size=1, max_size=12),
            "article_id": st.text("0123456789abcdef", min_size=12, max_size=12),
            "path": st.text(),
            "title": st.text(),
            "paragraph": st.integers(0, 500),
            "text": st.text(),
            "created": st.datetimes().map(lambda d: d.isoformat()),
        }
    ),
    max_size=8,
    unique_by=lambda n: n["id"],
)


@settings(max_examples=100, deadline=None)
@given(v1_notes)
def test_migration_keeps_every_note(old_notes: list[dict[str, Any]]) -> None:
    doc = {"schema": 1, "notes": old_notes, "bookmarks": [], "read": []}
    migrated = StoreData.from_json(migrate(json.loads(json.dumps(doc))))
    got = {n.id: (n.article.id, n.anchor.paragraph, n.text, n.created) for n in migrated.notes}
    assert got == {n["id"]: (n["article_id"], n["paragraph"], n["text"], n["created"]) for n in old_notes}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(v1_notes)
def test_migrated_file_on_disk_keeps_every_note_and_a_backup(old_notes: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "store.json"
        raw = json.dumps({"schema": 1, "notes": old_notes}).encode()
        path.write_bytes(raw)
        store = Store.open(path)
        assert store.backup_path is not None and store.backup_path.read_bytes() == raw
        assert {n.id: n.text for n in Store.open(path).notes()} == {n["id"]: n["text"] for n in old_notes}
