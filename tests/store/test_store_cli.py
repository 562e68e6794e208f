"""The command line: note, bookmark and export, and their one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from storekit import article, reader_cli, write

FEED = [
    {"date": "2022-05-01", "title": "Feed one", "text": "First feed story.\n\nSecond paragraph."},
    {"date": "2022-05-02", "title": "Feed two", "text": "Another feed story."},
]


def test_note_add_list_edit_delete(corpus: Path, store_path: Path) -> None:
    river = corpus / "river.txt"
    added = reader_cli("note", "add", str(river), "--text", "salt", "--paragraph", "2", "--store", str(store_path))
    assert added.returncode == 0, added.stderr
    assert "River levels fall across the delta" in added.stdout
    note_id = added.stdout.split()[1]
    listed = reader_cli("note", "list", "--json", "--store", str(store_path))
    [row] = json.loads(listed.stdout)
    assert row["id"] == note_id and row["text"] == "salt" and row["orphan"] is False
    assert row["anchor"]["paragraph"] == 1 and row["anchor"]["quote"].startswith("Farmers")
    assert row["article"]["title"] == "River levels fall across the delta" and row["article"]["date"] == "2022-04-26"
    text = reader_cli("note", "list", store=store_path).stdout
    assert note_id in text and "2022-04-26" in text and str(river.resolve()) in text and "paragraph 2" in text
    assert reader_cli("note", "edit", note_id[:6], "--text", "brine", store=store_path).returncode == 0
    assert json.loads(reader_cli("note", "list", "--json", store=store_path).stdout)[0]["text"] == "brine"
    assert reader_cli("note", "delete", note_id, store=store_path).returncode == 0
    assert json.loads(reader_cli("note", "list", "--json", store=store_path).stdout) == []
    gone = reader_cli("note", "delete", note_id, store=store_path)
    assert gone.returncode == 1 and gone.stderr.count("\n") == 1 and "no note with id" in gone.stderr


def test_note_by_article_id_uses_the_corpus(corpus: Path, store_path: Path) -> None:
    port = article(corpus / "port.txt")
    proc = reader_cli("note", "add", port.id, "--corpus", str(corpus), "--text", "by id", store=store_path)
    assert proc.returncode == 0, proc.stderr
    missing = reader_cli("note", "add", "abcdef123456", "--corpus", str(corpus), "--text", "x", store=store_path)
    assert missing.returncode == 1 and "no article with id" in missing.stderr


def test_orphans_are_marked_in_listings(corpus: Path, store_path: Path) -> None:
    reader_cli("note", "add", str(corpus / "port.txt"), "--text", "strike", store=store_path)
    reader_cli("bookmark", "add", str(corpus / "port.txt"), store=store_path)
    moved = corpus / "elsewhere" / "port-moved.txt"
    moved.parent.mkdir()
    (corpus / "port.txt").rename(moved)
    assert "[orphan" in reader_cli("note", "list", store=store_path).stdout
    assert json.loads(reader_cli("bookmark", "list", "--json", store=store_path).stdout)[0]["orphan"] is True
    # Given the corpus, the moved article is found again.
    rows = json.loads(reader_cli("note", "list", "--json", "--corpus", str(corpus), store=store_path).stdout)
    assert rows[0]["orphan"] is False and rows[0]["article"]["path"] == str(moved.resolve())


def test_feed_file_needs_an_id_or_record(tmp_path: Path, store_path: Path) -> None:
    feed = write(tmp_path / "feed.json", json.dumps(FEED))
    proc = reader_cli("note", "add", str(feed), "--text", "x", store=store_path)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1
    assert "holds 2 articles" in proc.stderr and f"{feed}#1" in proc.stderr
    ok = reader_cli("note", "add", f"{feed}#1", "--text", "second", store=store_path)
    assert ok.returncode == 0, ok.stderr
    [row] = json.loads(reader_cli("note", "list", "--json", store=store_path).stdout)
    assert row["article"]["title"] == "Feed two" and row["article"]["record"] == 1


def test_bookmarks(corpus: Path, store_path: Path) -> None:
    for name in ("river.txt", "port.txt"):
        assert reader_cli("bookmark", "add", str(corpus / name), store=store_path).returncode == 0
    rows = json.loads(reader_cli("bookmark", "list", "--json", store=store_path).stdout)
    assert [r["title"] for r in rows] == ["Port workers vote to strike", "River levels fall across the delta"]
    assert reader_cli("bookmark", "remove", str(corpus / "port.txt"), store=store_path).returncode == 0
    text = reader_cli("bookmark", "list", store=store_path).stdout
    assert "River levels" in text and "Port workers" not in text


def test_export_markdown_reads_as_a_document(corpus: Path, store_path: Path) -> None:
    reader_cli("note", "add", str(corpus / "port.txt"), "--text", "Check the *pay* offer.", "-p", "2", store=store_path)
    reader_cli("note", "add", str(corpus / "river.txt"), "--text", "Salt.", "-p", "2", store=store_path)
    reader_cli("note", "add", str(corpus / "river.txt"), "--text", "Rain in May?", "-p", "3", store=store_path)
    reader_cli("bookmark", "add", str(corpus / "misc" / "undated.txt"), store=store_path)
    proc = reader_cli("export", store=store_path)
    assert proc.returncode == 0, proc.stderr
    md = proc.stdout
    assert md.startswith("# Reading notes\n")
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == [
        "## River levels fall across the delta",
        "## Port workers vote to strike",
        "## Notes from the archive",
    ]  # newest article first, undated last
    assert md.index("Salt.") < md.index("Rain in May?")  # reading order within an article
    assert "> The union said the stoppage" in md and "Check the *pay* offer." in md
    assert "3 notes and 1 bookmark on 3 articles" in md


def test_export_json(corpus: Path, store_path: Path) -> None:
    reader_cli("note", "add", str(corpus / "port.txt"), "--text", "x", store=store_path)
    reader_cli("bookmark", "add", str(corpus / "port.txt"), store=store_path)
    doc = json.loads(reader_cli("export", "--format", "json", store=store_path).stdout)
    [group] = doc["articles"]
    assert group["bookmarked"] and group["notes"][0]["text"] == "x" and group["article"]["title"].startswith("Port")


def test_corrupt_store_is_one_line_exit_1_and_untouched(corpus: Path, store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(b"{not json")
    for args in (("note", "list"), ("note", "add", str(corpus / "port.txt"), "--text", "x"), ("export",)):
        proc = reader_cli(*args, store=store_path)
        assert proc.returncode == 1 and proc.stderr.count("\n") == 1, proc.stderr
        assert str(store_path) in proc.stderr and "invalid JSON" in proc.stderr and "Traceback" not in proc.stderr
    assert store_path.read_bytes() == b"{not json"


def test_usage_errors(corpus: Path, store_path: Path) -> None:
    assert reader_cli("note", "add", str(corpus), "--text", "x", store=store_path).returncode == 2
    assert reader_cli("note", "add", str(corpus / "port.txt"), "--text", " ", store=store_path).returncode == 2
    bad = reader_cli("note", "add", str(corpus / "port.txt"), "--text", "x", "-p", "9", store=store_path)
    assert bad.returncode == 2 and "has 2 paragraphs" in bad.stderr
    assert reader_cli("note", "add", "no-such-thing", "--text", "x", store=store_path).returncode == 1


def test_terminal_output_is_sanitised(tmp_path: Path, store_path: Path) -> None:
    evil = write(tmp_path / "evil.txt", " date 2022-01-01\ntitle: Evil \x1b]0;pwned\x07title\n\nBody \x1b[2J here.\n")
    reader_cli("note", "add", str(evil), "--text", "my \x1b[31mred\x1b[0m note", store=store_path)
    reader_cli("bookmark", "add", str(evil), store=store_path)
    for args in (("note", "list"), ("bookmark", "list"), ("export",)):
        assert "\x1b" not in reader_cli(*args, store=store_path).stdout
