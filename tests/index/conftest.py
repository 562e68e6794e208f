"""A small corpus written fresh for each test, and an index on it in a private cache."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.index import CorpusIndex
from reader.index import update as update_module

ARTICLES = {
    "2022/04/guterres.txt": (
        " date 2022-04-26 \ntitle: Guterres visits Kyiv\n\n"
        "UN Secretary-General Antonio Guterres arrived in Kyiv on Tuesday. Guterres met officials.\n\n"
        "Guterres said the United Nations would help. The visit followed talks in Moscow.\n"
    ),
    "2022/04/water.txt": (
        " date 2022-04-10 \ntitle: Water summit opens in Geneva\n\n"
        "The Global Water Alliance opened its water summit in Geneva. Water ministers attended.\n\n"
        "Water, water everywhere: delegates from Chile discussed water prices.\n"
    ),
    "2022/05/trade.txt": (
        " date 2022-05-03 \ntitle: Trade talks resume\n\n"
        "Negotiators from India and the European Union resumed trade talks in New Delhi.\n\n"
        "The water of the harbour was calm, said one delegate.\n"
    ),
    "2021/imf.txt": (
        " date 2021-06-01 \ntitle: IMF approves loan for Ghana\n\n"
        "The International Monetary Fund approved a loan of $3 billion for Ghana on Monday.\n"
    ),
    "undated.txt": "title: Notes without a date\n\nA short note about copper prices in Chile.\n",
}


def write_corpus(root: Path, articles: dict[str, str] = ARTICLES) -> Path:
    for rel, text in articles.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def index(corpus: Path, cache: Path) -> Iterator[CorpusIndex]:
    idx = CorpusIndex.open(corpus, cache)
    idx.update()
    yield idx
    idx.close()


@pytest.fixture
def make_corpus() -> object:
    """``write_corpus`` for tests that need a corpus of their own."""
    return write_corpus


@pytest.fixture
def count_reads(monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[Path]]:
    """Call it to start counting the files the updater reads: the list it returns fills
    with each path as it is read."""

    def start() -> list[Path]:
        reads: list[Path] = []
        real = update_module.read_file

        def counted(path: Path) -> object:
            reads.append(path)
            return real(path)

        monkeypatch.setattr(update_module, "read_file", counted)
        return reads

    return start
