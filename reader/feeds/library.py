"""The library: the folder fetched entries and added pages are written into, as articles.

Each entry becomes ``<library>/<feed-slug>/<YYYY-MM-DD>-<slug>.md``, Markdown with a
front-matter block (title, date, source, url, author, guid) the reader's own Markdown
format reads back, so the library is an ordinary corpus. Files are written to a temporary
name and moved into place (``os.replace``): a kill mid-write leaves the old file or the
new one, never half an article.

An entry must never be written twice, though feeds re-send the same items on every fetch,
change their links, or lose their guids. ``.index.json`` (hidden, so a corpus walk skips
it) maps each entry's guid, url and body hash to its file; an entry is matched by guid,
then url, then body, and rewritten only when what would be written differs (an entry
changed upstream). A missing or damaged index is rebuilt from the files' front matter.
A file the user deleted stays deleted: its keys are remembered.

The library is derived from feeds, not user data: the store is not involved, and nothing
here touches it (ARCHITECTURE.md §2.2).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import threading
import unicodedata

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no library lock (the store needs fcntl anyway)
    fcntl = None  # type: ignore[assignment]
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..articles.parse import read_front_matter
from ..errors import ReaderError
from ..safe_text import safe_line
from .parse import Entry, one_line

INDEX_NAME = ".index.json"
LOCK_NAME = ".lock"
_PENDING = "pending"  # the digest of an entry being written right now
_SLUG_DROP = re.compile(r"[^a-z0-9]+")


class LibraryBusyError(ReaderError):
    """Another process holds the library (a fetch or an add in progress)."""


def slugify(text: str, most: int = 60) -> str:
    """A file-name-safe ASCII slug ("Élection: résultats!" -> "election-resultats")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = _SLUG_DROP.sub("-", ascii_text).strip("-")[:most].strip("-")
    return slug or "untitled"


def feed_slug(url: str, title: str | None = None) -> str:
    """The feed's folder: its title's slug, else its host and path, plus a short hash of the
    URL so two feeds titled "News" do not share a folder."""
    base = slugify(title, 40) if title else slugify(re.sub(r"^[a-z]+://", "", url), 40)
    return f"{base}-{hashlib.sha256(url.encode('utf-8', 'surrogatepass')).hexdigest()[:6]}"


def front_value(value: str | None) -> str:
    """One line, no controls; quoted when the front-matter reader would strip quotes."""
    line = one_line(value, 2000) or ""
    if len(line) >= 2 and line[0] == line[-1] and line[0] in "\"'":
        return f'"{line}"'
    return line


def render(meta: dict[str, str | None], body: str) -> str:
    """The article file: a front-matter block, a blank line, the body."""
    lines = ["---"]
    for key, value in meta.items():
        shown = front_value(value)
        if shown:
            lines.append(f"{key}: {shown}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + body.strip() + "\n"


def atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def body_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8", "surrogatepass")).hexdigest()[:24]


@dataclass
class _Known:
    path: str  # relative to the library
    digest: str  # of the whole rendered file: unchanged entries are not rewritten


class Library:
    """One library folder; entries may be written from several threads at once."""

    def __init__(self, root: Path, persist: bool = True) -> None:
        """``persist``: keep ``.index.json`` in ``root``. Off for a user's own corpus
        (``reader add --into``), where the keys are read from the files each time."""
        self.root = root
        self.persist = persist
        self._lock = threading.RLock()
        self._keys: dict[str, _Known] = {}
        if persist:
            self._load_index()
        else:
            self._rebuild()

    # --- the index ------------------------------------------------------------------

    def _load_index(self) -> None:
        path = self.root / INDEX_NAME
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            keys = doc["keys"]
            self._keys = {str(k): _Known(str(v["path"]), str(v["digest"])) for k, v in keys.items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self._keys = {}
            self._rebuild()

    def _rebuild(self) -> None:
        """Recover the keys from the files themselves (index missing or damaged)."""
        if not self.root.is_dir():
            return
        for path in sorted(self.root.rglob("*.md")):
            if any(part.startswith(".") for part in path.relative_to(self.root).parts):
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            front = read_front_matter(text)
            if front is None:
                continue
            meta, start = front
            known = _Known(str(path.relative_to(self.root)), _digest(text))
            for key in _keys_of(meta.get("guid"), meta.get("url"), body_hash(text[start:])):
                self._keys.setdefault(key, known)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the library for one fetch or add: a second ``reader feeds fetch`` (or the
        TUI's ``R``) running at the same time would write the index over this one's and
        lose its keys, so it is refused with a clear line instead. The index is re-read
        once the lock is held: the other process may have written it since."""
        if not self.persist or fcntl is None:
            yield
            return
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise LibraryBusyError(
                    f"another reader is writing into the library {safe_line(str(self.root))}; try again when it is done"
                ) from None
            with self._lock:
                self._keys = {}
                self._load_index()
            yield
        finally:
            os.close(fd)  # releases the lock

    def save_index(self) -> None:
        if not self.persist:
            return
        with self._lock:
            keys = sorted((k, v) for k, v in self._keys.items() if v.digest != _PENDING)
        doc = {"keys": {k: {"path": v.path, "digest": v.digest} for k, v in keys}}
        atomic_write(self.root / INDEX_NAME, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")

    # --- writing ----------------------------------------------------------------------

    def knows(self, entry: Entry) -> bool:
        """Whether ``entry`` (or a copy of its body) is in the library already."""
        with self._lock:
            return self._find(entry) is not None

    def _find(self, entry: Entry) -> tuple[_Known, bool] | None:
        """The file already holding ``entry`` and whether it is the same entry (matched by
        guid, or by url when the entry has no guid) rather than a copy of its body."""
        for key in _keys_of(entry.guid, entry.link, entry.body_hash):
            if key in self._keys:
                same = key.startswith("guid:") or (key.startswith("url:") and not entry.guid)
                return self._keys[key], same
        return None

    def write_entry(self, folder: str, source: str | None, entry: Entry) -> str:
        """Write ``entry`` under ``folder``: "new", "updated" or "unchanged".

        Safe from several threads: the decision and the file name are taken under the
        lock, the write (an fsync, milliseconds each on a disk) happens outside it, so
        feeds fetched at once also write at once."""
        if not entry.text.strip():
            return "unchanged"
        meta: dict[str, str | None] = {
            "title": entry.title,
            "date": entry.date.isoformat() if entry.date else None,
            "source": source,
            "url": entry.link,
            "author": entry.author,
            "guid": entry.guid,
        }
        text = render(meta, entry.text)
        digest = _digest(text)
        with self._lock:
            found = self._find(entry)
            if found is not None:
                known, same = found
                if not same or known.digest == digest or not (self.root / known.path).exists():
                    # a copy of an entry already written, unchanged, or deleted by the user
                    self._remember(entry, known)
                    return "unchanged"
                relative, status, before = known.path, "updated", known
            else:
                relative, status, before = self._new_name(folder, entry.date, entry.title), "new", None
                self._remember(entry, _Known(relative, _PENDING))  # a concurrent copy finds it taken
        try:
            atomic_write(self.root / relative, text)
        except BaseException:
            with self._lock:
                self._forget(entry, relative, before)
            raise
        with self._lock:
            self._remember(entry, _Known(relative, digest))
        return status

    def write_page(self, folder: str, meta: dict[str, str | None], body: str) -> tuple[Path, str]:
        """Save one page (``reader add``) under ``folder``: (its path, "new" / "updated" /
        "unchanged"). The same url added again rewrites its file rather than doubling it."""
        with self._lock:  # one page at a time (reader add is not in a hurry)
            url = meta.get("url")
            entry = Entry(meta.get("title") or "untitled", url, url, None, meta.get("author"), body, False)
            text = render(meta, body)
            found = self._find(entry)
            if found is not None and (self.root / found[0].path).exists():
                known = found[0]
                if known.digest == _digest(text):
                    return self.root / known.path, "unchanged"
                atomic_write(self.root / known.path, text)
                self._remember(entry, _Known(known.path, _digest(text)))
                return self.root / known.path, "updated"
            relative = self._new_name(folder, _page_date(meta.get("date")), meta.get("title") or "")
            atomic_write(self.root / relative, text)
            self._remember(entry, _Known(relative, _digest(text)))
            return self.root / relative, "new"

    def _remember(self, entry: Entry, known: _Known) -> None:
        for key in _keys_of(entry.guid, entry.link, entry.body_hash):
            self._keys[key] = known

    def _forget(self, entry: Entry, relative: str, before: _Known | None) -> None:
        """Undo a reservation whose write failed, so the next fetch tries again."""
        for key in _keys_of(entry.guid, entry.link, entry.body_hash):
            held = self._keys.get(key)
            if held is not None and held.path == relative:
                if before is None:
                    del self._keys[key]
                else:
                    self._keys[key] = before

    def _new_name(self, folder: str, date: dt.date | dt.datetime | None, title: str) -> str:
        name = self._unique(self.root / folder, f"{_day(date)}-{slugify(title)}")
        return f"{folder}/{name}" if folder else name

    def _unique(self, folder: Path, stem: str) -> str:
        taken = {k.path for k in self._keys.values()}
        candidate = f"{stem}.md"
        n = 2
        while (folder / candidate).exists() or _relative(self.root, folder / candidate) in taken:
            candidate = f"{stem}-{n}.md"
            n += 1
        return candidate


def _relative(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _keys_of(guid: str | None, url: str | None, body: str) -> list[str]:
    keys = []
    if guid:
        keys.append(f"guid:{guid}")
    if url:
        keys.append(f"url:{url}")
    keys.append(f"body:{body}")
    return keys


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def _day(date: dt.date | dt.datetime | None) -> str:
    return date.strftime("%Y-%m-%d") if date is not None else "undated"


def _page_date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def has_articles(root: Path) -> bool:
    """Whether the library holds at least one article file (``reader`` with no CORPUS opens
    it then, else the bundled samples). Stops at the first one found."""
    if not root.is_dir():
        return False
    for _folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        if any(name.endswith(".md") and not name.startswith(".") for name in files):
            return True
    return False
