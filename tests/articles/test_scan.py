"""Corpus scanning: recursion, hidden files, symlinks, and every kind of bad file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.articles import CorpusError, scan_corpus


def good(path: Path, date: str, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f" date {date} \n\n{body}\n", encoding="utf-8")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    good(root / "a.txt", "2022-01-10", "Alpha story about harbour cranes.")
    good(root / "nested" / "deeper" / "b.txt", "2022-03-05", "Bravo story about rail tolls.")
    good(root / ".hidden" / "c.txt", "2022-02-01", "Hidden folder story.")
    good(root / ".secret.txt", "2022-02-02", "Hidden file story.")
    (root / "binary.txt").write_bytes(b"date 2022-01-01\n\n\x00\x01\x02 payload")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_bytes(b"  \n\n  ")
    (root / "latin1.txt").write_bytes(" date 2022-02-20 \n\nCaf\xe9 society returns.\n".encode("latin-1"))
    (root / "baddate.txt").write_text("date: 2021-13-45\n\nA story with a broken date.\n")
    (root / "README.md").write_text("# About this corpus\n\nNot an article.\n")
    locked = root / "locked.txt"
    good(locked, "2022-01-01", "Locked story.")
    locked.chmod(0)
    big = root / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(9 * 1024 * 1024)  # sparse: 9 MiB of NULs, over the limit
    yield root
    locked.chmod(0o644)


def test_hostile_folder_lists_good_and_names_bad(hostile: Path) -> None:
    result = scan_corpus(hostile)
    titles = [a.title for a in result.articles]
    assert titles[0] == "Bravo story about rail tolls."  # newest first
    assert "Alpha story about harbour cranes." in titles
    assert "Café society returns." in titles  # latin-1 é is not UTF-8: the encoding is guessed
    assert titles[-1] == "A story with a broken date."  # undated sorts last
    assert not any("Hidden" in t for t in titles)
    assert not any("Not an article" in t or "About this corpus" in t for t in titles)

    reasons = {p.path.name: p for p in result.problems}
    assert reasons["binary.txt"].skipped and "binary" in reasons["binary.txt"].reason
    assert reasons["empty.txt"].skipped and "empty" in reasons["empty.txt"].reason
    assert reasons["blank.txt"].skipped
    assert reasons["huge.txt"].skipped and "too large" in reasons["huge.txt"].reason
    assert not reasons["latin1.txt"].skipped and "not UTF-8" in reasons["latin1.txt"].reason
    assert reasons["latin1.txt"].reason.startswith("decoded as ")
    assert not reasons["baddate.txt"].skipped and "2021-13-45" in reasons["baddate.txt"].reason
    if os.geteuid() != 0:  # root reads anything; the permission case needs a normal user
        assert reasons["locked.txt"].skipped and "permission" in reasons["locked.txt"].reason
    # each problem once
    assert len(result.problems) == len({(p.path, p.reason) for p in result.problems})


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good(tmp_path / "ok.txt", "2022-01-01", "Fine.")
    good(tmp_path / "no.txt", "2022-01-02", "Forbidden.")
    real_open = os.open

    # Denied at the system call the scanner opens files with (root ignores chmod).
    def deny(path: str | os.PathLike[str], *args: int, **kwargs: int) -> int:
        if os.fspath(path).endswith("no.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    result = scan_corpus(tmp_path)
    assert [a.title for a in result.articles] == ["Fine."]
    [problem] = result.problems
    assert problem.path.name == "no.txt" and "permission denied" in problem.reason


def test_symlink_loops_and_duplicates_read_once(tmp_path: Path) -> None:
    root = tmp_path / "c"
    good(root / "sub" / "x.txt", "2022-05-01", "Only once.")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "alias").symlink_to(root / "sub", target_is_directory=True)
    (root / "link.txt").symlink_to(root / "sub" / "x.txt")
    (root / "dangling.txt").symlink_to(root / "missing.txt")
    result = scan_corpus(root)
    assert [a.title for a in result.articles] == ["Only once."]
    assert [p.reason for p in result.problems] == ["broken symbolic link"]


def test_identical_bodies_get_distinct_stable_ids(tmp_path: Path) -> None:
    good(tmp_path / "a.txt", "2022-01-01", "Same words.")
    good(tmp_path / "b.txt", "2022-01-02", "Same words.")
    first = scan_corpus(tmp_path)
    second = scan_corpus(tmp_path)
    ids = [a.id for a in first.articles]
    assert len(set(ids)) == 2
    assert ids == [a.id for a in second.articles]


def test_missing_or_unreadable_corpus_raises(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        scan_corpus(tmp_path / "nope")


def test_read_sizes_and_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are read with their size known (no limit-sized buffer): an empty or blank
    file, one exactly at the limit, one over it, and a file whose size says less than it
    holds (as ``/proc`` files do) are each read as a plain ``read(limit + 1)`` would."""
    from reader.articles import scan

    monkeypatch.setattr(scan, "MAX_ARTICLE_BYTES", 64)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \t\r\n\x0b\x0c")
    at_limit = b" date 2022-01-01 \n\n" + b"x" * (64 - 19)
    (tmp_path / "at.txt").write_bytes(at_limit)
    (tmp_path / "over.txt").write_bytes(at_limit + b"y")
    assert scan.read_article_text(tmp_path / "empty.txt") == (None, "empty file")
    assert scan.read_article_text(tmp_path / "blank.txt") == (None, "empty file")
    assert scan.read_article_text(tmp_path / "at.txt") == (at_limit.decode(), None)
    text, problem = scan.read_article_text(tmp_path / "over.txt")
    assert text is None and problem is not None and problem.startswith("file too large")

    real_fstat = os.fstat

    def small(fd: int) -> os.stat_result:  # the size a /proc file or a growing one reports
        found = real_fstat(fd)
        return os.stat_result((*found[:6], 3, *found[7:]))

    monkeypatch.setattr(os, "fstat", small)
    assert scan.read_article_text(tmp_path / "at.txt") == (at_limit.decode(), None)
    assert scan.read_article_text(tmp_path / "over.txt")[0] == (at_limit + b"y").decode()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    """A named pipe given as an article is refused in one line at once; opening it
    plainly would wait for a writer forever (run in a child with a timeout, so a
    regression fails instead of hanging the suite)."""
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    child = (
        "import sys; from pathlib import Path; from reader.articles.scan import read_article_text;"
        "print(read_article_text(Path(sys.argv[1])))"
    )
    done = subprocess.run([sys.executable, "-c", child, str(fifo)], capture_output=True, text=True, timeout=20)
    assert done.returncode == 0, done.stderr
    assert "(None, 'not a regular file" in done.stdout
    cli = subprocess.run(
        [sys.executable, "-m", "reader.cli", "entities", str(fifo)], capture_output=True, text=True, timeout=20
    )
    assert cli.returncode == 1
    assert cli.stderr.count("\n") == 1 and "not a regular file" in cli.stderr and "Traceback" not in cli.stderr
