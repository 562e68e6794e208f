"""A corpus mixing every format lists with ``reader list`` (parsed, and from the index)
and searches with ``reader search``; bad files are reported and the rest still load."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "formats"


def reader(*args: str, cache: Path) -> tuple[int, str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_CACHE": str(cache)}
    proc = subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


def mixed_corpus(root: Path) -> Path:
    root.mkdir()
    for fixture in DATA.iterdir():
        shutil.copy(fixture, root / fixture.name)
    (root / "plain.txt").write_text("title: A plain article\ndate: 2024-01-01\n\nThe quarry closed in winter.\n")
    (root / "notes.md").write_text("---\ntitle: Markdown piece\n---\n\nBeekeepers report a good spring.\n")
    (root / "wire.jsonl").write_text(json.dumps({"title": "JSONL item", "text": "Tram fares frozen."}) + "\n")
    (root / "rows.csv").write_text(
        "headline,published,content,desk\n"
        "Lighthouse keepers strike,2024-02-02,Lighthouse keepers voted to strike on Friday.,labour\n"
        "No body here,2024-02-03,,labour\n"
    )
    (root / "tabs.tsv").write_text("title\ttext\nTab story\tA ferry timetable for summer.\n")
    (root / "bomb.rss").write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        '<rss version="2.0"><channel><title>&b;</title></channel></rss>'
    )
    return root


def test_a_corpus_of_every_format_lists_and_searches(tmp_path: Path) -> None:
    corpus = mixed_corpus(tmp_path / "corpus")
    cache = tmp_path / "cache"
    code, parsed_out, parsed_err = reader("list", str(corpus), "--json", cache=cache)
    assert code == 0
    listed = json.loads(parsed_out)
    formats = {row["format"] for row in listed}
    assert formats == {"plain", "markdown", "jsonl", "csv", "html", "feed"}
    titles = [row["title"] for row in listed]
    assert titles[:4] == [
        "Comet C/2024 B1 brightens",
        "Open night moved to June",
        "Harbour reopens after storm repairs",
        "Lighthouse keepers strike",
    ]
    assert "Tab story" in titles and "Mill fire under control" in titles
    assert "data row 2 (line 3): no text in the 'content' column" in parsed_err
    assert "bomb.rss: declares XML entities" in parsed_err

    code, out, err = reader("search", "lighthouse", str(corpus), "--json", cache=cache)
    assert code == 0, err
    hits = json.loads(out)
    assert [(hit["title"], hit["record"]) for hit in hits] == [("Lighthouse keepers strike", 0)]
    assert hits[0]["snippet"]["text"].startswith("Lighthouse keepers voted")
    code, out, _ = reader("search", "comet binoculars", str(corpus), "--json", cache=cache)
    assert [hit["title"] for hit in json.loads(out)] == ["Comet C/2024 B1 brightens"]
    code, out, _ = reader("search", "sea wall", str(corpus), "--json", cache=cache)
    assert [hit["title"] for hit in json.loads(out)] == ["Harbour reopens after storm repairs"]

    # with the index built, the listing reads it, and says the same
    code, indexed_out, indexed_err = reader("list", str(corpus), "--json", cache=cache)
    assert code == 0
    assert json.loads(indexed_out) == listed
    assert indexed_err == parsed_err


def test_a_note_on_a_csv_row_follows_the_row(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = "".join(f"Row {n},Body of row {n}.\n" for n in range(40))
    (corpus / "export.csv").write_text("title,text\n" + rows)
    store, cache = tmp_path / "store.json", tmp_path / "cache"
    code, _, err = reader(
        "note", "add", f"{corpus}/export.csv#30", "--text", "check this", "--store", str(store), cache=cache
    )
    assert code == 0, err
    # rows inserted before it: row 30 is now data row 32, and its file moved
    (corpus / "export.csv").write_text("title,text\nNew A,First new.\nNew B,Second new.\n" + rows)
    (corpus / "export.csv").rename(corpus / "moved.csv")
    code, out, err = reader("note", "list", "--json", "--store", str(store), "--corpus", str(corpus), cache=cache)
    assert code == 0, err
    [note] = json.loads(out)
    assert note["orphan"] is False
    code, out, _ = reader("note", "list", "--json", "--store", str(store), cache=cache)
    assert json.loads(out)[0]["orphan"] is True  # without the corpus, the moved file is not found
