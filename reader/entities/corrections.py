"""The user's corrections of the extractor's entities, applied when entities are shown.

The extractor and the index are never changed by a correction: every consumer (the
article view and its legend, the entity panel, ``mentions``, search filters, exports)
passes what it got from them through one ``Corrections`` object, so undoing a
correction is just removing it from the store.

Corrections name entities by the extractor's keys ("Zelenskiy"), never by a name a
correction gave them, so a rename changes nothing else. What they do:

- ``merge KEY INTO``: KEY's mentions become INTO's (its key, its label); chains are
  followed (A into B, B into C: A is C), a cycle is never followed twice.
- ``rename KEY NAME``: the entity's key, the name it is shown and found by, becomes NAME.
- ``label KEY LABEL``: a new label.
- ``hide KEY``: dropped, never shown, listed or counted.
- ``add PHRASE LABEL``: the phrase is marked wherever it occurs as whole words (its case
  as given, or any case), winning over an extracted entity it overlaps.

Everything a correction needs is worked out once, in ``__init__``: the added phrases
become one prefix-factored regex per case mode, and each key's outcome is cached on first
use, so an article with 1,000 corrections in the store costs a dict lookup per mention
and one regex scan.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from .model import Entity, EntityLike

_SPACE = re.compile(r"\s+")
_WORD_CHAR = re.compile(r"\w")
# Between two words of a phrase: spaces, or one line break (a wrapped line), never the
# blank line that ends a paragraph.
_GAP = r"(?:[^\S\n]*\n[^\S\n]*|[^\S\n]+)"


class CorrectionLike(Protocol):
    """What is read of a stored correction (``reader.store.EntityCorrection`` fits)."""

    @property
    def op(self) -> str: ...
    @property
    def key(self) -> str: ...
    @property
    def into(self) -> str | None: ...
    @property
    def name(self) -> str | None: ...
    @property
    def label(self) -> str | None: ...
    @property
    def phrase(self) -> str | None: ...
    @property
    def case_sensitive(self) -> bool: ...


def fold(name: str) -> str:
    """How names are compared when typed: case and runs of spaces ignored."""
    return _SPACE.sub(" ", name).strip().casefold()


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the corrections make of one key: its key and label now (``label`` None: as
    extracted), or ``hidden``."""

    key: str
    label: str | None
    hidden: bool


@dataclass(frozen=True, slots=True)
class _Phrase:
    key: str
    label: str


class Corrections:
    """The store's corrections, ready to apply. ``noted`` are keys with an entity note."""

    def __init__(self, entries: Iterable[CorrectionLike] = (), noted: Iterable[str] = ()) -> None:
        self._into: dict[str, str] = {}
        self._into_label: dict[str, str] = {}
        self._names: dict[str, str] = {}
        self._labels: dict[str, str] = {}
        self._hidden: set[str] = set()
        exact: dict[str, _Phrase] = {}
        folded: dict[str, _Phrase] = {}
        for entry in entries:
            if entry.op == "merge" and entry.into is not None and entry.into != entry.key:
                self._into[entry.key] = entry.into
                if entry.label:
                    self._into_label[entry.key] = entry.label
            elif entry.op == "rename" and entry.name:
                self._names[entry.key] = entry.name
            elif entry.op == "label" and entry.label:
                self._labels[entry.key] = entry.label
            elif entry.op == "hide":
                self._hidden.add(entry.key)
            elif entry.op == "add" and entry.phrase and entry.label and entry.phrase.strip():
                phrase = _SPACE.sub(" ", entry.phrase.strip())
                if entry.case_sensitive:
                    exact[phrase] = _Phrase(entry.key, entry.label)
                else:
                    folded[phrase.lower()] = _Phrase(entry.key, entry.label)
        self._exact, self._folded = exact, folded
        self._exact_re = _phrase_regex(list(exact), 0)
        self._folded_re = _phrase_regex(list(folded), re.IGNORECASE)
        self._outcomes: dict[str, Outcome] = {}
        self.empty = not (self._into or self._names or self._labels or self._hidden or exact or folded)
        self.noted = frozenset(self.outcome(key).key for key in noted)
        self._members: dict[str, tuple[str, ...]] | None = None
        self._lookup: dict[str, str] | None = None

    # -- one key ---------------------------------------------------------------------------
    def outcome(self, key: str) -> Outcome:
        found = self._outcomes.get(key)
        if found is None:
            found = self._outcomes[key] = self._work_out(key)
        return found

    def _work_out(self, key: str) -> Outcome:
        hidden = key in self._hidden
        label = self._labels.get(key)
        current, seen = key, {key}
        while current in self._into:
            hop_label = self._into_label.get(current)
            target = self._into[current]
            if target in seen:
                break  # a cycle made by hand in the file: stop where it closes
            seen.add(target)
            current = target
            hidden = hidden or current in self._hidden
            label = self._labels.get(current) or hop_label
        name = self._names.get(current, current)
        return Outcome(name, label, hidden or name in self._hidden)

    def resolve_key(self, key: str) -> str | None:
        """The key ``key``'s mentions carry now; None when they are hidden."""
        found = self.outcome(key)
        return None if found.hidden else found.key

    def members(self, key: str) -> tuple[str, ...]:
        """Every extractor key whose mentions now carry ``key`` (itself included when it
        is one): what an index lookup of the corrected entity must gather."""
        if self._members is None:
            groups: dict[str, list[str]] = {}
            known = {*self._into, *self._into.values(), *self._names, *self._labels, *self._hidden}
            known.update(p.key for p in (*self._exact.values(), *self._folded.values()))
            for original in sorted(known):
                found = self.outcome(original)
                if not found.hidden:
                    groups.setdefault(found.key, []).append(original)
            self._members = {k: tuple(v) for k, v in groups.items()}
        found_members = self._members.get(key)
        if found_members is not None:
            return found_members
        redirected = key in self._into or key in self._names or key in self._hidden
        return () if redirected else (key,)

    def origin(self, key: str) -> str:
        """The extractor key that stands for the corrected entity ``key`` (the one its
        other spellings were merged into): what a new correction of it should name."""
        members = self.members(key)
        return next((m for m in members if m not in self._into), members[0] if members else key)

    def lookup(self, name: str) -> str | None:
        """The corrected key a typed name means, when a correction made it (a new name,
        a merged spelling, an added phrase); None: ask the index."""
        if self.empty:
            return None
        if self._lookup is None:
            table: dict[str, str] = {}
            for original in {*self._into, *self._into.values(), *self._names, *self._labels}:
                found = self.outcome(original)
                if not found.hidden:
                    table.setdefault(fold(original), found.key)
            for original in self._names:
                found = self.outcome(original)
                if not found.hidden:
                    table[fold(found.key)] = found.key
            for phrase in (*self._exact.values(), *self._folded.values()):
                found = self.outcome(phrase.key)
                if not found.hidden:
                    table.setdefault(fold(phrase.key), found.key)
            self._lookup = table
        return self._lookup.get(fold(name))

    @property
    def hidden(self) -> frozenset[str]:
        """The extractor keys hidden (``hide KEY``), as stored."""
        return frozenset(self._hidden)

    def is_hidden(self, key: str) -> bool:
        return self.outcome(key).hidden

    def label_of(self, key: str, extracted: str) -> str:
        return self.outcome(key).label or extracted

    def added(self, key: str) -> tuple[str, str, bool] | None:
        """``(phrase, label, case_sensitive)`` when ``key`` is a phrase the user added."""
        for table, sensitive in ((self._exact, True), (self._folded, False)):
            for phrase, entry in table.items():
                if entry.key == key:
                    return phrase, entry.label, sensitive
        return None

    def added_phrases(self) -> list[tuple[str, str, bool]]:
        """Every added phrase as ``(key, label, case_sensitive)``."""
        return [(p.key, p.label, True) for p in self._exact.values()] + [
            (p.key, p.label, False) for p in self._folded.values()
        ]

    # -- a whole article ---------------------------------------------------------------------
    def apply(
        self, entities: Iterable[EntityLike], text: str, paragraphs: Sequence[tuple[int, int]] | None = None
    ) -> list[Entity]:
        """``entities`` (sorted by start) as corrected, sorted by start. Added phrases are
        searched in ``text`` (within ``paragraphs``, when given, as the extractor was)."""
        out: list[Entity] = []
        for entity in entities:
            if self.empty:
                found = None
            else:
                found = self.outcome(entity.key)
                if found.hidden:
                    continue
            if type(entity) is Entity and (found is None or (found.key == entity.key and found.label is None)):
                out.append(entity)
                continue
            key = entity.key if found is None else found.key
            label = entity.label if found is None or found.label is None else found.label
            out.append(Entity(entity.start, entity.end, label, entity.text, key))
        if self._exact_re is None and self._folded_re is None:
            return out
        added = self.find_phrases(text, paragraphs)
        if not added:
            return out
        # The user's phrase wins: an extracted mention overlapping it goes.
        starts = [a.start for a in added]
        kept = []
        for entity in out:
            i = bisect.bisect_left(starts, entity.end)
            if i and added[i - 1].end > entity.start:
                continue
            kept.append(entity)
        kept.extend(added)
        kept.sort(key=lambda e: (e.start, -e.end))
        return kept

    def find_phrases(self, text: str, paragraphs: Sequence[tuple[int, int]] | None = None) -> list[Entity]:
        """The added phrases' occurrences in ``text``, corrected, not overlapping (the
        earlier, then the longer, wins), sorted by start."""
        found: list[tuple[int, int, _Phrase]] = []
        for pattern, table, folded in ((self._exact_re, self._exact, False), (self._folded_re, self._folded, True)):
            if pattern is None:
                continue
            position = 0
            while (match := pattern.search(text, position)) is not None:
                start = match.start()
                if start and _WORD_CHAR.match(text, start - 1):
                    position = start + 1  # inside a word: look again from the next character
                    continue
                spelled = _SPACE.sub(" ", match.group())
                entry = table.get(spelled.lower() if folded else spelled)
                if entry is not None:
                    found.append((start, match.end(), entry))
                position = match.end()
        if not found:
            return []
        found.sort(key=lambda m: (m[0], -m[1]))
        bounds = [tuple(p) for p in paragraphs] if paragraphs is not None else None
        para_starts = [b[0] for b in bounds] if bounds is not None else []
        out: list[Entity] = []
        end = -1
        for start, stop, entry in found:
            if start < end:
                continue
            if bounds is not None:
                i = bisect.bisect_right(para_starts, start) - 1
                if i < 0 or stop > bounds[i][1]:
                    continue
            result = self.outcome(entry.key)
            if result.hidden:
                continue
            out.append(Entity(start, stop, result.label or entry.label, text[start:stop], result.key))
            end = stop
        return out


_Trie = dict[str, "_Trie"]


def _phrase_regex(phrases: list[str], flags: int) -> re.Pattern[str] | None:
    """One prefix-factored alternation of ``phrases`` as whole words: ``re`` tries an
    alternation branch by branch, so a thousand phrases must share their prefixes to scan
    an article in one pass at about the cost of a few."""
    if not phrases:
        return None
    root: _Trie = {}
    for phrase in phrases:
        node = root
        for ch in phrase.lower() if flags & re.IGNORECASE else phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def atom(ch: str) -> str:
        return _GAP if ch == " " else re.escape(ch)

    def emit(node: _Trie) -> str:
        branches = [atom(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if "" in node else group

    # No look-behind in front: a pattern starting with its first letters lets ``re`` skip
    # ahead to them (2-3x faster); the word boundary before is checked by the caller.
    return re.compile(emit(root) + r"(?!\w)", flags)


NO_CORRECTIONS = Corrections()
"""Shared by callers with no store: applying it returns the entities as they are."""
