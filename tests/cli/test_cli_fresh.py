"""``reader index`` and ``--fresh``: the commands trust the walk token (the folders'
times) and so miss a file edited in place; ``reader index`` and ``--fresh`` catch it.
Also which modules a command loads: ``reader --version`` and a warm ``reader search``,
``list``, ``show`` or ``mentions`` import neither the date parser, nor Rich or Textual,
nor any other command, nor the readers of formats the corpus does not hold."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.commands import COMMANDS

ROOT = Path(__file__).resolve().parents[2]
HOUR_AGO = time.time() - 3600

ARTICLES = {
    "2022/04/guterres.txt": "date: 2022-04-26\ntitle: Guterres visits Kyiv\n\nAntonio Guterres arrived in Kyiv.\n",
    "2022/05/trade.txt": "date: 2022-05-03\ntitle: Trade talks resume\n\nIndia and the European Union met.\n",
    "notes.txt": "date: 2021-06-01\ntitle: Copper notes\n\nA short note about copper prices in Chile.\n",
}


def reader(*args: str, cache: Path, code: str | None = None) -> tuple[int, str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_CACHE": str(cache)}
    command = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "reader.cli", *args]
    proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


def settle(root: Path) -> None:
    for folder, _, files in os.walk(root):
        for name in files:
            os.utime(Path(folder) / name, (HOUR_AGO, HOUR_AGO), follow_symlinks=False)
        os.utime(folder, (HOUR_AGO, HOUR_AGO))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for rel, text in ARTICLES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    settle(root)
    return root


def index_json(corpus: Path, cache: Path, *extra: str) -> dict[str, object]:
    code, out, err = reader("index", str(corpus), "--json", *extra, cache=cache)
    assert code == 0, err
    result = json.loads(out)
    assert isinstance(result, dict)
    return result


def test_index_json_says_what_changed(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = index_json(corpus, cache)
    assert first["corpus"] == str(corpus)
    assert (first["files"], first["added"], first["changed"], first["removed"], first["unchanged"]) == (3, 3, 0, 0, 0)
    assert first["problems"] == [] and first["notices"] == []
    (corpus / "2022/05/trade.txt").unlink()
    (corpus / "2022/05/empty.txt").write_text("")
    (corpus / "notes.txt").write_text("date: 2021-06-01\ntitle: Copper notes\n\nZinc now, not copper.\n")
    second = index_json(corpus, cache)
    assert (second["files"], second["added"], second["changed"], second["removed"]) == (3, 0, 1, 1)
    assert second["unchanged"] == 1 and second["reread"] == 2
    assert second["problems"] == [{"path": str(corpus / "2022/05/empty.txt"), "reason": "empty file", "skipped": True}]
    assert set(first) == set(second) == {
        "corpus", "files", "added", "changed", "moved", "removed", "unchanged", "reread", "seconds", "problems",
        "notices",
    }  # fmt: skip


def test_index_text_summary(corpus: Path, tmp_path: Path) -> None:
    code, out, err = reader("index", str(corpus), cache=tmp_path / "cache")
    assert code == 0, err
    assert out.startswith(f"{corpus}: 3 added, 0 changed, 0 moved, 0 removed, 0 unchanged (3 files, 0 problems,")
    assert "\x1b" not in err  # no progress bar when stderr is not a terminal


def test_in_place_edit_needs_fresh_or_index(corpus: Path, tmp_path: Path) -> None:
    """The gap README documents, and the two ways to close it."""
    cache = tmp_path / "cache"
    index_json(corpus, cache)
    notes = corpus / "notes.txt"
    notes.write_text("date: 2021-06-01\ntitle: Copper notes\n\nA short note about zinc prices in Chile.\n")
    settle(corpus)  # as if written long ago: only the file changed, its folder did not
    assert reader("search", "zinc", str(corpus), "--json", cache=cache)[1].strip() == "[]"
    code, out, err = reader("search", "zinc", str(corpus), "--json", "--fresh", cache=cache)
    assert code == 0, err
    assert [hit["title"] for hit in json.loads(out)] == ["Copper notes"]

    notes.write_text("date: 2021-06-01\ntitle: Tin notes\n\nA short note about tin prices in Chile.\n")
    settle(corpus)
    assert "Tin notes" not in reader("list", str(corpus), cache=cache)[1]
    assert "Tin notes" in reader("list", str(corpus), "--fresh", cache=cache)[1]

    notes.write_text("date: 2021-06-01\ntitle: Lead notes\n\nA short note about lead prices in Chile.\n")
    settle(corpus)
    assert index_json(corpus, cache)["changed"] == 1
    assert "Lead notes" in reader("list", str(corpus), cache=cache)[1]


def test_an_added_file_is_seen_without_fresh(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    index_json(corpus, cache)
    (corpus / "2022/04/zinc.txt").write_text("date: 2022-04-02\ntitle: Zinc rally\n\nZinc prices rose.\n")
    code, out, err = reader("search", "zinc", str(corpus), "--json", cache=cache)
    assert code == 0, err
    assert [hit["title"] for hit in json.loads(out)] == ["Zinc rally"]


MODULES_AFTER = """
import json, sys
import reader.cli
try:
    reader.cli.main(sys.argv[1:])
except SystemExit:
    pass
sys.stdout.flush()
print("\\n" + json.dumps(sorted(sys.modules)))
"""

HEAVY = ("dateutil", "textual", "rich", "trafilatura", "feedparser", "charset_normalizer", "reader.tui")


def loaded(*args: str, cache: Path) -> set[str]:
    code, out, err = reader(*args, cache=cache, code=MODULES_AFTER)
    assert code == 0, err
    return set(json.loads(out.strip().splitlines()[-1]))


def heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY)}


# What a warm command must not load, beyond HEAVY: the readers of the other formats (the
# corpus here is plain text), the csv and HTML parsers behind them, and standard modules
# only a slow path needs (``shutil`` came with argparse's own width lookup, ``tempfile``
# with importlib.resources and platformdirs, ``difflib`` with a mistyped command).
OTHER_FORMATS = (
    "reader.articles.csv_file", "reader.articles.feed_file", "reader.articles.page_file",
    "reader.articles.html_text", "csv", "html", "html.parser",
)  # fmt: skip
SLOW_PATH_ONLY = (
    "shutil",
    "tempfile",
    "importlib.resources",
    "difflib",
    "calendar",
    "random",
    "zipfile",
    "bz2",
    "lzma",
)


def test_version_and_help_import_no_command(tmp_path: Path) -> None:
    for args in (("--version",), ("--help",)):
        modules = loaded(*args, cache=tmp_path / "cache")
        assert not heavy(modules)
        assert not {m for m in modules if m.startswith("reader.commands.")}
        assert "reader.index" not in modules and "reader.articles" not in modules
        # safe_text needs no dataclass (its offset map is in safe_offsets), cli no typing
        assert not modules & {"dataclasses", "inspect", "typing", *SLOW_PATH_ONLY}, args


def test_warm_search_imports_only_what_it_needs(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    index_json(corpus, cache)
    settle(corpus)
    index_json(corpus, cache)  # a settled token: the search below walks nothing
    modules = loaded("search", "copper", str(corpus), cache=cache)
    assert "reader.index.search" in modules  # it did search
    assert not heavy(modules)
    others = {f"reader.commands.{name}" for name in COMMANDS if name != "search"}
    assert not modules & others
    assert "reader.entities.builtin" not in modules  # no update ran, so no extraction
    assert not modules & {*OTHER_FORMATS, *SLOW_PATH_ONLY}
    # Only entity filters resolve names, only an update extracts entities, only mentions
    # and the entity views count them, only store filters open the store; READER_CACHE
    # names the cache folder, so platformdirs is not asked.
    assert not {m for m in modules if m.startswith(("reader.entities", "reader.store"))}
    unused = {"resolve", "entity_stats", "mentions", "mention_model", "entity_pass", "phrases", "short_names"}
    assert not modules & {f"reader.index.{name}" for name in unused}
    assert "platformdirs" not in modules
    # Its values are named tuples made without typing (reader/records.py) and plain
    # classes (defining a frozen dataclass cost 0.5 ms, importing dataclasses 5 ms,
    # typing 3 ms), and its hashes are CPython's own (hashlib loads OpenSSL: 2 ms).
    assert not modules & {"dataclasses", "inspect", "typing", "_hashlib", "hashlib"}


def test_a_whole_process_command_freezes_its_heap(corpus: Path, tmp_path: Path) -> None:
    """The console script's ``main()`` (no argv: the process ends with the command)
    freezes the heap for the collector; a caller passing argv gets it as it was."""
    probe = "import gc, sys\nfrom reader.cli import main\n{call}\nprint(gc.get_freeze_count() > 0)\n"
    for call, frozen in (("main()", "True"), ("main(sys.argv[1:])", "False")):
        code, out, err = reader("list", str(corpus), cache=tmp_path / "cache", code=probe.format(call=call))
        assert code == 0, err
        assert out.splitlines()[-1] == frozen
        assert "Guterres visits Kyiv" in out  # the command itself ran


def test_warm_list_show_and_mentions_import_only_what_they_need(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    store = str(tmp_path / "store.json")
    index_json(corpus, cache)
    settle(corpus)
    index_json(corpus, cache)
    code, out, err = reader("list", str(corpus), "--json", cache=cache)
    assert code == 0, err
    ident = json.loads(out)[0]["id"]
    for args in (
        ("list", str(corpus)),
        ("show", ident, "--corpus", str(corpus), "--store", store),
        ("mentions", "Guterres", str(corpus), "--store", store),
    ):
        modules = loaded(*args, cache=cache)
        assert not heavy(modules), args
        assert not modules & set(OTHER_FORMATS), args
        assert "reader.index.entity_stats" not in modules, args
        if args[0] == "list":  # show and mentions read the store (corrections), and its matching uses difflib
            assert not modules & set(SLOW_PATH_ONLY)
            assert not {m for m in modules if m.startswith(("reader.entities", "reader.store"))}
    assert "reader.index.mentions" in modules  # it did answer


def test_help_lists_every_command_with_its_modules_help(capsys: pytest.CaptureFixture[str]) -> None:
    """The table's help lines are what each module registers, and ``--help`` shows them."""
    import argparse
    import importlib

    for name, summary in COMMANDS.items():
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers()
        importlib.import_module(f"reader.commands.{name}").register(sub)
        helps = {action.dest: action.help for action in sub._choices_actions}
        assert helps == {name: summary}
    code, out, _ = reader("--help", cache=Path("/nonexistent"))
    assert code == 0
    for name in COMMANDS:
        assert f"    {name} " in out


def test_index_of_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    code, out, err = reader("index", str(tmp_path / "nowhere"), cache=tmp_path / "cache")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "does not exist" in err and "Traceback" not in err


def test_list_from_the_token_says_what_a_walk_and_a_parse_say(corpus: Path, tmp_path: Path) -> None:
    """Rows and problems (a file's and the walk's own) the same three ways."""
    (corpus / "2022/empty.txt").write_text("")
    (corpus / "2022/dangling.txt").symlink_to(corpus / "gone.txt")
    settle(corpus)
    cache = tmp_path / "cache"
    index_json(corpus, cache)
    settle(corpus)
    index_json(corpus, cache)  # the token now holds
    cheap = reader("list", str(corpus), "--json", cache=cache)
    walked = reader("list", str(corpus), "--json", "--fresh", cache=cache)
    parsed = reader("list", str(corpus), "--json", cache=tmp_path / "no-index")
    assert cheap == walked == parsed
    assert "broken symbolic link" in cheap[2] and "empty file" in cheap[2]
