"""reader/hashes.py gives what hashlib gives: the index's file names and the articles'
ids and fingerprints must not change with the module that computes them."""

from __future__ import annotations

import hashlib

import pytest

from reader.hashes import blake2b, sha256_hex

SAMPLES = [b"", b"reader", "Zürich — “quoted”".encode(), bytes(range(256)) * 40]


@pytest.mark.parametrize("data", SAMPLES)
def test_sha256_matches_hashlib(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("data", SAMPLES)
def test_blake2b_matches_hashlib(data: bytes) -> None:
    assert blake2b(data, digest_size=8).hexdigest() == hashlib.blake2b(data, digest_size=8).hexdigest()
