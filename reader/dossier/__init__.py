"""Dossiers: one entity of a corpus written up, for reading away from the reader.

``gather`` collects it from the index (which articles, how often, when, with whom), the
article files (the sentences that name it, the spellings used) and the user's store (their
notes and bookmarks on those articles); ``render`` writes it as Markdown or JSON. Neither
imports Textual: ``reader dossier`` and the TUI's ``d`` are its callers.
"""

from .gather import gather
from .model import ArticleNote, Dossier, DossierArticle, Kwic
from .render import to_json, to_markdown

__all__ = ["ArticleNote", "Dossier", "DossierArticle", "Kwic", "gather", "to_json", "to_markdown"]
