"""``reader entity ...``: every sub-command, every bad input, and what ``mentions``,
``search`` and ``export`` show after a correction."""

from __future__ import annotations

import json
from pathlib import Path

from test_cli import reader


def entity(*args: str, corpus: Path, cache: Path, store: Path, with_corpus: bool = True) -> tuple[int, str, str]:
    extra = ["--corpus", str(corpus)] if with_corpus else []
    proc = reader("entity", *args, *extra, cache=cache, store=store)
    return proc.returncode, proc.stdout, proc.stderr


def listed(cache: Path, store: Path) -> dict[str, list[dict[str, object]]]:
    proc = reader("entity", "list", "--json", cache=cache, store=store)
    assert proc.returncode == 0, proc.stderr
    found: dict[str, list[dict[str, object]]] = json.loads(proc.stdout)
    return found


def test_merge_shows_in_mentions_and_search_and_unmerge_undoes_it(corpus: Path, cache: Path, tmp_path: Path) -> None:
    store = tmp_path / "store.json"
    un = json.loads(reader("mentions", "United Nations", str(corpus), "--json", cache=cache).stdout)
    code, out, err = entity("merge", "United Nations", "Guterres", corpus=corpus, cache=cache, store=store)
    assert code == 0, err
    assert "'United Nations' into 'Antonio Guterres'" in out
    proc = reader("mentions", "United Nations", str(corpus), "--json", cache=cache, store=store)
    found = json.loads(proc.stdout)
    assert found["key"] == "Antonio Guterres" and "United Nations" in found["keys"]
    alone = json.loads(reader("mentions", "Guterres", str(corpus), "--json", cache=cache).stdout)
    assert found["total_mentions"] == alone["total_mentions"] + un["total_mentions"]
    proc = reader("search", "person:United Nations", str(corpus), "--json", cache=cache, store=store)
    assert [h["title"] for h in json.loads(proc.stdout)] == ["Guterres visits Kyiv"]
    assert listed(cache, store)["corrections"][0]["into"] == "Antonio Guterres"

    code, out, err = entity("unmerge", "united nations", corpus=corpus, cache=cache, store=store, with_corpus=False)
    assert code == 0, err
    assert listed(cache, store)["corrections"] == []
    proc = reader("mentions", "United Nations", str(corpus), "--json", cache=cache, store=store)
    assert json.loads(proc.stdout)["key"] == "United Nations"


def test_rename_label_hide_unhide_add_drop_and_note(corpus: Path, cache: Path, tmp_path: Path) -> None:
    store = tmp_path / "store.json"
    assert entity("rename", "Global Water Alliance", "GWA", corpus=corpus, cache=cache, store=store)[0] == 0
    assert entity("label", "GWA", "product", corpus=corpus, cache=cache, store=store)[0] == 0  # by its new name
    assert entity("hide", "Chile", corpus=corpus, cache=cache, store=store)[0] == 0
    code, out, err = entity("add", "copper prices", "PRODUCT", "--ignore-case", corpus=corpus, cache=cache,
                            store=store, with_corpus=False)  # fmt: skip
    assert code == 0 and "in any case" in out, err
    code, out, err = entity("note", "Guterres", "--text", "Visited Kyiv in April", corpus=corpus, cache=cache,
                            store=store)  # fmt: skip
    assert code == 0 and "'Antonio Guterres'" in out, err
    data = listed(cache, store)
    assert [(c["op"], c["key"]) for c in data["corrections"]] == [
        ("rename", "Global Water Alliance"),
        ("label", "Global Water Alliance"),
        ("hide", "Chile"),
        ("add", "copper prices"),
    ]
    assert data["corrections"][1]["label"] == "PRODUCT" and data["corrections"][3]["case_sensitive"] is False
    assert [(n["key"], n["text"]) for n in data["notes"]] == [("Antonio Guterres", "Visited Kyiv in April")]

    proc = reader("entity", "list", cache=cache, store=store)
    assert "hide    'Chile'  (reader entity unhide 'Chile')" in proc.stdout  # hidden, and how to undo
    assert "Visited Kyiv in April" in proc.stdout
    proc = reader("search", "place:Chile", str(corpus), cache=cache, store=store)
    assert proc.returncode == 0 and proc.stdout == ""
    proc = reader("search", "has:note", str(corpus), "--json", cache=cache, store=store)
    assert [h["title"] for h in json.loads(proc.stdout)] == ["Guterres visits Kyiv"]
    proc = reader("mentions", "GWA", str(corpus), "--json", cache=cache, store=store)
    assert json.loads(proc.stdout)["label"] == "PRODUCT"

    assert entity("unhide", "Chile", corpus=corpus, cache=cache, store=store, with_corpus=False)[0] == 0
    assert entity("drop", "Copper Prices", corpus=corpus, cache=cache, store=store, with_corpus=False)[0] == 0
    assert [c["op"] for c in listed(cache, store)["corrections"]] == ["rename", "label"]

    proc = reader("export", "--format", "json", cache=cache, store=store)
    exported = json.loads(proc.stdout)
    assert [n["text"] for n in exported["entity_notes"]] == ["Visited Kyiv in April"]
    proc = reader("export", cache=cache, store=store)
    assert "## Notes on entities" in proc.stdout and "### Antonio Guterres" in proc.stdout


def test_bad_input_is_one_line_each(corpus: Path, cache: Path, tmp_path: Path) -> None:
    store = tmp_path / "store.json"

    def fails(*args: str, with_corpus: bool = True) -> tuple[int, str]:
        code, out, err = entity(*args, corpus=corpus, cache=cache, store=store, with_corpus=with_corpus)
        assert out == "" and err.count("\n") == 1 and "Traceback" not in err, err
        return code, err

    code, err = fails("hide", "Gutteres")
    assert code == 1 and "no entity named 'Gutteres'" in err and "nearest: 'Antonio Guterres'" in err
    code, err = fails("merge", "Guterres", "Antonio Guterres")
    assert code == 1 and "already one entity" in err
    assert entity("merge", "Kyiv", "Moscow", corpus=corpus, cache=cache, store=store)[0] == 0
    code, err = fails("merge", "Moscow", "Kyiv")
    assert code == 1 and "cycle" not in err and "already merged into 'Moscow'" in err
    code, err = fails("label", "Kyiv", "CITY")
    assert code == 2 and "unknown label 'CITY'; the labels are: PERSON, NORP" in err
    code, err = fails("add", "some phrase", "THING", with_corpus=False)
    assert code == 2 and "the labels are" in err
    code, err = fails("unhide", "Kyiv", with_corpus=False)
    assert code == 1 and "no hiding of 'Kyiv'" in err
    code, err = fails("drop", "no such phrase", with_corpus=False)
    assert code == 1 and "no added phrase" in err
    code, err = fails("note", "Guterres", "--text", "  ")
    assert code == 2 and "empty" in err
    assert [c["key"] for c in listed(cache, store)["corrections"]] == ["Kyiv"]  # nothing else was written


def test_a_store_from_a_newer_version_refuses_corrections_cleanly(corpus: Path, cache: Path, tmp_path: Path) -> None:
    store = tmp_path / "store.json"
    raw = json.dumps({"schema": 99, "notes": [], "bookmarks": {}, "reading": {}}).encode()
    store.write_bytes(raw)
    for args in (("hide", "Chile"), ("note", "Chile", "--text", "x")):
        code, out, err = entity(*args, corpus=corpus, cache=cache, store=store)
        assert code == 1 and err.count("\n") == 1 and "newer version" in err and "Traceback" not in err
    assert store.read_bytes() == raw
    proc = reader("entity", "list", cache=cache, store=store)
    assert proc.returncode == 0
