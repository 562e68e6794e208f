"""``reader entity merge|unmerge|rename|label|hide|unhide|add|drop|note|list``: the user's
corrections of the extracted entities, and notes on entities, kept in the store; and
``reader entity top``, the corpus's entities by articles (``entity_top.py``).

KEY is found as ``reader mentions`` finds a name ("Guterres" is "Antonio Guterres"), in
the corpus index (``--corpus``, default the bundled samples), or among names the
corrections themselves made. A correction is stored against the extractor's own key, so
it is applied when entities are shown and undone by removing it; the index is untouched.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import Any

from ..entities.corrections import Corrections, fold
from ..entities.model import LABELS
from ..errors import ReaderError, UsageError
from ..safe_text import safe_line, safe_text
from ..store import EntityCorrection, Store
from ..store.model import now_iso
from . import COMMANDS
from ._corrections import corrections_of
from ._resolve import add_corpus_option, add_store_option, corpus_root, open_store
from .common import dumps
from .entity_top import add_top_parser


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "entity",
        help=COMMANDS["entity"],
        description="Corrections of the extracted entities and notes on entities, kept in the store "
        "(--store PATH, else $READER_STORE, else the user-data folder) and applied wherever entities "
        "are shown, searched, counted or exported. KEY is found as `reader mentions` finds a name.",
    )
    parser.set_defaults(func=lambda args: _help(parser))
    verbs = parser.add_subparsers(dest="verb", metavar="ACTION")

    def verb(name: str, helptext: str, *args: tuple[str, str], corpus: bool = True) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = verbs.add_parser(
            name, help=helptext, description=helptext[0].upper() + helptext[1:] + "."
        )
        for arg, what in args:
            p.add_argument(arg.lower(), metavar=arg, help=what)
        if corpus:
            add_corpus_option(p, "the corpus whose entities KEY is looked up in")
        add_store_option(p)
        return p

    verb(
        "merge",
        "make KEY another name of INTO everywhere",
        ("KEY", "the entity to merge"),
        ("INTO", "the entity it becomes"),
    ).set_defaults(func=run_merge)
    verb("unmerge", "undo a merge of KEY", ("KEY", "the merged entity"), corpus=False).set_defaults(func=run_unmerge)
    verb("rename", "give KEY a new display name and key", ("KEY", "the entity"), ("NAME", "its new name")).set_defaults(
        func=run_rename
    )
    verb(
        "label",
        "give KEY a new label everywhere",
        ("KEY", "the entity"),
        ("LABEL", "an entity label, e.g. PERSON, ORG, GPE, PRODUCT"),
    ).set_defaults(func=run_label)
    verb("hide", "never highlight, list or count KEY", ("KEY", "the entity")).set_defaults(func=run_hide)
    verb("unhide", "show a hidden entity again", ("KEY", "the hidden entity"), corpus=False).set_defaults(
        func=run_unhide
    )
    add = verb(
        "add",
        "always mark PHRASE as an entity of LABEL, in every article",
        ("PHRASE", 'whole words, e.g. "Azovstal steel plant"'),
        ("LABEL", "its label"),
        corpus=False,
    )
    add.add_argument("--ignore-case", action="store_true", help="match the phrase in any case (default: as given)")
    add.set_defaults(func=run_add)
    verb("drop", "stop marking a phrase added with `add`", ("PHRASE", "the phrase"), corpus=False).set_defaults(
        func=run_drop
    )
    note = verb("note", "write a note on the entity KEY itself", ("KEY", "the entity"))
    note.add_argument("--text", "-t", required=True, help="the note's text; - reads it from standard input")
    note.set_defaults(func=run_note)
    lister = verb("list", "list every correction and entity note (hidden entities too)", corpus=False)
    lister.add_argument("--json", action="store_true", help="print a JSON object")
    lister.set_defaults(func=run_list)  # fmt: skip
    add_top_parser(verbs)


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def _label(value: str) -> str:
    label = value.strip().upper()
    if label not in LABELS:
        raise UsageError(f"unknown label {safe_line(value)!r}; the labels are: {', '.join(LABELS)}")
    return label


def _find(name: str, corpus: Path, corrections: Corrections, raw_first: bool = False) -> tuple[str, str]:
    """``(extractor key, label)`` of the entity ``name`` means; an unknown name is one
    line naming it, with the nearest keys. A name a correction made is looked up among
    the corrections first, unless ``raw_first`` (a merge names the spellings themselves,
    so merging back the other way is seen as the cycle it is)."""
    from ._corpus import open_index

    made = corrections.lookup(name)
    index = open_index(corpus)
    try:
        if raw_first:
            raw = index.resolve_name(name)
            if raw is not None:
                return raw.key, corrections.label_of(raw.key, raw.label)
        if made is not None:
            found = index.resolve_name(made, corrections)
            label = found.label if found is not None else (corrections.added(made) or ("", "ENTITY"))[1]
            return corrections.origin(made), label
        raw = index.resolve_name(name)
        if raw is not None:
            return raw.key, corrections.label_of(raw.key, raw.label)
        keys = index.entity_keys()
    finally:
        index.close()
    near = nearest(name, keys)
    hint = f"; nearest: {', '.join(repr(safe_line(k)) for k in near)}" if near else ""
    raise ReaderError(f"no entity named {safe_line(name)!r} in {safe_line(str(corpus))!r}{hint}")


def nearest(name: str, keys: list[str], count: int = 3) -> list[str]:
    """The keys most like ``name``, the whole key or one of its words ("Gutteres" is
    near "Antonio Guterres"), best first."""
    wanted = fold(name)
    matcher = difflib.SequenceMatcher(b=wanted)
    scored: list[tuple[float, int, str]] = []
    for rank, key in enumerate(keys):
        best = 0.0
        for part in (fold(key), *fold(key).split()):
            matcher.set_seq1(part)
            if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                best = max(best, matcher.ratio())
        if best >= 0.6:
            scored.append((-best, rank, key))
    return [key for _, _, key in sorted(scored)[:count]]


def _shown(key: str, corrections: Corrections) -> str:
    return safe_line(corrections.outcome(key).key)


def _save(store: Store, correction: EntityCorrection) -> None:
    store.correct_entity(correction)


def run_merge(args: argparse.Namespace) -> int:
    store = open_store(args)
    corrections = corrections_of(store)
    corpus = corpus_root(args)
    key, _ = _find(args.key, corpus, corrections, raw_first=True)
    into, into_label = _find(args.into, corpus, corrections, raw_first=True)
    if key == into:
        raise ReaderError(
            f"{safe_line(args.key)!r} and {safe_line(args.into)!r} are already one entity ({safe_line(key)!r})"
        )
    _save(store, EntityCorrection("merge", key, now_iso(), into=into, label=into_label))
    print(f"merged {safe_line(key)!r} into {_shown(into, corrections)!r}")
    return 0


def _remove(args: argparse.Namespace, op: str, value: str, what: str) -> int:
    store = open_store(args)
    entries = [c for c in store.entity_corrections() if c.op == op]
    corrections = corrections_of(store)
    matching = (
        [c.key for c in entries if c.key == value]
        or [c.key for c in entries if fold(c.key) == fold(value)]
        or [c.key for c in entries if fold(corrections.outcome(c.key).key) == fold(value)]  # by its new name
    )
    if not matching:
        listed = ", ".join(repr(safe_line(c.key)) for c in entries)
        raise ReaderError(
            f"no {what} of {safe_line(value)!r} in the store" + (f"; there are: {listed}" if listed else "")
        )
    for key in dict.fromkeys(matching):
        store.uncorrect_entity(op, key)
    print(f"removed the {what} of {safe_line(matching[0])!r}")
    return 0


def run_unmerge(args: argparse.Namespace) -> int:
    return _remove(args, "merge", args.key, "merge")


def run_unhide(args: argparse.Namespace) -> int:
    return _remove(args, "hide", args.key, "hiding")


def run_drop(args: argparse.Namespace) -> int:
    return _remove(args, "add", args.phrase, "added phrase")


def run_rename(args: argparse.Namespace) -> int:
    name = " ".join(args.name.split())
    if not name:
        raise UsageError("the new name is empty")
    store = open_store(args)
    corrections = corrections_of(store)
    key, _ = _find(args.key, corpus_root(args), corrections)
    _save(store, EntityCorrection("rename", key, now_iso(), name=name))
    print(f"renamed {safe_line(key)!r} to {safe_line(name)!r}")
    return 0


def run_label(args: argparse.Namespace) -> int:
    label = _label(args.label)
    store = open_store(args)
    corrections = corrections_of(store)
    key, _ = _find(args.key, corpus_root(args), corrections)
    _save(store, EntityCorrection("label", key, now_iso(), label=label))
    print(f"{_shown(key, corrections)!r} is now {label}")
    return 0


def run_hide(args: argparse.Namespace) -> int:
    store = open_store(args)
    corrections = corrections_of(store)
    key, _ = _find(args.key, corpus_root(args), corrections)
    _save(store, EntityCorrection("hide", key, now_iso()))
    print(f"hid {safe_line(key)!r} (undo: reader entity unhide {safe_line(key)!r})")
    return 0


def run_add(args: argparse.Namespace) -> int:
    phrase = " ".join(args.phrase.split())
    if not phrase:
        raise UsageError("the phrase is empty")
    label = _label(args.label)
    store = open_store(args)
    sensitive = not args.ignore_case
    _save(store, EntityCorrection("add", phrase, now_iso(), label=label, phrase=phrase, case_sensitive=sensitive))
    case = "as written" if sensitive else "in any case"
    print(f"{safe_line(phrase)!r} is marked as {label} in every article ({case})")
    return 0


def run_note(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    if not text.strip():
        raise UsageError("the note text is empty")
    store = open_store(args)
    corrections = corrections_of(store)
    key, _ = _find(args.key, corpus_root(args), corrections)
    note = store.add_entity_note(key, text)
    print(f"note {note.id} added to {_shown(key, corrections)!r}")
    return 0


def list_json(store: Store) -> dict[str, Any]:
    corrections = corrections_of(store)
    return {
        "corrections": [c.to_json() for c in store.entity_corrections()],
        "notes": [{**n.to_json(), "shown_as": corrections.outcome(n.key).key} for n in store.entity_notes()],
    }


def run_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    if args.json:
        print(dumps(list_json(store), indent=2))
        return 0
    out: list[str] = []
    for c in store.entity_corrections():
        key = safe_line(c.key)
        if c.op == "merge":
            out.append(f"merge   {key!r} -> {safe_line(c.into or '')!r}")
        elif c.op == "rename":
            out.append(f"rename  {key!r} -> {safe_line(c.name or '')!r}")
        elif c.op == "label":
            out.append(f"label   {key!r} -> {c.label}")
        elif c.op == "hide":
            out.append(f"hide    {key!r}  (reader entity unhide {key!r})")
        else:
            case = "" if c.case_sensitive else ", any case"
            out.append(f"add     {safe_line(c.phrase or key)!r} as {c.label}{case}")
    corrections = corrections_of(store)
    for n in store.entity_notes():
        out.append(f"note    {safe_line(corrections.outcome(n.key).key)!r}  {n.id}  {n.updated[:10]}")
        out.extend(f"    {line}" for line in safe_text(n.text).splitlines())
    if not out:
        out.append("no entity corrections or entity notes")
    sys.stdout.write("\n".join(out) + "\n")
    return 0
