"""A dossier as Markdown (to read) or JSON (to process): the same content in both.

The Markdown must read well raw and rendered, in any viewer, whatever the articles hold:
every string from the corpus or the store has its control characters stripped
(``safe_text``) and its Markdown-significant characters backslash-escaped, so a title
like ``*Breaking* [x](javascript:...)`` stays text. The JSON keeps each sentence exactly
as it is in the file, so its offsets can be checked against the file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .. import forked
from ..safe_text import safe_line, safe_text
from .model import Dossier, DossierArticle, Kwic

_ESCAPED = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|~&"})
"""Markdown-significant characters, each given a backslash: ``str.translate`` does it in
one C pass (a regex substitution with a group template cost a Python call per match,
a third of a dossier of 600,000 quotes)."""
_SPACES = re.compile(r"\s{2,}|[^\S ]")  # what folds to one space: a lone space stays as it is
_LINE_START = re.compile(r"(\s*)(?:([-+=])|(\d+)(?=[.)]))")
PARALLEL_FROM = 2_000  # articles from which their sections are written by worker processes
BLOCK = 1_000  # articles a worker writes at a time
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


def _inline(text: str) -> str:
    """A piece of a line escaped, its edge spaces kept (text around a bold mention)."""
    return _SPACES.sub(" ", safe_text(text)).translate(_ESCAPED)


def _quote(kwic: Kwic) -> str:
    """The sentence with the entity's mentions in bold, as one quoted line. A sentence
    with no control characters and no runs of space (nearly all) has its pieces only
    escaped: the sanitising passes would give each piece back unchanged."""
    text, base = kwic.text, kwic.start
    clean = safe_text(text) is text and _SPACES.search(text) is None
    parts: list[str] = []
    at = 0
    for start, end in kwic.mentions:
        start, end = start - base, end - base
        name = text[start:end]
        if clean:
            parts.append(text[at:start].translate(_ESCAPED))
            parts.append("**" + _line_start(name.strip().translate(_ESCAPED)) + "**")
        else:
            parts.append(_inline(text[at:start]))
            parts.append("**" + escape(name) + "**")
        at = end
    parts.append(text[at:].translate(_ESCAPED) if clean else _inline(text[at:]))
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
    out += _articles(dossier.articles)
    return "\n".join(out).rstrip("\n") + "\n"


def _articles(articles: Sequence[DossierArticle]) -> list[str]:
    """The articles' sections as lines; for a big dossier, as blocks of lines written by
    worker processes (``reader.forked``), which join to the same text."""
    workers = forked.worker_count(len(articles), PARALLEL_FROM)
    if not workers:
        return [line for article in articles for line in _article(article)]

    def block(start: int, end: int) -> str:
        return "\n".join(line for article in articles[start:end] for line in _article(article))

    return list(forked.forked_map(block, forked.ranges(len(articles), BLOCK), workers))


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
