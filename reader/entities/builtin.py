"""The built-in extractor: numeric patterns, capitalised runs, then document evidence.

One instance holds the gazetteers and compiled patterns and is reused for every article;
``extract`` keeps no state between calls.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol, cast

from reader.articles.model import Span
from reader.articles.parse import split_paragraphs

from .context import caption_spans, sports_teams
from .gazetteers import Gazetteers
from .gazetteers import load as load_gazetteers
from .keys import canonical
from .lexicon import ALIASES
from .model import NAME_LABELS, Entity
from .names import (
    MAYBE_SURNAME,
    ROLE_CONFIDENT,
    ROLE_FULL_ORG,
    ROLE_FULL_PERSON,
    ROLE_OVERRIDABLE,
    ROLE_SINGLE,
    WEAK,
    NameFinder,
    Run,
    RunMention,
)
from .numeric import find_numeric


class SpanLike(Protocol):
    """A paragraph given as an object: the parser's ``Span``, or a caller's own."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


ParagraphsArg = Sequence[tuple[int, int]] | Sequence[SpanLike] | None
_ACRONYM_AFTER = re.compile(r"[ \t]*\(([A-Z][A-Za-z.&]{1,9})\)")


def paragraph_spans(text: str, paragraphs: ParagraphsArg) -> list[tuple[int, int]]:
    """Paragraphs as sorted, clipped, non-overlapping ``(start, end)`` pairs."""
    if paragraphs is None:
        return [(p.start, p.end) for p in split_paragraphs(text, 0, len(text))]
    if paragraphs and isinstance(paragraphs[0], Span):
        # The parser's spans (what the index passes for every article) are sorted,
        # disjoint and inside the text already: checked in one pass.
        try:
            given = [(p.start, p.end) for p in cast("Sequence[Span]", paragraphs)]
        except AttributeError:
            given = []
        last = 0
        for s, e in given:
            if not last <= s < e:
                break
            last = e
        else:
            if given and last <= len(text):
                return given
    spans: list[tuple[int, int]] = []
    n = len(text)
    for p in paragraphs:
        if isinstance(p, tuple):
            s, e = int(p[0]), int(p[1])
        else:
            span = cast("Span", p)  # any object with start and end, like the parser's Span
            s, e = int(span.start), int(span.end)
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


def _order(c: RunMention) -> tuple[int, int]:
    """Text order, the longer of two mentions starting together first."""
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
        spans = paragraph_spans(text, paragraphs)
        if names_only:
            # Names never overlap numbers (the name finder skips their tokens), and the
            # document evidence reads names only, so leaving numbers out changes no name;
            # names read only the numbers that can touch a capitalised run, found run by run.
            runs: list[Run] = []
            self.names.find(text, spans, [], runs, near_runs=True)
            return self._resolve(text, runs, names_only=True)
        flat: list[RunMention] = []
        taken: list[tuple[int, int, str]] = []
        for start, end in spans:
            nums = find_numeric(text, start, end)
            for s, e, label in nums:
                flat.append(RunMention.number(s, e, label, text[s:e]))
            taken.extend(nums)
        found: list[Run] = []
        self.names.find(text, spans, taken, found)
        flat.extend(c.moved(ms) for ms, mentions in found for c in mentions)
        # Numbers interleave with the names: one run of everything, in order.
        flat.sort(key=_order)
        return self._resolve(text, [(0, tuple(flat))])

    def _resolve(self, text: str, runs: list[Run], names_only: bool = False) -> list[tuple[int, int, str, str, str]]:
        """Apply document evidence, assign keys, and drop any overlap."""
        surnames, given, acronyms, confident = _evidence(text, runs)
        out: list[tuple[int, int, str, str, str]] = []
        last_end = -1
        junk = caption_spans(text)
        for ms, mentions in runs:
            for c in mentions:
                start = ms + c.start
                if start < last_end:
                    continue
                label, key = c.label, c.key
                if label == MAYBE_SURNAME:
                    # an ordinary word: a person only as the surname of one named in full,
                    # or of one named with a title ("President Trump ... Trump said")
                    if c.norm in surnames:
                        label, key = "PERSON", surnames[c.norm]
                    else:
                        seen = confident.get(c.norm)
                        if seen is None or seen[0] != "PERSON":
                            continue
                        label, key = seen
                elif names_only and label not in NAME_LABELS:
                    continue  # a holiday: a date, left to the full run
                if junk and any(s <= start < e for s, e in junk):
                    continue
                if c.role & ROLE_SINGLE:
                    mention = c.norm
                    weak = c.strength == WEAK
                    if mention in surnames and c.role & ROLE_OVERRIDABLE:
                        label, key = "PERSON", surnames[mention]
                    elif mention in acronyms and (weak or label == "ORG"):
                        label, key = acronyms[mention]
                    elif weak and mention in confident:
                        label, key = confident[mention]
                    elif label == "PERSON" and mention in surnames:
                        key = surnames[mention]
                    elif label == "PERSON" and mention in given:
                        key = given[mention]
                elif label == "PERSON" and c.words > 1 and c.norm[:1].isupper() and c.norm.lower() in surnames:
                    key = surnames[c.norm.lower()]
                end = ms + c.end
                mention_text = c.text
                if c.words == 1 and text.startswith(".", end) and (mention_text + ".").lower() in ALIASES:
                    # "HARRISBURG, Pa.": a state's wire abbreviation keeps its full stop
                    label, key = ALIASES[(mention_text + ".").lower()]
                    out.append((start, end + 1, label, mention_text + ".", key))
                    last_end = end + 1
                    continue
                if text.startswith(":", end) and mention_text.endswith(_CAPTION_TAILS):
                    # "Jane Roe Image: Reuters": the caption's label word is not the name
                    cut = mention_text.rsplit(" ", 1)[0]
                    end = start + len(cut)
                    out.append((start, end, label, cut, key if key and key != c.text_key else canonical(cut)))
                    last_end = end
                    continue
                out.append((start, end, label, mention_text, key or c.text_key))
                last_end = end
        return sports_teams(text, out)


_Evidence = tuple[dict[str, str], dict[str, str], dict[str, tuple[str, str]], dict[str, tuple[str, "str | None"]]]


def _evidence(text: str, runs: list[Run]) -> _Evidence:
    """What the article says of its names: surnames and given names of full PERSON names,
    acronyms of ORG and FAC names, and the label and key of every confident mention."""
    surnames: dict[str, str] = {}
    given: dict[str, str] = {}
    acronyms: dict[str, tuple[str, str]] = {}
    confident: dict[str, tuple[str, str | None]] = {}
    for ms, mentions in runs:
        for c in mentions:
            role = c.role
            if not role & _GIVES:
                continue
            mention = c.norm
            if role & ROLE_FULL_PERSON:
                extra = c.evidence
                assert extra is not None  # set with the role
                first, last = extra
                if last not in surnames:
                    surnames[last] = mention
                bare = _ARTICLE_PREFIX.sub("", last)
                if bare != last and bare not in surnames:
                    surnames[bare] = mention  # "Burhan" after "Abdel Fattah al-Burhan"
                particle = _PARTICLE_TAIL.search(mention)
                if particle:  # "Von der Leyen" after "Ursula von der Leyen"
                    surnames.setdefault(particle.group().lower(), mention)
                if first not in given:
                    given[first] = mention
            elif role & ROLE_FULL_ORG:
                extra = c.evidence
                assert extra is not None
                letters, key = extra
                # "Kennedy Space Center (KSC)", later "KSC": the acronym takes the label
                after = _ACRONYM_AFTER.match(text, ms + c.end)
                if after:
                    acronyms.setdefault(after.group(1), (c.label, key))
                acronyms.setdefault(letters, (c.label, key))
            if role & ROLE_CONFIDENT and mention not in confident:
                confident[mention] = (c.label, c.key)
    return surnames, given, acronyms, confident


_PARTICLE_TAIL = re.compile(r"\b(?:van|von|de|da|del|della|der|den|di|du|le|la|bin|ibn)\b.*$")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|Al|El|ad|as|ash|az|ar|an|at)-(?=[A-Z])")
_CAPTION_TAILS = (" Image", " Photo", " Picture", " Photograph", " Video", " Credit", " Source")
_GIVES = ROLE_FULL_PERSON | ROLE_FULL_ORG | ROLE_CONFIDENT
