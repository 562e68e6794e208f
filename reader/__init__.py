"""reader: a terminal reader for news corpora, with named entities highlighted."""

__version__ = "0.1.0"
