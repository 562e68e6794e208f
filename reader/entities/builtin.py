"""The built-in extractor: numeric patterns, capitalised runs, then document evidence.

One instance holds the gazetteers and compiled patterns and is reused for every article;
``extract`` keeps no state between calls.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from reader.articles.parse import split_paragraphs

from .gazetteers import Gazetteers
from .gazetteers import load as load_gazetteers
from .keys import canonical, initials, normalise
from .lexicon import ALIASES
from .model import Entity
from .names import STRONG, WEAK, Candidate, NameFinder
from .numeric import find_numeric, find_numeric_near_names

ParagraphsArg = Sequence[tuple[int, int]] | Sequence[object] | None
_ACRONYM_AFTER = re.compile(r"[ \t]*\(([A-Z][A-Za-z.&]{1,9})\)")
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})


def paragraph_spans(text: str, paragraphs: ParagraphsArg) -> list[tuple[int, int]]:
    """Paragraphs as sorted, clipped, non-overlapping ``(start, end)`` pairs."""
    if paragraphs is None:
        return [(p.start, p.end) for p in split_paragraphs(text, 0, len(text))]
    spans: list[tuple[int, int]] = []
    n = len(text)
    for p in paragraphs:
        if isinstance(p, tuple):
            s, e = int(p[0]), int(p[1])
        else:
            s, e = int(getattr(p, "start")), int(getattr(p, "end"))
        s, e = max(0, min(s, n)), max(0, min(e, n))
        if e > s:
            spans.append((s, e))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            s = merged[-1][1]
            if e <= s:
                continue
        merged.append((s, e))
    return merged


def _order(c: Candidate) -> tuple[int, int]:
    return (c.start, -c.end)


class BuiltinExtractor:
    """Rule-based, pure Python, offline: the default extractor."""

    name = "builtin"

    def __init__(self, gazetteers: Gazetteers | None = None) -> None:
        self.gaz = gazetteers or load_gazetteers()
        self.names = NameFinder(self.gaz)
        self.countries = frozenset(self.gaz.demonyms.values())

    def extract(self, text: str, paragraphs: ParagraphsArg = None, names_only: bool = False) -> list[Entity]:
        """Entities of ``text``; ``names_only`` leaves out the value labels (DATE, MONEY,
        CARDINAL...) and gives exactly the named entities of a full run, more cheaply."""
        return [Entity(*found) for found in self.extract_tuples(text, paragraphs, names_only)]

    def extract_tuples(
        self, text: str, paragraphs: ParagraphsArg = None, names_only: bool = False
    ) -> list[tuple[int, int, str, str, str]]:
        """``extract`` as ``(start, end, label, text, key)`` tuples, the fields of each
        ``Entity`` in order (the corpus index needs no objects)."""
        cands: list[Candidate] = []
        for start, end in paragraph_spans(text, paragraphs):
            # Names never overlap numbers (the name finder skips their tokens), and the
            # document evidence reads names only, so leaving numbers out changes no name;
            # names read only the numbers that can overlap a capitalised run.
            nums = find_numeric_near_names(text, start, end) if names_only else find_numeric(text, start, end)
            if not names_only:
                cands.extend(Candidate(s, e, label, None, STRONG, 0) for s, e, label in nums)
            cands.extend(self.names.find(text, start, end, [(s, e) for s, e, _ in nums]))
        cands.sort(key=_order)
        return self._resolve(text, cands)

    def _resolve(self, text: str, cands: list[Candidate]) -> list[tuple[int, int, str, str, str]]:
        """Apply document evidence, assign keys, and drop any overlap."""
        surnames: dict[str, str] = {}
        given: dict[str, str] = {}
        acronyms: dict[str, tuple[str, str]] = {}
        confident: dict[str, tuple[str, str | None]] = {}
        names = _NAME_LABELS
        texts = [text[c.start : c.end] for c in cands]
        for c, mention_text in zip(cands, texts):
            label = c.label
            if label not in names:
                continue
            mention = normalise(mention_text)
            words = c.words
            if words >= 2:
                if label == "PERSON":
                    first, last = _ends(mention)
                    if last not in surnames:
                        surnames[last] = mention
                    if first not in given:
                        given[first] = mention
                elif label == "ORG" or label == "FAC":
                    # "Kennedy Space Center (KSC)", later "KSC": the acronym takes the label
                    after = _ACRONYM_AFTER.match(text, c.end)
                    if after:
                        acronyms.setdefault(after.group(1), (label, c.key or canonical(mention)))
                    acronyms.setdefault(_initials(mention), (label, c.key or canonical(mention)))
            if words >= 1 and c.strength == STRONG and mention not in confident:
                confident[mention] = (label, c.key)

        out: list[tuple[int, int, str, str, str]] = []
        last_end = -1
        for c, mention_text in zip(cands, texts):
            if c.start < last_end:
                continue
            label, key = c.label, c.key
            if c.words == 1 and label in names:
                mention = normalise(mention_text)
                overridable = c.strength == WEAK or (
                    label == "GPE" and mention not in self.countries and mention.lower() not in ALIASES
                )
                if mention in surnames and overridable:
                    label, key = "PERSON", surnames[mention]
                elif mention in acronyms and (c.strength == WEAK or label == "ORG"):
                    label, key = acronyms[mention]
                elif c.strength == WEAK and mention in confident:
                    label, key = confident[mention]
                elif label == "PERSON" and mention in surnames:
                    key = surnames[mention]
                elif label == "PERSON" and mention in given:
                    key = given[mention]
            out.append((c.start, c.end, label, mention_text, key or canonical(mention_text)))
            last_end = c.end
        return out


@functools.lru_cache(maxsize=8192)
def _ends(mention: str) -> tuple[str, str]:
    """First and last word of a multi-word name (names recur: split each once)."""
    parts = mention.split()
    return parts[0], parts[-1]


@functools.lru_cache(maxsize=8192)
def _initials(mention: str) -> str:
    return initials(mention.split())
