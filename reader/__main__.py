"""``python -m reader``: the same entry point as the ``reader`` console script.

Useful where the script is not on ``PATH`` (a venv not activated, a ``--target`` install),
and it runs the reader with exactly the interpreter named.
"""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
