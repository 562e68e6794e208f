"""Names: find runs of capitalised words and decide what each run names.

Candidate runs come from ``runs`` ("U.S. Defense Secretary Lloyd Austin", "Sea of
Azov"). Each run is then cut and labelled by a few ordered rules, each cheap (set and
dict look-ups), and remembered: news repeats its names, so most runs are looked up.

1. whole-run look-ups: the alias table, places, nationalities;
2. a title inside the run makes what follows a PERSON and what precedes a separate
   mention ("U.S." GPE + "Lloyd Austin" PERSON);
3. a head word names the kind ("Ministry" ORG, "Base" FAC, "Sea" LOC);
4. "and" and other connectors split runs that are not one name;
5. given names, initials and name particles make a PERSON;
6. what is left is kept as a weak guess that document evidence may correct.

Sentence-initial words are dropped when they are ordinary English words ("However",
"Fighting continued"), judged by a corpus-derived lexicon rather than a hand list.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .gazetteers import Gazetteers
from .keys import canonical, initials, normalise
from .lexicon import (
    ALIASES,
    COMPASS_WORDS,
    CONNECTORS,
    EVENT_WORDS,
    FAC_FIRST_WORDS,
    FAC_WORDS,
    HOLIDAYS,
    INSTITUTION_CENTER_WORDS,
    LAW_WORDS,
    LOC_WORDS,
    LOWER_TITLES,
    NAME_PARTICLES,
    NATURAL_NOUNS,
    NORP_WORDS,
    NOT_NAMES,
    NOT_ORG_ACRONYMS,
    ORG_WORDS,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    TITLES,
)
from .numeric import find_numeric
from .numeric_near import ANYWHERE, RUN_PLACES, run_places, touch
from .runs import TOKEN, run_spans

_PIECE = re.compile(rf"{TOKEN}|\S+")
_PREV_WORD = re.compile(r"([A-Za-z]+)[^\w\n]{0,3}$")
_NEXT_WORD = re.compile(r"[ \t,]*([a-z]+)")
_SENTENCE_END = frozenset(".!?:;\n\r•|*#>")
_OPENERS = frozenset(" \t\"'“‘«([{—–-")

# Runs remembered with what they became: about 1 kB each, so at most ~32 MB. A corpus's
# recurring names outgrow 10,000 (generated 100,000-article corpus: 24,000 distinct runs;
# at 10,000 the first-in-first-out memo forgot and re-decided 0.7 runs an article, at
# 32,000 0.24, and the cold index build ran 7% faster).
MEMO_SIZE = 32_000


@dataclass(slots=True)
class RunMention:
    """A mention as ``find`` gives it and the memo keeps it, with what document evidence
    will ask of it worked out once. Never changed once made: the memo hands one run's
    mentions to every article the run recurs in.

    A slotted dataclass, not a named tuple or a frozen dataclass, for speed: ``_resolve``
    reads most fields of every mention of every article, and slots read as fast as a
    tuple's items (a named tuple's fields several times slower); a full extraction also
    makes one per mention, and a frozen dataclass is slow to make (measured against the
    plain 11-field tuple this replaced: full extraction +4% instructions, +7% as a named
    tuple, +24% frozen; names only +0.4%).
    """

    start: int  # offsets from its run's start (a full extraction's one run starts at 0)
    end: int
    label: str
    key: str | None  # None: ``text_key``
    strength: int  # STRONG or WEAK: evidence may overwrite weak guesses
    words: int  # tokens in it: surnames come from multi-word PERSONs
    text: str
    norm: str  # ``text`` normalised (``keys.normalise``): what evidence matches on
    text_key: str  # the canonical key of ``text``
    evidence: tuple[str, str] | None  # a multi-word PERSON's (first, last) words; an ORG or FAC's (initials, key)
    role: int  # ROLE_* flags: what document evidence does with it

    @classmethod
    def number(cls, start: int, end: int, label: str, text: str) -> RunMention:
        """A numeric mention (DATE, MONEY...) for a full extraction: a strong guess,
        no words and nothing for document evidence. Made once per number of every article,
        so by position (keywords cost a full extraction 3% more)."""
        return cls(start, end, label, None, STRONG, 0, text, text, canonical(text), None, 0)

    def moved(self, by: int) -> RunMention:
        """This mention ``by`` characters further on (offsets from the text's start)."""
        return RunMention(
            self.start + by, self.end + by, self.label, self.key, self.strength, self.words, self.text, self.norm,
            self.text_key, self.evidence, self.role,
        )  # fmt: skip


# What a mention is to document evidence (flags of ``RunMention.role``).
ROLE_FULL_PERSON = 1  # a multi-word PERSON: gives its surname and given name
ROLE_FULL_ORG = 2  # a multi-word ORG or FAC: gives its initials (and an acronym after it)
ROLE_CONFIDENT = 4  # a strong guess: gives its label and key to the same words elsewhere
ROLE_SINGLE = 8  # one word: may take a label or key from the evidence
ROLE_OVERRIDABLE = 16  # one word that a surname may relabel as a PERSON
EVIDENCE_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
"""The labels document evidence reads and corrects."""
_Key = tuple[str, bool, tuple[tuple[int, int], ...], bool]
"""A run as the memo knows it: its text, whether its paragraph is a headline, where
numeric spans fall in it, whether it starts a sentence."""
Run = tuple[int, tuple[RunMention, ...]]
"""Mentions found in one run: the run's start, and the mentions with offsets from it."""

# Strength of a guess: evidence can overwrite weak ones only.
STRONG, WEAK = 2, 1
MAYBE_SURNAME = "-"
"""The label of a capitalised ordinary word ("Trump", "Cook", "May"): a PERSON if the
article names someone in full with it as surname, otherwise nothing."""


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    label: str
    key: str | None  # None: the canonicaliser decides
    strength: int
    words: int  # tokens in the mention (surnames come from multi-word PERSONs)


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    word: str
    conn: bool


# What a run's classification may read outside the run itself (``_Context.read``).
_SENTENCE, _PREVIOUS, _PLACE_NOUN = 0, 1, 2
# Kinds of the word before a run that matter: a lower-case title, a place preposition.
_OTHER, _TITLE, _PREPOSITION = 0, 1, 2


def _word_before(text: str, pos: int) -> int:
    prev = _PREV_WORD.search(text, max(0, pos - 24), pos)
    if prev:
        word = prev.group(1)
        if word in LOWER_TITLES:
            return _TITLE
        if word in PLACE_PREPOSITIONS:
            return _PREPOSITION
    return _OTHER


def _place_noun_after(text: str, pos: int) -> int:
    """What the lower-case word after ``pos`` says of a name before it: ``_GPE_NOUN``
    ("Kherson region"), ``_LOC_NOUN`` ("Aconcagua valley") or 0."""
    nxt = _NEXT_WORD.match(text, pos)
    if nxt:
        word = nxt.group(1)
        if word in PLACE_NOUNS:
            return _GPE_NOUN
        if word in NATURAL_NOUNS:
            return _LOC_NOUN
    return 0


_GPE_NOUN, _LOC_NOUN = 1, 2


class _Context:
    """The surroundings of one run, read lazily, remembering what was read.

    A run's candidates depend on its own text and on at most three facts about what is
    around it: whether it starts a sentence, the kind of word before it, whether a place
    noun follows it. The first is read for nearly every run, so ``find`` reads it up
    front and makes it part of the memo's key; the memo keeps, with each result, which of
    the other two its computation read. A later run with the same key and the same values
    for those facts gets the same result (the rules are deterministic).
    """

    __slots__ = ("text", "ms", "me", "para_start", "reads")

    def __init__(self, text: str, ms: int, me: int, para_start: int, sentence: bool) -> None:
        self.text, self.ms, self.me, self.para_start = text, ms, me, para_start
        self.reads: dict[int, int] = {_SENTENCE: int(sentence)}

    def read(self, what: int) -> int:
        value = self.reads.get(what)
        if value is None:
            value = _word_before(self.text, self.ms) if what == _PREVIOUS else _place_noun_after(self.text, self.me)
            self.reads[what] = value
        return value

    def needs(self) -> tuple[tuple[int, int], ...]:
        """The facts read besides the sentence start (which the memo key holds)."""
        return tuple((what, value) for what, value in self.reads.items() if what != _SENTENCE)


def _make_room(memo: dict[_Key, Any], key: _Key) -> None:
    """Forget the oldest entry of a full memo before ``key`` is added (first in, first out:
    bounded memory whatever the corpus)."""
    if key not in memo and len(memo) >= MEMO_SIZE:
        with contextlib.suppress(KeyError, RuntimeError, StopIteration):  # another thread got there
            del memo[next(iter(memo))]


def _remembered(text: str, ms: int, c: Candidate, countries: frozenset[str]) -> RunMention:
    """A candidate as the memo keeps it: offsets relative to its run, with what document
    evidence will ask of it worked out once."""
    mention_text = text[c.start : c.end]
    norm = normalise(mention_text)
    extra: tuple[str, str] | None = None
    role = 0
    if c.label in EVIDENCE_LABELS:
        if c.words >= 2:
            if c.label == "PERSON":
                parts = norm.split()
                extra = (parts[0], parts[-1])
                role |= ROLE_FULL_PERSON
            elif c.label == "ORG" or c.label == "FAC":
                extra = (initials(norm.split()), c.key or canonical(norm))
                role |= ROLE_FULL_ORG
        if c.words >= 1 and c.strength == STRONG:
            role |= ROLE_CONFIDENT
        if c.words == 1:
            role |= ROLE_SINGLE
            if c.strength == WEAK or (c.label == "GPE" and norm not in countries and norm.lower() not in ALIASES):
                role |= ROLE_OVERRIDABLE
    return RunMention(
        start=c.start - ms,
        end=c.end - ms,
        label=c.label,
        key=c.key,
        strength=c.strength,
        words=c.words,
        text=mention_text,
        norm=norm,
        text_key=canonical(mention_text),
        evidence=extra,
        role=role,
    )


class NameFinder:
    """Finds and labels capitalised runs in one paragraph at a time."""

    def __init__(self, gaz: Gazetteers) -> None:
        self.gaz = gaz
        self.places = gaz.places
        self.demonyms = gaz.demonyms
        self.countries = frozenset(gaz.demonyms.values())
        self.known = gaz.known
        # Runs remembered with what they became (see ``find``), each map first in, first out.
        self._plain: dict[_Key, tuple[RunMention, ...]] = {}  # results that read nothing else
        self._memo: dict[_Key, list[tuple[tuple[tuple[int, int], ...], tuple[RunMention, ...]]]] = {}

    # ---- entry point -------------------------------------------------------------
    def find(
        self,
        text: str,
        paragraphs: Sequence[tuple[int, int]],
        taken: list[tuple[int, int, str]],
        out: list[Run],
        near_runs: bool = False,
    ) -> None:
        """Append to ``out`` the runs of the ``paragraphs`` (sorted, disjoint spans of
        ``text``) that hold mentions avoiding the ``taken`` numeric spans (sorted), in
        order: ``(run start, mentions)``, the mentions' offsets relative to the run start
        (so a remembered run is appended as it is).

        ``near_runs`` (the names-only pass): ``taken`` starts empty, and the numeric matches
        that can touch each run are appended to it as the runs come (``numeric_near``).

        What a run becomes depends only on its own text and on a few facts about its
        surroundings (see ``_Context``), so runs that recur ("The", "Reuters", "Vladimir
        Putin said") are decided once and then looked up: news repeats its names. Each
        remembered mention carries what document evidence needs (its text, normal form,
        keys), so a repeated run costs one search and one dict look-up.
        """
        plain = self._plain
        known = RUN_PLACES
        openers, ends = _OPENERS, _SENTENCE_END
        ti = 0
        ntaken = len(taken)
        bounds = iter(paragraphs)
        start = end = -1
        headline = False
        pos = first = 0  # names only: where the paragraph's pass stands, its first number
        probing = False
        for ms, me in _article_runs(text, paragraphs):
            if ms >= end:
                for span in bounds:  # on to the paragraph holding this run
                    if ms < span[1]:
                        break
                start, end = span
                headline = _is_headline(text, start, end)
                if near_runs:
                    pos, first, probing = start, len(taken), True
            run = text[ms:me]
            if probing:
                places = known.get(run)
                if places is None:
                    places = run_places(run)
                if places:
                    if places is ANYWHERE:
                        # A capital the trigger is not built for: the paragraph's full pass.
                        taken[first:] = find_numeric(text, start, end)
                        probing = False
                        ti = min(ti, first)
                    else:
                        pos = touch(text, start, end, ms, places, taken, pos)
                    ntaken = len(taken)
            while ti < ntaken and taken[ti][1] <= ms:
                ti += 1
            clash: tuple[tuple[int, int], ...] = ()
            if ti < ntaken and taken[ti][0] < me:
                # numeric spans inside ("September" of "September 5"): where they fall
                # within the run is part of what the run becomes
                j = ti
                spans = []
                while j < ntaken and taken[j][0] < me:
                    spans.append((max(taken[j][0], ms) - ms, min(taken[j][1], me) - ms))
                    j += 1
                clash = tuple(spans)
            # Whether the run starts a sentence: nearly every run reads it, so it is part
            # of the key. The common case (one space after a word) is decided inline.
            i = ms - 2
            if i >= start and text[i + 1] == " " and text[i] not in openers:
                sentence = text[i] in ends
            else:
                sentence = _sentence_start(text, ms, start)
            key = (run, headline, clash, sentence)
            found = plain.get(key)
            if found is None:
                found = self._decide(key, text, ms, me, start, taken, ti)
            if found:
                out.append((ms, found))

    def _decide(
        self, key: _Key, text: str, ms: int, me: int, start: int, taken: list[tuple[int, int, str]], ti: int
    ) -> tuple[RunMention, ...]:
        """The mentions of a run that ``_plain`` does not hold: those whose result hangs
        on what precedes or follows the run (remembered with the facts read), or a run
        not seen yet (worked out, and remembered)."""
        sentence = key[3]
        variants = self._memo.get(key)
        ctx = _Context(text, ms, me, start, sentence)
        if variants is not None:
            for needs, result in variants:
                for what, value in needs:
                    if ctx.read(what) != value:
                        break
                else:
                    return result
        found = tuple(
            _remembered(text, ms, c, self.countries)
            for c in self._find_run(text, ms, me, start, key[1], taken, ti, ctx)
        )
        needs = ctx.needs()
        # Whether a run reads a fact depends only on its key (the rules read the same
        # facts in the same order until a value differs), so a run that read none goes
        # to ``_plain`` and is never looked for in ``_memo``.
        _make_room(self._memo if needs else self._plain, key)
        if not needs:
            self._plain[key] = found
        else:
            self._memo.setdefault(key, []).append((needs, found))
        return found

    def _find_run(
        self,
        text: str,
        ms: int,
        me: int,
        start: int,
        headline: bool,
        taken: list[tuple[int, int, str]],
        ti: int,
        ctx: _Context,
    ) -> list[Candidate]:
        out: list[Candidate] = []
        toks = self._tokens(text, ms, me)
        # drop tokens inside numeric/date spans, splitting the run there
        pieces: list[list[_Tok]] = [[]]
        for tok in toks:
            clash = False
            j = ti
            while j < len(taken) and taken[j][0] < tok.end:
                if taken[j][1] > tok.start:
                    clash = True
                    break
                j += 1
            if clash:
                pieces.append([])
            else:
                pieces[-1].append(tok)
        for piece in pieces:
            for run in self._split_possessives(text, piece):
                run = self._trim_start(text, run, start, headline, ctx)
                if headline:
                    for sub in self._split_common(run):
                        out.extend(self._classify(text, sub, ctx))
                else:
                    out.extend(self._classify(text, run, ctx))
        return out

    # ---- tokens and trimming -----------------------------------------------------
    def _tokens(self, text: str, s: int, e: int) -> list[_Tok]:
        toks = []
        for m in _PIECE.finditer(text, s, e):
            word = m.group()
            toks.append(_Tok(m.start(), m.end(), word, word in CONNECTORS))
        return toks

    def _split_possessives(self, text: str, toks: list[_Tok]) -> list[list[_Tok]]:
        runs: list[list[_Tok]] = [[]]
        for k, tok in enumerate(toks):
            w = tok.word
            if k and toks[k - 1].word.endswith(".") and w.lower() in self.gaz.stop_words:
                runs.append([])  # "... in Washington D.C. The team": a new sentence
            if not tok.conn and len(w) > 2 and w[-2] in "'’" and w[-1] in "sS":
                runs[-1].append(_Tok(tok.start, tok.end - 2, w[:-2], False))
                runs.append([])
            elif not tok.conn and len(w) > 1 and w[-1] in "'’":
                if k + 1 < len(toks) and w[-2] in "sS":
                    runs[-1].append(tok)  # "Workers' Federation": part of the name
                else:
                    runs[-1].append(_Tok(tok.start, tok.end - 1, w[:-1], False))
                    runs.append([])
            else:
                runs[-1].append(tok)
        return [r for r in runs if r]

    def _ordinary(self, word: str) -> bool:
        """An English word that is capitalised here only by position."""
        if (
            word in self.places
            or word in self.demonyms
            or word in NORP_WORDS
            or word.lower() in ALIASES
            or word in self.known
        ):
            return False
        head = word.split("-", 1)[0]
        return self.gaz.is_common(head) or self.gaz.is_common(word) or _contraction(word)

    def _trim_start(self, text: str, run: list[_Tok], para_start: int, headline: bool, ctx: _Context) -> list[_Tok]:
        """Drop a sentence-initial ordinary word ("However", "The", "Fighting")."""
        while run:
            first = run[0]
            if first.conn:
                run = run[1:]
                continue
            w = first.word
            if w in ("The", "A", "An", "I", "THE"):
                run = run[1:]
                continue
            if not headline and not (
                ctx.read(_SENTENCE) if first.start == ctx.ms else _sentence_start(text, first.start, para_start)
            ):
                break
            if w.lower() in NAME_PARTICLES and any(not t.conn for t in run[1:]):
                break  # "De Vries said", "Von der Leyen said"
            if w.lower() in self.gaz.stop_words:
                run = run[1:]
                continue
            if (w in self.gaz.first_names and len(run) > 1 and not run[1].conn) or w in TITLES:
                break
            if self._ordinary(w):
                if len(run) > 1 and not run[1].conn and self._lookup(text[first.start : run[1].end]) is not None:
                    break  # "New Zealand", "Hong Kong": a known place begins here
                if len(run) == 1 and not headline:
                    break  # "Trump said": perhaps a surname (see ``_single``)
                run = run[1:]
                continue
            break
        while run and run[-1].conn:
            run = run[:-1]
        return run

    def _split_common(self, run: list[_Tok]) -> list[list[_Tok]]:
        """In a Title Case headline, only non-ordinary words can be names."""
        out: list[list[_Tok]] = [[]]
        for tok in run:
            if not tok.conn and self._ordinary(tok.word) and tok.word not in TITLES:
                out.append([])
            else:
                out[-1].append(tok)
        return [_strip_conns(r) for r in out if _strip_conns(r)]

    # ---- classification ----------------------------------------------------------
    def _lookup(self, phrase: str) -> tuple[str, str] | None:
        known = self.known.get(phrase)
        if known:
            return known
        if phrase in HOLIDAYS:
            return ("DATE", phrase)
        alias = ALIASES.get(phrase.lower())
        if alias:
            return alias
        place = self.places.get(phrase)
        if place:
            return place
        if phrase in self.demonyms or phrase in NORP_WORDS:
            return ("NORP", phrase)
        if len(phrase) > 3 and phrase.isupper():  # "NAIROBI -" in a dateline
            place = self.places.get(phrase.title())
            if place:
                return place
        return None

    def _country(self, word: str) -> bool:
        """A country or its nationality ("U.S.", "German"), not just any town's name."""
        found = self._lookup(word)
        return found is not None and (found[0] == "NORP" or found[1] in self.countries or word.lower() in ALIASES)

    def _cand(self, text: str, toks: list[_Tok], label: str, strength: int, key: str | None = None) -> Candidate:
        words = sum(1 for t in toks if not t.conn)
        return Candidate(toks[0].start, toks[-1].end, label, key, strength, words)

    def _classify(self, text: str, run: list[_Tok], ctx: _Context) -> list[Candidate]:
        run = _strip_conns(run)
        if not run:
            return []
        phrase = text[run[0].start : run[-1].end]
        found = self._lookup(phrase)
        if found:
            return [self._cand(text, run, found[0], STRONG, found[1])]
        if phrase in NOT_NAMES:
            return []
        words = [t for t in run if not t.conn]
        if len(run) == 1 and "-" in phrase:
            joined = self._hyphen_pair(text, run[0], ctx)
            if joined is not None:
                return joined

        titled = self._with_title(text, run, ctx)
        if titled is not None:
            return titled

        and_at = next((k for k, t in enumerate(run) if t.conn and t.word in ("and", "&")), None)
        if and_at is not None:
            right = run[and_at + 1 :]
            right_words = [t for t in right if not t.conn]
            if len(right_words) == 1 or self._lookup(text[right[0].start : right[-1].end]) is not None:
                # "the Ministry of Culture and Reuters": two names, not one
                return self._classify(text, run[:and_at], ctx) + self._classify(text, right, ctx)

        split = self._split_two_names(text, run, ctx)
        if split is not None:
            return split

        kind = self._head_kind(run)
        if kind:
            if kind != "ORG" and len(words) > 2 and self._country(words[0].word):
                # "U.S. Ramstein Air Base": the place in front is its own mention
                return self._classify(text, run[:1], ctx) + [self._cand(text, run[1:], kind, STRONG)]
            return [self._cand(text, run, kind, STRONG)]

        # Not one name: cut at connectors ("Ukraine and Russia", "Lavrov of Russia").
        if any(t.conn and t.word not in NAME_PARTICLES for t in run) or any(
            t.conn and i in (0, len(run) - 1) for i, t in enumerate(run)
        ):
            out: list[Candidate] = []
            for part in _split_at_connectors(run):
                out.extend(self._classify(text, part, ctx))
            return out

        if len(words) > 1:
            return self._multi(text, run, words, ctx)
        return self._single(text, run[0], ctx)

    def _hyphen_pair(self, text: str, tok: _Tok, ctx: _Context) -> list[Candidate] | None:
        """ "Pfizer-BioNTech", "Turkey-Syria", "EU-U.S.": two known names joined by a
        hyphen are two mentions ("Spider-Gwen", "Saint-Denis" are not split)."""
        left, _, right = tok.word.partition("-")
        if not left or not right[:1].isupper() or "-" in right:
            return None
        found_left, found_right = self._lookup(left), self._lookup(right)
        if found_left is None or found_right is None or "DATE" in (found_left[0], found_right[0]):
            return None
        mid = tok.start + len(left)
        return [
            Candidate(tok.start, mid, found_left[0], found_left[1], STRONG, 1),
            Candidate(mid + 1, tok.end, found_right[0], found_right[1], STRONG, 1),
        ]

    def _split_two_names(self, text: str, run: list[_Tok], ctx: _Context) -> list[Candidate] | None:
        """A run that joins two complete names: "Jane Roe of the Labour Party" (a person and
        her party), "the City Council and the Harbour Police Department" (two bodies)."""
        for k in range(1, len(run) - 1):
            tok = run[k]
            if not (tok.conn and (tok.word == "and" or (tok.word == "of" and run[k + 1].word == "the"))):
                continue
            left, right = _strip_conns(run[:k]), _strip_conns(run[k + 1 :])
            if not left or not right or any(t.conn for t in left):
                continue
            right_kind = self._head_kind(right)
            if tok.word == "of":
                names = [t for t in left if not t.conn]
                if (
                    right_kind == "ORG"
                    and 2 <= len(names) <= 3
                    and self._head_kind(left) is None
                    and (names[0].word in self.gaz.first_names or _east_asian_name(names))
                ):
                    return [self._cand(text, left, "PERSON", STRONG)] + self._classify(text, right, ctx)
            elif (self._head_kind(left) or self._lookup(text[left[0].start : left[-1].end])) and (
                (right_kind and (run[k + 1].word == "the" or right[-1].word == left[-1].word))
                or (len(right) > 1 and not right[1].conn and right[0].word in self.gaz.first_names)
                or self._lookup(text[right[0].start : right[-1].end])
                or self._split_two_names(text, right, ctx) is not None
            ):
                return self._classify(text, left, ctx) + self._classify(text, right, ctx)
        return None

    def _with_title(self, text: str, run: list[_Tok], ctx: _Context) -> list[Candidate] | None:
        idx = [i for i, t in enumerate(run) if not t.conn and (t.word in TITLES or t.word.endswith("-elect"))]
        if not idx:
            return None
        i = idx[-1]
        after = run[i + 1 :]
        if len(after) >= 2 and after[0].word in ("of", "for") and not after[1].conn:
            after = after[2:]  # "Secretary of State", "Minister of Defence", "Commissioner for Trade"
            while after and not after[0].conn and self._ordinary(after[0].word) and after[0].word not in TITLES:
                after = after[1:]  # "Minister of Public Health Anutin ...": the portfolio, not a name
        after = _strip_conns(after)
        out: list[Candidate] = []
        # what precedes the title words: places, nationalities, organisations
        j = idx[0]
        while j > 0 and not run[j - 1].conn and self._lookup(run[j - 1].word) is None and not _acronym(run[j - 1].word):
            if run[j - 1].word in ORG_WORDS and j > 1:
                break  # "European Commission President ...": the body keeps its name
            j -= 1
        if j > 0:
            out.extend(self._classify(text, run[:j], ctx))
        name = [t for t in after if not t.conn]
        if after and 1 <= len(name) <= 4 and self._head_kind(after) is None:
            found = self._lookup(text[after[0].start : after[-1].end])
            if found is None:
                out.append(self._cand(text, after, "PERSON", STRONG))
            else:
                out.append(self._cand(text, after, found[0], STRONG, found[1]))
        elif after:
            out.extend(self._classify(text, after, ctx))
        return out

    def _head_kind(self, run: list[_Tok]) -> str | None:
        words = [t.word for t in run if not t.conn]
        if not words:
            return None
        of_at = next((k for k, t in enumerate(run) if t.conn and t.word == "of"), None)
        if words[-1] in ORG_WORDS:
            head = words[-1]  # "Port of Rotterdam Authority"
        elif of_at is not None:
            before = [t.word for t in run[:of_at] if not t.conn]
            head = before[-1] if before else words[-1]
        else:
            head = words[-1]
        if head in ("Center", "Centre"):
            # a place ("Space Center", "Convention Centre") unless it is an institution:
            # "Medical Center", "Center for Strategic Studies", "Centre of Excellence"
            k = words.index(head)
            if k < len(words) - 1 or (k and words[k - 1] in INSTITUTION_CENTER_WORDS):
                return "ORG"
            return "FAC"
        for table, label in (
            (ORG_WORDS, "ORG"),
            (FAC_WORDS, "FAC"),
            (LOC_WORDS, "LOC"),
            (EVENT_WORDS, "EVENT"),
            (LAW_WORDS, "LAW"),
        ):
            if head in table:
                if label == "LAW" and head in _SHORT_NAME_LAW_WORDS and len(words) < 3:
                    return None  # "Nathan Law", "Kellogg Pact": a person's or a one-word name
                return label
        if len(words) > 1:
            if words[0] in LOC_WORDS:  # "Mount Everest", "Lake Victoria"
                return "LOC"
            if words[0] in _STORM_WORDS and len(words) == 2:  # "Hurricane Dora", "Typhoon Haiyan"
                return "EVENT"
            if words[0] in FAC_FIRST_WORDS:  # "Place Bellecour", "Fort Knox"
                return "FAC"
            if any(w in ORG_WORDS or w in ("Center", "Centre") for w in words):
                return "ORG"
        return None

    def _multi(self, text: str, run: list[_Tok], words: list[_Tok], ctx: _Context) -> list[Candidate]:
        first = words[0].word
        if first in COMPASS_WORDS and not run[1].conn:
            found = self._lookup(text[run[1].start : run[-1].end])
            if found is not None:
                # "West African" is a nationality, "South Sudan" a place
                return [self._cand(text, run, "NORP" if found[0] == "NORP" else "GPE", STRONG)]
        if len(words) == 2 and len(run) == 2:
            found = self._lookup(first)
            if found is not None and found[0] == "GPE":
                second = words[1].word
                if second == "State" or (
                    second[-2:-1].islower()
                    and second[-1:] == "s"
                    and second not in self.gaz.first_names
                    and self._lookup(second) is None
                    and second not in ORG_WORDS
                ):
                    # "Ohio State", "Denver Nuggets": a university or a club named after its place
                    return [self._cand(text, run, "ORG", STRONG)]
        # "Russian Vladimir Putin", "East Timor": a leading place or nationality
        if self._lookup(first) is not None and first not in self.gaz.first_names:
            rest = run[1:]
            return self._classify(text, run[:1], ctx) + self._classify(text, rest, ctx)
        personish = (
            first in self.gaz.first_names
            or _east_asian_name(words)
            or any(len(w.word) == 2 and w.word.endswith(".") for w in words)
            or any(t.conn and t.word in NAME_PARTICLES for t in run)
        )
        if personish:
            return [self._cand(text, run, "PERSON", STRONG)]
        ordinary = sum(1 for w in words if self._ordinary(w.word))
        if ordinary == 0 and len(words) <= 3:
            return [self._cand(text, run, "PERSON", WEAK)]
        if all(_acronym(w.word) for w in words):
            return [self._cand(text, run, "ORG", WEAK)]
        return [self._cand(text, run, "ORG", WEAK)]

    def _single(self, text: str, tok: _Tok, ctx: _Context) -> list[Candidate]:
        w = tok.word
        if w in TITLES or len(w) < 2 or _contraction(w):
            return []
        if _acronym(w):
            if w in NOT_ORG_ACRONYMS:
                return []
            return [Candidate(tok.start, tok.end, "ORG", None, WEAK, 1)]
        noun = ctx.read(_PLACE_NOUN) if tok.end == ctx.me else _place_noun_after(text, tok.end)
        if noun:
            return [Candidate(tok.start, tok.end, "GPE" if noun == _GPE_NOUN else "LOC", None, STRONG, 1)]
        if w in NOT_NAMES:
            return []
        if _CODE.search(w) or (tok.start and text[tok.start - 1] in "#@"):
            return []  # a code ("STS-135"), a hashtag or a handle
        if self.gaz.is_common(w):
            if w.lower() in self.gaz.stop_words or not w.isalpha():
                return []
            # an ordinary word ("Trump", "Cook") that names a person only if the article
            # gives the full name; document evidence decides
            return [Candidate(tok.start, tok.end, MAYBE_SURNAME, None, WEAK, 1)]
        if "-" in w:
            tail = w.rsplit("-", 1)[1]
            if tail.islower() and self.gaz.is_common(tail):
                return []  # a compound modifier, not a name: "Oxford-based", "Kafka-like"
        kind = ctx.read(_PREVIOUS) if tok.start == ctx.ms else _word_before(text, tok.start)
        if kind == _TITLE:
            return [Candidate(tok.start, tok.end, "PERSON", None, STRONG, 1)]
        if kind == _PREPOSITION:
            return [Candidate(tok.start, tok.end, "GPE", None, WEAK, 1)]
        if w in self.gaz.first_names:
            return [Candidate(tok.start, tok.end, "PERSON", None, WEAK, 1)]
        return [Candidate(tok.start, tok.end, "ORG", None, WEAK, 1)]


def _strip_conns(run: list[_Tok]) -> list[_Tok]:
    s, e = 0, len(run)
    while s < e and run[s].conn:
        s += 1
    while e > s and run[e - 1].conn:
        e -= 1
    return run[s:e]


def _split_at_connectors(run: list[_Tok]) -> list[list[_Tok]]:
    parts: list[list[_Tok]] = [[]]
    for i, tok in enumerate(run):
        inner = 0 < i < len(run) - 1 and not run[i - 1].conn and not run[i + 1].conn
        if tok.conn and not (tok.word in NAME_PARTICLES and inner):
            parts.append([])
        else:
            parts[-1].append(tok)
    return [p for p in parts if p]


_STORM_WORDS = frozenset(["Hurricane", "Typhoon", "Cyclone", "Storm", "Tropical"])
_SHORT_NAME_LAW_WORDS = frozenset(["Law", "Pact", "Directive", "Regulation"])
_CODE = re.compile(r"-[0-9]")  # "STS-135", "F-16": a designation, not a name
_EAST_ASIAN_GIVEN = re.compile(r"[A-Z][a-z]{1,5}-(?:[a-z]{1,6}|[A-Z][a-z]{1,5})")


def _east_asian_name(words: list[_Tok]) -> bool:
    """A romanised Chinese or Korean name: a short surname and a hyphenated two-syllable
    given name ("Kim Dae-ho", "Tam Siu-fung")."""
    if len(words) != 2:
        return False
    surname = words[0].word
    return (
        2 <= len(surname) <= 5
        and surname.isalpha()
        and surname.istitle()
        and _EAST_ASIAN_GIVEN.fullmatch(words[1].word) is not None
    )


def _contraction(word: str) -> bool:
    """A pronoun with a clitic ("I'm", "I'll", "It's", "We've"): never a name."""
    for q in "'’":
        i = word.find(q)
        if i > 0:
            return word[i + 1 :].lower() in ("m", "ll", "d", "ve", "re", "s") and word[:i].lower() in _PRONOUNS
    return False


_PRONOUNS = frozenset([
    "i", "you", "he", "she", "it", "we", "they", "that", "there", "here", "what", "who", "where", "this",
])  # fmt: skip


def _acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isupper() and letters.isalnum()


def _article_runs(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs of every paragraph, in order. A run never crosses a line break (its words
    are joined by spaces and tabs only), so when only whitespace holding more than spaces
    and tabs lies between the paragraphs (blank lines, as the parser splits them), one
    scan over them all finds them; otherwise each is scanned alone."""
    if not paragraphs:
        return []
    for (_, last), (next_start, _) in itertools.pairwise(paragraphs):
        gap = text[last:next_start]
        if not (gap.isspace() and gap.strip(" \t")):
            return [run for s, e in paragraphs for run in run_spans(text, s, e)]
    return run_spans(text, paragraphs[0][0], paragraphs[-1][1])


def _sentence_start(text: str, pos: int, para_start: int) -> bool:
    """Whether ``pos`` begins a sentence (or a quotation, or a line)."""
    i = pos - 1
    while i >= para_start and text[i] in _OPENERS:
        if text[i] in '"“‘«([':
            return True
        i -= 1
    return i < para_start or text[i] in _SENTENCE_END


def _is_headline(text: str, start: int, end: int) -> bool:
    """A short Title Case line with no closing stop: every capital is suspect there."""
    if end - start > 200 or text[end - 1] in ".!?\"”'":
        return False
    words = text[start:end].split()
    if len(words) < 4:
        return False
    caps = sum(1 for w in words if w[:1].isupper())
    return caps >= 0.7 * len(words)
