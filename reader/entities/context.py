"""Document-level reading of what surrounds names: photo credits and sports copy.

Both look at the whole article once, after the name finder, so the finder's per-run
memo stays exact (it never reads beyond a run's neighbours).

- A photo credit ("REUTERS/Jane Roe/Pool") names the photographer and the agency as a
  by-line, not as news: OntoNotes marks nothing there.
- In sports copy a place's name is usually its team ("Belgium beat Tunisia 5-2",
  "Oregon host Arizona", "Mercedes driver Lewis Hamilton"): a place seen in such a
  context becomes an ORG throughout the article, except after "in" or "at".
"""

from __future__ import annotations

import re

_CREDIT = re.compile(
    r"\b(?:REUTERS|Reuters|AFP|AP|EPA|EPA-EFE|Getty Images|Bloomberg|XINHUA|Xinhua|ANADOLU|SPUTNIK)"
    r"/[A-Z][\w.'’ -]*(?:/[\w.'’ -]+)*"
)
_SCORE = re.compile(r"(?<![\d.:/-])\d{1,3}-\d{1,3}(?![\d.:/%-])")
_SPORT = re.compile(
    r"\b(?:match|matches|goal|goals|coach|season|league|tournament|quarterback|touchdown|innings|wicket|striker|"
    r"midfielder|goalkeeper|playoffs?|semi-finals?|quarter-finals?|laps?|podium|rebounds|Grand Prix|World Cup|"
    r"penalty|kick-off|half-time|stoppage time|championship|title race|standings|squad)\b"
)
_AFTER = re.compile(
    r"[ \t]+(?:beat|beats|defeated|defeat|thrash|thrashed|drew|draw|edged|lost|face|faced|host|hosted|play|played|"
    r"vs\.?|v\.?|coach|manager|boss|driver|drivers|team|goalkeeper|striker|quarterback|captain|fans|squad|"
    r"players?|forward|defence|defense|midfield|\d{1,3}-\d{1,3})\b"
)
_BEFORE = re.compile(
    r"\b(?:beat|beats|beating|defeated|defeating|thrashed|edged|against|vs\.?|v\.?|host|hosts|hosted|face|faces|"
    r"faced|lost to|over)[ \t]+$"
)
_IN_AT = re.compile(r"(?:\b(?:in|at|from|to)[ \t]+|\b[A-Z]{2,}, )$")

Found = list[tuple[int, int, str, str, str]]


def caption_spans(text: str) -> list[tuple[int, int]]:
    """Where photo credits are ("REUTERS/Jane Roe/Pool"): no mention starts inside."""
    if "/" not in text:
        return []
    return [m.span() for m in _CREDIT.finditer(text)]


def is_sports_copy(text: str) -> bool:
    """A match report or sports story: a score, or at least two words of the game."""
    if _SCORE.search(text):
        return len(_SPORT.findall(text, 0, 20_000)) >= 1
    return len(_SPORT.findall(text, 0, 20_000)) >= 2


def sports_teams(text: str, found: Found) -> Found:
    """``found`` with the places that play as teams in sports copy made ORG.

    The team contexts are looked for first, at each place (anchored, cheap); only when one
    is seen is the article read for signs of sport, so news copy pays almost nothing."""
    teams = set()
    for start, end, label, name, _ in found:
        if label == "GPE" and (_AFTER.match(text, end) or _BEFORE.search(text, max(0, start - 12), start)):
            teams.add(name)
    if not teams or not is_sports_copy(text):
        return found
    out: Found = []
    for m in found:
        start, end, label, name, key = m
        # not "in Belgium", nor a dateline's or an address's country ("AHMEDABAD, India")
        if label == "GPE" and name in teams and not _IN_AT.search(text, max(0, start - 40), start):
            m = (start, end, "ORG", name, name)
        out.append(m)
    return out
