"""Mention offsets as stored in a posting: flat ``start, end`` pairs packed as unsigned
32-bit integers, little-endian (``array`` is native-endian: swapped on a big-endian
machine so an index keeps its meaning wherever the cache folder goes).

Eight bytes a mention (about 20 MB at 100,000 generated articles) buy the dossier the
exact spans of an entity without running the extractor over every article again.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Sequence

_SWAP = sys.byteorder != "little"


def pack_spans(flat: Sequence[int]) -> bytes:
    """``[start, end, start, end, ...]`` as bytes for the ``postings.spans`` column."""
    packed = array("I", flat)
    if _SWAP:
        packed.byteswap()
    return packed.tobytes()


def unpack_spans(blob: bytes) -> list[tuple[int, int]]:
    """The ``(start, end)`` pairs of a ``postings.spans`` value, in the order stored."""
    flat = array("I")
    flat.frombytes(blob)
    if _SWAP:
        flat.byteswap()
    return list(zip(flat[::2], flat[1::2], strict=True))
