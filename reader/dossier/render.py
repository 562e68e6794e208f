"""A dossier as Markdown (to read) or JSON (to process): the same content in both.

The Markdown must read well raw and rendered, in any viewer, whatever the articles hold:
every string from the corpus or the store has its control characters stripped
(``safe_text``) and its Markdown-significant characters backslash-escaped, so a title
like ``*Breaking* [x](javascript:...)`` stays text. The JSON keeps each sentence exactly
as it is in the file, so its offsets can be checked against the file.
"""

from __future__ import annotations

import re
from typing import Any

from ..safe_text import safe_line, safe_text
from .model import Dossier, DossierArticle, Kwic

_SPECIALS = "\\`*_[]<>#|~&"  # the backslash first: the backslashes added are not escaped again
"""Markdown-significant characters, each given a backslash by ``_escape_specials``."""
_MARK = "\x00"
_SPACES = re.compile(r"\s{2,}|[^\S ]")  # what folds to one space: a lone space stays as it is
_LINE_START = re.compile(r"(\s*)(?:([-+=])|(\d+)(?=[.)]))")
BAR = "█"
BAR_WIDTH = 30
LABEL_NAMES = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place (country, city, state)",
    "LOC": "place",
    "NORP": "nationality or group",
    "FAC": "building or facility",
    "PRODUCT": "product",
    "EVENT": "event",
    "WORK_OF_ART": "work of art",
    "LAW": "law",
    "LANGUAGE": "language",
}


def escape(text: str) -> str:
    """One line of data as literal Markdown text: controls and newlines folded away,
    punctuation that Markdown acts on escaped (also a leading ``-``, ``=`` or ``1.``)."""
    return _line_start(_inline(safe_line(text)))


def _line_start(line: str) -> str:
    """``line`` with a leading list or heading marker escaped (most lines have none):
    ``\\-``, ``\\=``, and ``1\\.`` (a backslash escapes punctuation, not a digit)."""
    found = _LINE_START.match(line)
    if found is None:
        return line
    end = found.end()
    return line[: end - 1] + "\\" + line[end - 1 :] if found.group(2) else line[:end] + "\\" + line[end:]


def _escape_specials(text: str) -> str:
    """``text`` with a backslash before each Markdown-significant character. A test and
    a replace per character kind: a ``str.translate`` table (or a regex) works character
    by character in Python-level lookups once the text is not ASCII, five times slower
    over the 600,000 sentences of a big dossier."""
    for char in _SPECIALS:
        if char in text:
            text = text.replace(char, "\\" + char)
    return text


def _inline(text: str) -> str:
    """A piece of a line escaped, its edge spaces kept (text around a bold mention)."""
    return _escape_specials(_SPACES.sub(" ", safe_text(text)))


def _quote(kwic: Kwic) -> str:
    """The sentence with the entity's mentions in bold, as one quoted line.

    A printable sentence with no runs of space (nearly all) needs no sanitising, only
    escaping, and escaping is character by character: so the sentence gets a mark
    character (a control, never in printable text) at each edge of a mention, is
    escaped at once, and the marks become ``**``: the same line as escaping piece by
    piece, for a third of the calls."""
    text, base = kwic.text, kwic.start
    if text.isprintable() and "  " not in text:
        pieces: list[str] = []
        at = 0
        for start, end in kwic.mentions:
            start, end = start - base, end - base
            name = text[start:end]
            if name != name.strip() or _LINE_START.match(name):
                break  # a name that escaping would change at its edges: piece by piece
            pieces += (text[at:start], _MARK, name, _MARK)
            at = end
        else:
            pieces.append(text[at:])
            return "> " + _line_start(_escape_specials("".join(pieces)).replace(_MARK, "**").strip())
    parts: list[str] = []
    at = 0
    for start, end in kwic.mentions:
        start, end = start - base, end - base
        parts.append(_inline(text[at:start]))
        parts.append("**" + escape(text[start:end]) + "**")
        at = end
    parts.append(_inline(text[at:]))
    return "> " + _line_start("".join(parts).strip())


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _article(article: DossierArticle) -> list[str]:
    title = escape(article.title) or "(untitled)"
    out = [f"### {article.date or 'undated'} · {title}", ""]
    where = escape(article.path) + (f" (record {article.record})" if article.record is not None else "")
    facts = [f"- Source: {escape(article.source)}"] if article.source else []
    facts += [f"- File: {where}", f"- Article id: {article.id}", f"- Mentions: {article.mentions}"]
    if article.bookmarked:
        facts.append("- Bookmarked")
    out += facts + [""]
    if article.missing:
        out += ["*The file no longer holds this article; update the index to see its sentences.*", ""]
    for kwic in article.sentences:
        out += [_quote(kwic), f"<sub>characters {kwic.start}–{kwic.end}</sub>", ""]
    if article.notes:
        out.append("Your notes:")
        out.append("")
        for note in article.notes:
            where_in = f"paragraph {note.paragraph + 1}: " if note.paragraph is not None else ""
            lines = [escape(line) for line in safe_text(note.text).splitlines()] or [""]
            out.append(f"- {where_in}{lines[0]}")
            out += [f"  {line}" for line in lines[1:]]
        out.append("")
    return out


def to_markdown(dossier: Dossier) -> str:
    kind = LABEL_NAMES.get(dossier.label, dossier.label)
    span = f"{dossier.first} to {dossier.last}" if dossier.first else "undated"
    out = [
        f"# {escape(dossier.key)}",
        "",
        f"*{kind}* ({dossier.label}) · {_count(dossier.articles_total, 'article')} · "
        f"{_count(dossier.mentions_total, 'mention')} · {span}",
        "",
        "## Names",
        "",
    ]
    if dossier.names:
        out += [f"- {escape(name)} ({_count(n, 'time')})" for name, n in dossier.names]
    else:
        out.append("*No mention was found in the files.*")
    others = [k for k in dossier.keys if k != dossier.key]
    if others:
        out += ["", "Counted together with: " + ", ".join(escape(k) for k in others)]
    out += ["", "## Notes on this entity", ""]
    if dossier.notes:
        for note in dossier.notes:
            lines = [escape(line) for line in safe_text(note).splitlines()] or [""]
            out.append(f"- {lines[0]}")
            out += [f"  {line}" for line in lines[1:]]
    else:
        out.append("*None.*")
    out += ["", "## Timeline", ""]
    if dossier.timeline:
        top = max(n for _, n in dossier.timeline) or 1
        out += ["| month | mentions | |", "| --- | ---: | --- |"]
        for month, n in dossier.timeline:
            bar = BAR * (0 if n == 0 else max(1, round(n / top * BAR_WIDTH)))
            out.append(f"| {month} | {n:,} | {bar} |")
    else:
        out.append("*No dated mentions.*")
    out += ["", "## Mentioned alongside", ""]
    if dossier.alongside:
        out += ["| entity | type | shared articles | their mentions there |", "| --- | --- | ---: | ---: |"]
        for other in dossier.alongside:
            out.append(f"| {escape(other.key)} | {other.label} | {other.articles:,} | {other.mentions:,} |")
    else:
        out.append("*No other entity shares an article with it.*")
    out += ["", f"## Articles ({dossier.articles_total:,}, oldest first)", ""]
    for article in dossier.articles:
        out += _article(article)
    while out and not out[-1]:
        out.pop()  # trailing blank lines: cheaper here than stripping 100 MB of text
    return "\n".join(out).rstrip("\n") + "\n"


def to_json(dossier: Dossier) -> dict[str, Any]:
    return {
        "key": dossier.key,
        "label": dossier.label,
        "keys": list(dossier.keys),
        "names": [{"text": name, "count": n} for name, n in dossier.names],
        "notes": list(dossier.notes),
        "articles_total": dossier.articles_total,
        "mentions_total": dossier.mentions_total,
        "first": dossier.first,
        "last": dossier.last,
        "timeline": [{"month": month, "mentions": n} for month, n in dossier.timeline],
        "alongside": [other.to_json() for other in dossier.alongside],
        "articles": [
            {
                "id": a.id,
                "date": a.date,
                "title": a.title,
                "source": a.source,
                "path": a.path,
                "record": a.record,
                "mentions": a.mentions,
                "bookmarked": a.bookmarked,
                "missing": a.missing,
                "sentences": [
                    {"start": k.start, "end": k.end, "text": k.text, "mentions": [list(m) for m in k.mentions]}
                    for k in a.sentences
                ],
                "notes": [{"paragraph": n.paragraph, "text": n.text, "created": n.created} for n in a.notes],
            }
            for a in dossier.articles
        ],
    }
