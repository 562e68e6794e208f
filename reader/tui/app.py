"""A minimal app: the corpus's titles, newest first. (The full reader replaces this.)"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from ..articles import scan_corpus
from ..locations import styles_dir
from ..safe_text import safe_line


class ReaderApp(App[int]):
    CSS_PATH = str(styles_dir() / "reader.tcss")
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, corpus: Path, store_path: Path | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.store_path = store_path

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="articles")
        yield Footer()

    def on_mount(self) -> None:
        result = scan_corpus(self.corpus)
        text = Text()
        for article in result.articles:
            text.append(f"{article.date_iso or 'undated':10}  ", style="dim")
            text.append(safe_line(article.title) + "\n")
        self.query_one("#articles", Static).update(text)
        self.title = f"reader: {safe_line(str(self.corpus))} ({len(result.articles)} articles)"
