"""``reader serve``: the same reader in a browser tab, through textual-serve.

It binds to loopback unless told otherwise: the page shows the corpus and the user's
notes to whoever reaches the port, so a wider ``--host`` is the user's explicit choice
and is warned about.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import re
import shlex
import socket
import sys
from pathlib import Path
from typing import Any

from ..errors import ReaderError, UsageError
from ..locations import cache_dir
from . import COMMANDS
from .common import add_corpus_argument, corpus_path

DEFAULT_PORT = 8000
SERVE_HINT = (
    "reader serve needs textual-serve: pip install '.[serve]' in the folder you installed "
    "the reader from (or pip install 'newsreader-tui[serve]', or pip install textual-serve)"
)
"""The README installs from a clone (``pip install .``), so its extra is ``'.[serve]'``;
the PyPI name is the other way in, for a user who installed with ``pip install newsreader-tui``."""


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "serve",
        help=COMMANDS["serve"],
        description="Serve the reader as a web page through textual-serve. Binds to "
        "127.0.0.1 unless --host says otherwise. Install with: pip install '.[serve]' in the source "
        "folder, as the README does (or pip install 'newsreader-tui[serve]' from PyPI).",
    )
    add_corpus_argument(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT})")
    parser.add_argument("--store", help="the notes and bookmarks file")
    parser.set_defaults(func=run)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_port_free(host: str, port: int) -> None:
    """Fail early with one line, rather than a traceback from deep in aiohttp."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ReaderError(f"port {port} on {host} is already in use; pick another with --port") from None
            if exc.errno == errno.EACCES:
                raise ReaderError(f"no permission to bind port {port}; use a port above 1023") from None
            raise ReaderError(f"cannot bind {host}:{port}: {exc.strerror}") from None


# A stylesheet or script the page would fetch from another host: a reader on a machine
# with no internet waited for it, and the page font came from a web font service.
REMOTE_LINK = re.compile(r"""<link\b[^>]*\bhref\s*=\s*["']https?://[^>]*>\s*""", re.IGNORECASE)
WEB_FONT = '"Roboto Mono", menlo, monospace'
TERMINAL_FONTS = 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace'


def offline_page(html: str) -> str:
    """textual-serve's page with nothing fetched from another host: the web font link goes,
    and the font stack names the fonts a terminal user already has."""
    return REMOTE_LINK.sub("", html).replace(WEB_FONT, TERMINAL_FONTS)


def offline_templates(package: Path) -> Path:
    """A copy of textual-serve's templates (from its installed ``package`` folder) made to
    work offline, written to the cache folder; the server is pointed at it."""
    target = cache_dir() / "serve-templates"
    target.mkdir(parents=True, exist_ok=True)
    for template in (package / "templates").glob("*.html"):
        page = offline_page(template.read_text(encoding="utf-8"))
        (target / template.name).write_text(page, encoding="utf-8")
    return target


def build_command(corpus: Path, store: str | None) -> str:
    parts = [sys.executable, "-m", "reader.cli", str(corpus.resolve())]
    if store:
        parts += ["--store", str(Path(store).expanduser().resolve())]
    return shlex.join(parts)


def run(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port} is not a port number (1-65535)")
    corpus = corpus_path(args)
    if not corpus.exists():
        raise ReaderError(f"corpus folder {str(corpus)!r} does not exist")
    try:
        import textual_serve
        from textual_serve.server import Server
    except ImportError:
        raise ReaderError(SERVE_HINT) from None
    check_port_free(args.host, args.port)
    if not is_loopback(args.host):
        print(
            f"reader: warning: serving on {args.host}:{args.port}: anyone who can reach this port "
            "can read the corpus and your notes",
            file=sys.stderr,
        )
    print(f"reader: serving on http://{args.host}:{args.port} (Ctrl+C stops)", file=sys.stderr)
    templates = offline_templates(Path(textual_serve.__file__).parent)
    server = Server(
        build_command(corpus, args.store), host=args.host, port=args.port, title="reader", templates_path=templates
    )
    server.serve()
    return 0
