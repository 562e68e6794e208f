"""``reader list`` and article ids read the corpus index when one was built, and say
exactly what parsing every file says: same ids, order, dates, titles, paths, JSON fields,
date filters and problem reports. The parse stays the way when there is no usable index."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import reader.articles.scan as scan_module
from reader.cli import main
from reader.index import CorpusIndex
from reader.index.schema import database_path

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "articles"


def reader(*args: str, cache: Path, cwd: Path | None = None) -> tuple[int, str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_CACHE": str(cache)}
    proc = subprocess.run(
        [sys.executable, "-m", "reader.cli", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )
    return proc.returncode, proc.stdout, proc.stderr


def build_index(corpus: Path, cache: Path) -> None:
    """What the reader or ``reader search`` leaves behind (entities included)."""
    with CorpusIndex.open(corpus, cache) as index:
        index.update()
    assert database_path(corpus, cache).is_file()


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


FEED = "".join(
    json.dumps(record) + "\n"
    for record in [
        {"title": "Feed one", "date": "2022-05-01", "source": "Wire", "text": "First record body."},
        {"title": "Feed one", "date": "2022-05-01", "text": "Second record, same title and date."},
        {"text": ""},  # a record without a body: a problem, the rest still listed
        {"title": "Feed undated", "body": "Third record without a date."},
    ]
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Every shape the list shows: formats, folders, feed records tying on date and
    title, undated articles, and problems where a walk meets them in another order than
    their paths sort in (files before subfolders, a broken link among the files)."""
    root = write(
        tmp_path / "corpus",
        {
            "a-bad.txt": b"\x00\x00junk",
            "b/inner.txt": " date 2022-04-26 \ntitle: Inner story\n\nBody of the inner story.\n",
            "b/zz-empty.txt": b"",
            "c.md": "---\ntitle: Markdown piece\ndate: 2021-06-01\nsource: Weekly\n---\n\nA markdown body.\n",
            "d-latin1.txt": " date 2022-02-20 \n\nCaf\xe9 society returns.\n".encode("latin-1"),
            "e-baddate.txt": "date: 2021-13-45\n\nA story with a broken date.\n",
            "feed.jsonl": FEED,
            "f.txt": " date 2022-04-26 The newest story. It has two sentences.\n",
            "g.txt": "title: No date\n\nBody without a date.\n",
            "h.txt": " date 2020-01-01 \ntitle: Evil \x1b]0;pwned\x07title \x9b2J\n\nBody.\n",
            "README.md": "# About\n\nNot an article.\n",
        },
    )
    (root / "c-broken.txt").symlink_to(root / "nowhere.txt")
    return root


def both_ways(args: list[str], corpus: Path, tmp_path: Path, cwd: Path | None = None) -> tuple[object, object]:
    """The command's (exit status, stdout, stderr) without an index, then with one."""
    cold = tmp_path / "cache-none"
    warm = tmp_path / "cache-built"
    if not database_path(corpus, warm).is_file():
        build_index(corpus, warm)
    return reader(*args, cache=cold, cwd=cwd), reader(*args, cache=warm, cwd=cwd)


@pytest.mark.parametrize("extra", [[], ["--json"], ["--since", "2021-06-01", "--until", "2022-04-26"]])
def test_list_bundled_corpus_same_with_and_without_index(tmp_path: Path, extra: list[str]) -> None:
    parsed, indexed = both_ways(["list", str(BUNDLED), *extra], BUNDLED, tmp_path)
    assert parsed == indexed
    assert not (tmp_path / "cache-none" / "index").exists()  # listing never builds an index


@pytest.mark.parametrize("extra", [[], ["--json"], ["--since", "2021-06-01"], ["--until", "2022-04-26", "--json"]])
def test_list_small_corpus_same_with_and_without_index(corpus: Path, tmp_path: Path, extra: list[str]) -> None:
    parsed, indexed = both_ways(["list", str(corpus), *extra], corpus, tmp_path)
    assert parsed == indexed
    status, out, err = indexed  # type: ignore[misc]
    assert status == 0 and "Inner story" in out and "\x1b" not in out
    assert err.index("a-bad.txt") < err.index("c-broken.txt") < err.index("feed.jsonl") < err.index("b/zz-empty.txt")


def test_list_paths_spelt_as_given(corpus: Path, tmp_path: Path) -> None:
    """A relative corpus folder, and a corpus that is one file, list the paths the walk
    spells from them (``corpus/f.txt``), not the index's absolute ones."""
    shown = []
    for args in (["list", "corpus", "--json"], ["list", "corpus/feed.jsonl"], ["list", "./corpus/"]):
        parsed, indexed = both_ways(args, tmp_path / args[1], tmp_path, cwd=tmp_path)
        assert parsed == indexed, args
        shown.append(indexed[1])  # type: ignore[index]
    assert {r["path"].split("/")[0] for r in json.loads(shown[0])} == {"corpus"}
    assert "corpus/feed.jsonl#1" in shown[1] and "corpus/f.txt" in shown[2]


def test_list_after_changes_same_with_and_without_index(corpus: Path, tmp_path: Path) -> None:
    """The index is brought up to date first: new, changed, deleted and newly broken
    files show as a fresh parse shows them."""
    both_ways(["list", str(corpus)], corpus, tmp_path)  # the index is built here
    write(corpus, {"new.txt": " date 2023-01-01 \ntitle: Brand new\n\nNew body.\n", "f.txt": b"\x00"})
    (corpus / "g.txt").unlink()
    os.utime(corpus / "c.md", ns=(1, 1))  # touched: same content, new time
    for extra in ([], ["--json"]):
        parsed, indexed = both_ways(["list", str(corpus), *extra], corpus, tmp_path)
        assert parsed == indexed
    assert "Brand new" in indexed[1] and "No date" not in indexed[1]  # type: ignore[index]


def test_id_lookups_same_with_and_without_index(corpus: Path, tmp_path: Path) -> None:
    rows = json.loads(reader("list", str(corpus), "--json", cache=tmp_path / "cache-none")[1])
    ident = rows[2]["id"]
    for spec in (ident, ident[:6], ident[:4], "fedcba987654"):
        outputs = []
        for cache in ("cache-none", "cache-built"):
            if cache == "cache-built" and not database_path(corpus, tmp_path / cache).is_file():
                build_index(corpus, tmp_path / cache)
            store = tmp_path / f"{cache}-{spec}.json"
            result = reader(
                "bookmark", "add", spec, "--corpus", str(corpus), "--store", str(store), cache=tmp_path / cache
            )
            marks = json.loads(reader("bookmark", "list", "--json", "--store", str(store), cache=tmp_path / cache)[1])
            outputs.append((result, [{k: v for k, v in m.items() if k != "bookmarked_at"} for m in marks]))
        assert outputs[0] == outputs[1], spec
    assert outputs[0][0][0] == 1 and "no article with id" in outputs[0][0][2]


# -- in process: what the index path reads --------------------------------------------


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Every file parsed from here on (the scan's parser, which the index's reads use too)."""
    seen: list[Path] = []
    real: Callable[..., object] = scan_module.parse_file_text

    def spy(path: Path, text: str) -> object:
        seen.append(path)
        return real(path, text)

    monkeypatch.setattr(scan_module, "parse_file_text", spy)
    yield seen


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    out, err = capsys.readouterr()
    return status, out, err


def test_index_path_parses_no_file(
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    parses: list[Path],
) -> None:
    monkeypatch.setenv("READER_CACHE", str(tmp_path / "cache"))
    parsed = run(["list", str(corpus), "--json"], capsys)
    assert len(parses) == 8  # every file that could be read (not the binary nor the empty one)
    build_index(corpus, tmp_path / "cache")
    parses.clear()
    assert run(["list", str(corpus), "--json"], capsys) == parsed
    assert parses == []
    ident = json.loads(parsed[1])[0]["id"]
    store = str(tmp_path / "store.json")
    assert run(["bookmark", "add", ident, "--corpus", str(corpus), "--store", store], capsys)[0] == 0
    assert len(parses) == 1  # the one article's file, read for its text


def test_unusable_index_falls_back_to_parsing(
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    parses: list[Path],
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("READER_CACHE", str(cache))
    expected = run(["list", str(corpus)], capsys)
    build_index(corpus, cache)
    with CorpusIndex.open(corpus, cache) as index:  # a first build cut short looks like this
        index._conn.execute("DROP INDEX postings_doc")
    parses.clear()
    assert run(["list", str(corpus)], capsys) == expected
    assert len(parses) == 8  # parsed, every readable file
    shutil.rmtree(cache)
    database_path(corpus, cache).parent.mkdir(parents=True)
    database_path(corpus, cache).write_bytes(b"not a database at all")
    status, out, err = run(["list", str(corpus)], capsys)
    assert (status, out) == expected[:2] and err.endswith(expected[2])
    assert "deleted" in err.splitlines()[0]  # the damaged index is said to be gone


def test_unreadable_folder_reported_in_walk_order(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder the walk cannot enter is reported where the walk meets it (the index
    keeps only files' problems; the walk's own come from its update)."""
    write(corpus, {"b/locked/x.txt": " date 2022-01-01 \n\nLocked.\n", "b/m.txt": b"\x00"})
    real_scandir = os.scandir

    def deny(path: str | os.PathLike[str]) -> object:
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", deny)
    monkeypatch.setenv("READER_CACHE", str(tmp_path / "cache"))
    parsed = run(["list", str(corpus)], capsys)
    build_index(corpus, tmp_path / "cache")
    assert run(["list", str(corpus)], capsys) == parsed
    err = parsed[2]
    assert err.index("b/m.txt") < err.index("b/zz-empty.txt") < err.index("b/locked: cannot read folder")
