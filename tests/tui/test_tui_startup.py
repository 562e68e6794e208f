"""What a start costs before the list is on screen: the modules it imports and the
garbage collector's work over the imports' objects (benchmarks/bench_tui.py --warm)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

from reader.tui.heap import freeze_startup_heap

ROOT = Path(__file__).resolve().parents[2]

# Views the first screen does not show, and what only they need: imported when opened.
LATER = (
    "reader.tui.key_help",
    "reader.tui.screens.article",
    "reader.tui.screens.entity_browser",
    "reader.tui.screens.mentions",
    "reader.tui.screens.note_editor",
    "reader.tui.screens.notes",
    "reader.tui.screens.overview",
    "reader.tui.screens.feeds",
    "reader.dossier",
    "textual.widgets._text_area",
)


def test_the_app_module_leaves_other_views_unimported() -> None:
    code = f"import sys\nimport reader.tui.app\nprint(sorted(m for m in {LATER!r} if m in sys.modules))\n"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_the_startup_heap_is_frozen_once() -> None:
    freeze_startup_heap()  # the first app of this test session may have done it already
    frozen = gc.get_freeze_count()
    assert frozen > 0
    made_since = [[n] for n in range(1000)]  # a second freeze would add these to the count
    freeze_startup_heap()
    assert gc.get_freeze_count() == frozen
    assert len(made_since) == 1000
