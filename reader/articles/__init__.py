"""Articles: the model, the file formats, corpus scanning and the problems found."""

from .model import Article, Span
from .parse import parse_file_text
from .problems import CorpusError, Problem
from .scan import ScanResult, load_file, scan_corpus, sort_key

__all__ = [
    "Article",
    "CorpusError",
    "Problem",
    "ScanResult",
    "Span",
    "load_file",
    "parse_file_text",
    "scan_corpus",
    "sort_key",
]
