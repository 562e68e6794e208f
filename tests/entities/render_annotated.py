"""Render the marked-up regression articles into plain articles and ``gold.jsonl``.

Each file in ``annotated/source/`` is an article whose entities are written inline as
``[[text|LABEL]]`` or ``[[text|LABEL|key]]`` (the key: the entity the mention stands
for, when it differs from the text, e.g. ``[[U.S.|GPE|United States]]``). Rendering drops
the brackets and records each span's offsets, so no offset is ever counted by hand.
Articles already in ``gold.jsonl`` without a source (the first, hand-counted ones) are
kept as they are.

Run from the repository root after editing a source:
``python tests/entities/render_annotated.py`` (``--check`` only says whether the
rendered files are up to date).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from reader.entities.model import LABELS as ENTITY_LABELS

HERE = Path(__file__).parent / "annotated"
SOURCE = HERE / "source"
MARK = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)(?:\|([^\[\]|]+))?\]\]")
LABELS = frozenset(ENTITY_LABELS)  # the OntoNotes labels the extractor uses


def render(marked: str, name: str) -> tuple[str, list[dict[str, object]]]:
    """The plain text of one marked-up article and its entities with exact offsets."""
    out: list[str] = []
    entities: list[dict[str, object]] = []
    pos = length = 0
    for m in MARK.finditer(marked):
        plain = marked[pos : m.start()]
        if "[[" in plain or "]]" in plain:
            raise ValueError(f"{name}: malformed mark-up before offset {m.start()}")
        out.append(plain)
        length += len(plain)
        text, label, key = m.group(1), m.group(2), m.group(3)
        if label not in LABELS:
            raise ValueError(f"{name}: unknown label {label!r} for {text!r}")
        entity: dict[str, object] = {"start": length, "end": length + len(text), "label": label, "text": text}
        if key:
            entity["key"] = key
        entities.append(entity)
        out.append(text)
        length += len(text)
        pos = m.end()
    tail = marked[pos:]
    if "[[" in tail or "]]" in tail:
        raise ValueError(f"{name}: malformed mark-up after the last entity")
    out.append(tail)
    return "".join(out), entities


def build() -> tuple[dict[Path, str], str]:
    """Every rendered article and the new ``gold.jsonl`` text, nothing written."""
    files: dict[Path, str] = {}
    records: dict[str, str] = {}
    gold = HERE / "gold.jsonl"
    sources = sorted(SOURCE.glob("*.txt"))
    rendered = {p.name for p in sources}
    if gold.exists():
        for line in gold.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["file"] not in rendered:
                records[record["file"]] = line
    for path in sources:
        text, entities = render(path.read_text(encoding="utf-8"), path.name)
        files[HERE / path.name] = text
        records[path.name] = json.dumps({"file": path.name, "entities": entities}, ensure_ascii=False)
    return files, "".join(records[k] + "\n" for k in sorted(records))


def main(argv: list[str]) -> int:
    files, gold = build()
    files[HERE / "gold.jsonl"] = gold
    stale = [p for p, text in files.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    if "--check" in argv:
        for p in stale:
            print(f"out of date: {p.name}")
        return 1 if stale else 0
    for p in stale:
        p.write_text(files[p], encoding="utf-8", newline="")
    print(f"{len(stale)} file(s) written, {len(files) - 1} articles rendered")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
