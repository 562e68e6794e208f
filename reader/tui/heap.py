"""The start-up heap, frozen once so the garbage collector stops walking it.

Importing Textual and the reader leaves some 40,000 objects the collector tracks (modules,
classes, functions, tables) that live as long as the process. A full collection walks every
one of them: 10 to 60 ms on a shared two-core machine, as long as an empty Textual app takes
to paint. A warm start allocates enough to set one off before the list is on screen, so
``benchmarks/bench_tui.py --warm`` saw the first paint at 1.0x the empty app in one run and
2.4x in the next. ``gc.freeze`` moves what exists now to a generation no collection visits;
what is made afterwards is collected as before.

Once per process: a test session builds hundreds of apps, and a later freeze would pin
whatever garbage the earlier ones left behind.
"""

from __future__ import annotations

import gc

_frozen = False


def freeze_startup_heap() -> None:
    """Freeze the objects made so far (the first call only)."""
    global _frozen
    if _frozen:
        return
    _frozen = True
    gc.freeze()
