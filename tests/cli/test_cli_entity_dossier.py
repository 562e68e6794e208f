"""``reader entity top`` and ``reader dossier`` on a small corpus written here, whose
entities, dates and co-occurrences are known: the counts, the order, the JSON fields,
every sentence's offsets against the file, the Markdown (a golden file, exactly) and
the one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.articles import scan_corpus
from reader.cli import main
from reader.store import Store

DATA = Path(__file__).resolve().parents[1] / "data"
GOLDEN = DATA / "dossier_ines_carvalho.md"

ARTICLES = {
    "2024-01-05-ferry.txt": """ date 2024-01-05
title: Ferry talks resume in Port Elwin
source: Coastal Post

Mayor Ines Carvalho met Tomas Lind in Port Elwin on Friday. The talks on the new ferry line lasted four hours.

Carvalho said the Harbour Authority would publish the timetable in March. Tomas Lind did not comment.
""",
    # A title and source full of Markdown and a terminal escape: the dossier must show them as text.
    "2024-02-10-council.txt": " date 2024-02-10\n"
    "title: *Breaking* [vote](javascript:alert) \x1b]0;pwn\x07 in the council\n"
    "source: Valley <Gazette>\n\n"
    "The council of Brenn voted on Tuesday. Ines Carvalho was not there.\n\n"
    "Tomas Lind, who chairs the farmers union, welcomed the vote. It passed by 12 votes to 3.\n",
    "2024-03-15-frost.txt": """ date 2024-03-15
title: Frost hits the Varda valley

Growers in the Varda valley counted losses. Tomas Lind said it was the worst frost in a decade.
""",
    "2024-03-20-harbour.txt": """ date 2024-03-20
title: Harbour Authority opens terminal

The Harbour Authority opened a terminal in Port Elwin. Ines Carvalho cut the ribbon. Carvalho thanked the workers.
""",
}


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The corpus as ``corpus`` in the current folder (so paths print the same in every
    run), with its index and store in the test's folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("READER_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("READER_STORE", str(tmp_path / "store.json"))
    root = tmp_path / "corpus"
    root.mkdir()
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8", newline="")
    return Path("corpus")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_entity_top_counts_articles_mentions_and_dates(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "entity", "top", str(corpus), "--json")
    assert code == 0
    top = json.loads(out)
    assert [(e["key"], e["label"], e["articles"], e["mentions"]) for e in top[:2]] == [
        ("Ines Carvalho", "PERSON", 3, 5),  # "Carvalho" twice counts for her
        ("Tomas Lind", "PERSON", 3, 4),
    ]
    assert (top[0]["first"], top[0]["last"]) == ("2024-01-05", "2024-03-20")
    assert all(e["label"] in {"PERSON", "ORG", "GPE", "LOC", "FAC"} for e in top)
    code, out, _ = run(capsys, "entity", "top", str(corpus), "--label", "person", "--limit", "1")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2 and lines[1].split()[:3] == ["Ines", "Carvalho", "PERSON"]
    assert "2024-01-05 .. 2024-03-20" in lines[1]


def test_entity_top_refuses_an_unknown_label(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "entity", "top", str(corpus), "--label", "planet")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "unknown label 'planet'" in err and "PERSON" in err


def test_dossier_json_offsets_and_co_occurrence(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "dossier", "Carvalho", str(corpus), "--format", "json")
    assert code == 0
    dossier = json.loads(out)
    assert (dossier["key"], dossier["label"]) == ("Ines Carvalho", "PERSON")
    assert (dossier["articles_total"], dossier["mentions_total"]) == (3, 5)
    assert dossier["names"] == [{"text": "Carvalho", "count": 2}, {"text": "Ines Carvalho", "count": 3}][::-1]
    assert [m["month"] for m in dossier["timeline"]] == ["2024-01", "2024-02", "2024-03"]
    assert [m["mentions"] for m in dossier["timeline"]] == [2, 1, 2]
    # Who appears alongside, by shared articles (then their mentions there, then name).
    assert [(o["key"], o["articles"], o["mentions"]) for o in dossier["alongside"]] == [
        ("Tomas Lind", 2, 3),
        ("Harbour Authority", 2, 2),
        ("Port Elwin", 2, 2),
        ("Brenn", 1, 1),
    ]
    assert [a["date"] for a in dossier["articles"]] == ["2024-01-05", "2024-02-10", "2024-03-20"]  # oldest first
    sentences = 0
    for article in dossier["articles"]:
        with open(article["path"], encoding="utf-8", newline="") as handle:
            text = handle.read()
        for kwic in article["sentences"]:
            sentences += 1
            assert text[kwic["start"] : kwic["end"]] == kwic["text"]
            for start, end in kwic["mentions"]:
                assert kwic["start"] <= start < end <= kwic["end"]
                assert text[start:end] in ("Ines Carvalho", "Carvalho")
    assert sentences == 5
    harbour = dossier["articles"][2]["sentences"]
    assert [k["text"] for k in harbour] == ["Ines Carvalho cut the ribbon.", "Carvalho thanked the workers."]


def test_dossier_markdown_matches_the_golden_file(
    corpus: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Notes and a bookmark from the store; a hostile title and source shown as text."""
    store = Store.open(tmp_path / "store.json")
    articles = {a.path.name: a for a in scan_corpus(corpus).articles}
    store.add_note(articles["2024-01-05-ferry.txt"], 1, "Ask the *Harbour Authority* for the\ntimetable.")
    store.set_bookmark(articles["2024-03-20-harbour.txt"], True)
    code, out, _ = run(capsys, "dossier", "Ines Carvalho", str(corpus), "--output", "out.md")
    assert code == 0 and out == ""
    written = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert written == GOLDEN.read_text(encoding="utf-8")
    assert "\x1b" not in written and "\x07" not in written


def test_dossier_of_an_unknown_name_suggests_the_nearest(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "dossier", "Tomas Lund", str(corpus))
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert "no entity named 'Tomas Lund'" in err and "nearest: 'Tomas Lind'" in err


def test_dossier_to_an_unwritable_place_is_one_line(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "dossier", "Lind", str(corpus), "--output", "no/such/folder/d.md")
    assert code == 1 and err.count("\n") == 1 and "cannot write the dossier to no/such/folder/d.md" in err


def test_entity_top_and_dossier_follow_the_users_corrections(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A merge makes one row whose articles are counted once each (two spellings often
    share an article), a hidden entity leaves the list, and the dossier of a merged
    name is the whole entity, with the note written on it."""
    assert run(capsys, "entity", "merge", "Tomas Lind", "Ines Carvalho", "--corpus", str(corpus))[0] == 0
    assert run(capsys, "entity", "hide", "Harbour Authority", "--corpus", str(corpus))[0] == 0
    assert run(capsys, "entity", "note", "Ines Carvalho", "--text", "Mayor since 2019", "--corpus", str(corpus))[0] == 0
    code, out, _ = run(capsys, "entity", "top", str(corpus), "--json", "--label", "all")
    top = {(e["key"], e["label"]): e for e in json.loads(out)}
    assert code == 0 and ("Tomas Lind", "PERSON") not in top
    merged = top[("Ines Carvalho", "PERSON")]
    assert (merged["articles"], merged["mentions"]) == (4, 9)  # 3 + 3 articles, two of them shared
    assert (merged["first"], merged["last"]) == ("2024-01-05", "2024-03-20")
    assert all(key != "Harbour Authority" for key, _ in top)
    code, out, _ = run(capsys, "dossier", "Tomas Lind", str(corpus), "--format", "json")
    dossier = json.loads(out)
    assert code == 0 and dossier["key"] == "Ines Carvalho" and "Mayor since 2019" in json.dumps(dossier["notes"])
    titles = {a["title"] for a in dossier["articles"]}
    assert "Frost hits the Varda valley" in titles and len(titles) == 4  # his articles are hers now
    assert all(a["sentences"] for a in dossier["articles"])
    assert all(entry["key"] != "Harbour Authority" for entry in dossier["alongside"])
    code, out, _ = run(capsys, "entity", "unmerge", "Tomas Lind")
    code, out, _ = run(capsys, "entity", "top", str(corpus), "--json")
    assert ("Tomas Lind", "PERSON") in {(e["key"], e["label"]) for e in json.loads(out)}  # undo is instant


def test_show_entities_applies_the_corrections(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = str(corpus / "2024-03-20-harbour.txt")
    code, out, _ = run(capsys, "show", article, "--json", "--entities")
    before = {(e["key"], e["label"]) for e in json.loads(out)["entities"]}
    assert code == 0 and ("Harbour Authority", "ORG") in before
    assert run(capsys, "entity", "hide", "Harbour Authority", "--corpus", str(corpus))[0] == 0
    assert run(capsys, "entity", "label", "Port Elwin", "FAC", "--corpus", str(corpus))[0] == 0
    code, out, _ = run(capsys, "show", article, "--json", "--entities")
    after = {(e["key"], e["label"]) for e in json.loads(out)["entities"]}
    assert ("Harbour Authority", "ORG") not in after and ("Port Elwin", "FAC") in after
