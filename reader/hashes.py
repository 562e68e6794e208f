"""The two hash functions the reader uses, without loading OpenSSL when CPython has its
own build of them.

``import hashlib`` loads ``_hashlib`` (OpenSSL), about 2 ms of every ``reader search``,
which hashes each article it reads for a snippet (``reader.articles.parse``) and the
corpus path for its index's file name (``reader.locations``). CPython ships both
functions as built-in modules too, with the same results; ``hashlib`` is the fallback
where a build lacks them.
"""

from __future__ import annotations

from collections.abc import Callable

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython always builds _blake2
    from hashlib import blake2b


def _find_sha256() -> Callable[[bytes], object]:
    for name in ("_sha256", "_sha2"):  # the module's name up to 3.11, and from 3.12
        try:
            module = __import__(name)
        except ImportError:
            continue
        found: Callable[[bytes], object] = module.sha256
        return found
    from hashlib import sha256

    return sha256


_sha256 = _find_sha256()


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` in hex, as ``hashlib.sha256(data).hexdigest()``."""
    digest: str = _sha256(data).hexdigest()  # type: ignore[attr-defined]
    return digest


__all__ = ["blake2b", "sha256_hex"]
