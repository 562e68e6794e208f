"""Articles: the model and its light row, the file formats, corpus scanning and the
problems found."""

from .formats import parse_file_text
from .model import Article, Span
from .problems import CorpusError, Problem
from .row import ArticleRow, row_of_article, row_sort_key
from .scan import ScanResult, load_file, scan_corpus, sort_key

__all__ = [
    "Article",
    "ArticleRow",
    "CorpusError",
    "Problem",
    "ScanResult",
    "Span",
    "load_file",
    "parse_file_text",
    "row_of_article",
    "row_sort_key",
    "scan_corpus",
    "sort_key",
]
