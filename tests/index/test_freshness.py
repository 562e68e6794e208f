"""The walk token: a warm index answers without walking the corpus unless its folders'
times say something was added, removed or renamed; ``fresh`` (and ``update``) always walk.

The walk is counted by wrapping ``iter_article_files`` where the updater looks it up, and
listing a folder is made to fail outright while the cheap check runs, so "no walk" means
no folder was listed at all.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import reader.index.update as update_module
from reader.index import CorpusIndex
from reader.index.freshness import MAX_FOLDERS

HOUR_AGO = time.time() - 3600


def settle(root: Path) -> None:
    """Every folder and file under ``root`` dated an hour ago, as a corpus left alone is:
    a folder modified just before the walk is never trusted (the clock's granularity)."""
    for folder, _, files in os.walk(root):
        for name in files:
            os.utime(Path(folder) / name, (HOUR_AGO, HOUR_AGO), follow_symlinks=False)
        os.utime(folder, (HOUR_AGO, HOUR_AGO))


class WalkCounter:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.walks = 0
        real = update_module.iter_article_files

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.walks += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(update_module, "iter_article_files", counted)


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> WalkCounter:
    return WalkCounter(monkeypatch)


@pytest.fixture
def settled(corpus: Path, cache: Path) -> Iterator[CorpusIndex]:
    """An index built on a settled corpus, then settled again (the build's own writes)."""
    settle(corpus)
    idx = CorpusIndex.open(corpus, cache)
    idx.update()
    yield idx
    idx.close()


def no_listing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the cheap check listed a folder")

    monkeypatch.setattr(os, "scandir", refuse)
    monkeypatch.setattr(os, "listdir", refuse)


def titles(index: CorpusIndex) -> set[str]:
    return {row.title for row in index.rows()}


def test_unchanged_corpus_is_not_walked(
    settled: CorpusIndex, walks: WalkCounter, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        no_listing(patch)
        report = settled.refresh()
    assert walks.walks == 0
    assert not report.walked
    assert report.files == 5 and report.unchanged == 5 and not report.touched


def test_the_token_counts_the_files_so_a_check_reads_no_file_row(settled: CorpusIndex) -> None:
    """The report's counts come from the token: the files table is not read (a count of
    it read every page); a token recorded before tokens kept the count still answers."""
    conn = settled._conn
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    report = settled.refresh()
    conn.set_trace_callback(None)
    assert not report.walked and (report.files, report.unchanged) == (5, 5)
    assert not [s for s in statements if "files" in s]
    token = json.loads(conn.execute("SELECT value FROM meta WHERE name = 'walk_token'").fetchone()[0])
    assert token["files"] == 5
    del token["files"]
    conn.execute("UPDATE meta SET value = ? WHERE name = 'walk_token'", (json.dumps(token),))
    report = settled.refresh()
    assert not report.walked and (report.files, report.unchanged) == (5, 5)


def test_stats_are_bounded_by_the_folders(settled: CorpusIndex, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One stat a folder (the corpus has five folders and five files), none a file."""
    folders = {str(corpus)} | {str(p) for p in corpus.rglob("*") if p.is_dir()}
    stats: list[str] = []
    real = os.stat

    def counted(path: Any, *args: Any, **kwargs: Any) -> Any:
        stats.append(str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", counted)
    assert not settled.refresh().walked
    assert sorted(stats) == sorted(folders)


def test_added_file_is_noticed(settled: CorpusIndex, corpus: Path, walks: WalkCounter) -> None:
    (corpus / "2022/05/new.txt").write_text("title: Fresh arrival\n\nCopper prices rose in Peru.\n")
    report = settled.refresh()
    assert report.walked and walks.walks == 1
    assert report.added == 1
    assert "Fresh arrival" in titles(settled)


def test_removed_file_is_noticed(settled: CorpusIndex, corpus: Path, walks: WalkCounter) -> None:
    (corpus / "2021/imf.txt").unlink()
    report = settled.refresh()
    assert report.walked and report.removed == 1
    assert "IMF approves loan for Ghana" not in titles(settled)


def test_renamed_file_is_noticed(settled: CorpusIndex, corpus: Path, walks: WalkCounter) -> None:
    (corpus / "2021/imf.txt").rename(corpus / "2021/imf-loan.txt")
    report = settled.refresh()
    assert report.walked and report.moved == 1
    assert any(row.path.endswith("2021/imf-loan.txt") for row in settled.rows())


def test_new_subfolder_is_noticed(settled: CorpusIndex, corpus: Path, walks: WalkCounter) -> None:
    (corpus / "2023/01/deep").mkdir(parents=True)
    (corpus / "2023/01/deep/new.txt").write_text("title: Deep news\n\nTin prices fell in Bolivia.\n")
    report = settled.refresh()
    assert report.walked and report.added == 1
    assert "Deep news" in titles(settled)


def test_removed_subfolder_is_noticed(settled: CorpusIndex, corpus: Path) -> None:
    (corpus / "2021/imf.txt").unlink()
    (corpus / "2021").rmdir()
    report = settled.refresh()
    assert report.walked and report.removed == 1


def test_in_place_edit_is_missed_until_a_full_check(settled: CorpusIndex, corpus: Path, walks: WalkCounter) -> None:
    """The documented gap: a file rewritten in place leaves its folder's time alone."""
    path = corpus / "undated.txt"
    path.write_text("title: Notes rewritten\n\nA short note about zinc.\n")
    settle(corpus)  # the folder's time as it was (writing a file's bytes never changes it)
    assert not settled.refresh().walked
    assert "Notes rewritten" not in titles(settled)
    report = settled.refresh(fresh=True)
    assert report.walked and report.changed == 1
    assert "Notes rewritten" in titles(settled)
    assert walks.walks == 1


def test_folder_modified_during_the_walk_is_not_trusted(corpus: Path, cache: Path, walks: WalkCounter) -> None:
    """Written just now (no settle): its time may not move on the next change, so the
    first check walks; a walk once the folders have settled makes the token hold."""
    with CorpusIndex.open(corpus, cache) as idx:
        idx.update()
        assert idx.refresh().walked
        settle(corpus)
        assert idx.refresh().walked  # the folders' times moved (to an hour ago): walk, record
        assert not idx.refresh().walked
    assert walks.walks == 3


def test_update_cut_short_leaves_no_token(settled: CorpusIndex, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An update killed half-way must not leave the old token vouching for the index."""
    path = corpus / "undated.txt"
    path.write_text("title: Notes rewritten\n\nA short note about zinc.\n")
    settle(corpus)

    def broken(path: Path) -> Any:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(update_module, "read_file", broken)
        with pytest.raises(KeyboardInterrupt):
            settled.update()
    report = settled.refresh()
    assert report.walked and report.changed == 1


def test_walk_problems_are_kept_with_the_token(corpus: Path, cache: Path) -> None:
    """A broken link is no file's problem: the token repeats it when nothing is walked."""
    (corpus / "2022/dangling.txt").symlink_to(corpus / "nowhere.txt")
    settle(corpus)
    with CorpusIndex.open(corpus, cache) as idx:
        walked = idx.update()
        cheap = idx.refresh()
    assert not cheap.walked
    assert [(p.path, p.reason) for p in cheap.problems] == [(p.path, p.reason) for p in walked.problems]
    assert any("broken symbolic link" in p.reason for p in cheap.problems)


def test_single_file_corpus(tmp_path: Path, cache: Path) -> None:
    one = tmp_path / "one.txt"
    one.write_text("title: Alone\n\nA single article about nickel.\n")
    os.utime(one, (HOUR_AGO, HOUR_AGO))
    with CorpusIndex.open(one, cache) as idx:
        idx.update()
        assert not idx.refresh().walked
        one.write_text("title: Alone again\n\nA single article about cobalt.\n")
        report = idx.refresh()
        assert report.walked and report.changed == 1


def test_too_many_folders_keep_no_token(settled: CorpusIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reader.index.freshness.MAX_FOLDERS", 2)
    settled.update()
    assert settled.refresh().walked
    assert MAX_FOLDERS > 2
