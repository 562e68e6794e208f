"""Processes killed mid-write and processes writing at once never lose an acknowledged note."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from storekit import ROOT, article, reader_cli

from reader.store import Store

WRITER = """
import sys
from pathlib import Path
from reader.articles import load_file
from reader.store import EntityCorrection, Store

[article], _ = load_file(Path(sys.argv[2]))
store = Store.open(Path(sys.argv[1]))
n = 0
while True:
    note = store.add_note(article, n % len(article.paragraphs), f"note {n} " + "x" * (n % 50))
    if n % 3 == 0:
        store.set_bookmark(article, n % 2 == 0)
    print(note.id, flush=True)  # acknowledged: add_note returned, so it is on disk
    if n % 2 == 1:  # entity corrections and entity notes go through the same write
        store.correct_entity(EntityCorrection("label", f"Entity {n}", "2026-01-01", label="ORG"))
        print(f"correction:Entity {n}", flush=True)
        print(store.add_entity_note(f"Entity {n}", f"about {n}").id, flush=True)
    n += 1
"""


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_acknowledged(store_path: Path, corpus: Path) -> None:
    rng = random.Random(4)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    acknowledged: set[str] = set()
    for _round in range(20):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(store_path), str(corpus / "river.txt")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the writer is up and has written once
        assert first, proc.stderr.read() if proc.stderr else ""
        time.sleep(rng.uniform(0, 0.08))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        assert proc.returncode == -signal.SIGKILL
        lines = (first + rest).decode().split("\n")
        acknowledged.update(line for line in lines[:-1] if line)  # a cut-off last line is no ack
        store = Store.open(store_path)  # parses: the old file or the new one, never a mixture
        json.loads(store_path.read_bytes())
        kept = {n.id for n in store.notes()} | {n.id for n in store.entity_notes()}
        kept |= {f"correction:{c.key}" for c in store.entity_corrections()}
        missing = acknowledged - kept
        assert not missing, f"round {_round}: lost {sorted(missing)}"
    assert len(acknowledged) > 20
    assert any(a.startswith("correction:") for a in acknowledged)
    # The next writer sweeps temporary files a killed writer may have left.
    (store_path.parent / ".store.json.999999.deadbeef.tmp").write_bytes(b"{ half")
    Store.open(store_path).set_read(article(corpus / "river.txt"))
    assert [p.name for p in store_path.parent.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.slow
def test_six_processes_adding_notes_at_once_lose_none(store_path: Path, corpus: Path) -> None:
    per_worker = 4
    files = ["river.txt", "port.txt", "misc/undated.txt"]

    def worker(w: int) -> list[str]:
        outs = []
        for i in range(per_worker):
            proc = reader_cli(
                "note", "add", str(corpus / files[w % 3]), "--text", f"worker {w} note {i}", store=store_path
            )
            assert proc.returncode == 0, proc.stderr
            outs.append(proc.stdout.split()[1])
        return outs

    with ThreadPoolExecutor(6) as pool:
        ids = [i for batch in pool.map(worker, range(6)) for i in batch]
    notes = Store.open(store_path).notes()
    assert len(ids) == len(set(ids)) == 6 * per_worker
    assert {n.id for n in notes} == set(ids)
    assert sorted(n.text for n in notes) == sorted(f"worker {w} note {i}" for w in range(6) for i in range(per_worker))


API_WRITER = """
import sys
from pathlib import Path
from reader.articles import load_file
from reader.store import EntityCorrection, Store

[article], _ = load_file(Path(sys.argv[2]))
store = Store.open(Path(sys.argv[1]))
for i in range(int(sys.argv[3])):
    store.add_note(article, 0, f"{sys.argv[4]}-{i}")
    store.set_read(article, i % 2 == 0)
"""


@pytest.mark.slow
def test_six_api_writers_interleaving_many_changes(store_path: Path, corpus: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", API_WRITER, str(store_path), str(corpus / "port.txt"), "15", f"w{w}"],
            env=env,
            stderr=subprocess.PIPE,
        )
        for w in range(6)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    texts = {n.text for n in Store.open(store_path).notes()}
    assert texts == {f"w{w}-{i}" for w in range(6) for i in range(15)}
