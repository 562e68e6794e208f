"""``reader serve``: answers HTTP on loopback with the app's page; a busy port is refused."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(*args: str) -> subprocess.Popen[str]:
    # its own cache folder: serve writes its page templates there
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_CACHE": tempfile.mkdtemp(prefix="reader-serve-")}
    return subprocess.Popen(
        [sys.executable, "-m", "reader.cli", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def fetch(url: str, attempts: int = 100) -> str:
    """Poll until the server answers (bounded: attempts x 0.2 s)."""
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"no answer from {url}")


def test_serve_answers_on_loopback_and_refuses_a_busy_port(tmp_path: Path) -> None:
    pytest.importorskip("textual_serve")
    port = free_port()
    server = serve(str(ROOT / "articles"), "--port", str(port), "--store", str(tmp_path / "s.json"))
    try:
        page = fetch(f"http://127.0.0.1:{port}/")
        assert "textual" in page.lower() and "<html" in page.lower()
        # nothing is fetched from another host: the page works with no internet
        hosts = set(re.findall(r"""(?:href|src)\s*=\s*["']https?://([^/"']+)""", page))
        assert hosts <= {f"127.0.0.1:{port}"}, hosts
        assert "fonts.googleapis" not in page
        busy = subprocess.run(
            [sys.executable, "-m", "reader.cli", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=60,
        )
        assert busy.returncode == 1
        assert f"port {port}" in busy.stderr and "in use" in busy.stderr
        assert "Traceback" not in busy.stderr
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serve_warns_when_bound_beyond_loopback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("textual_serve")
    monkeypatch.setenv("READER_CACHE", str(tmp_path))
    import argparse

    import textual_serve.server

    from reader.commands import serve as serve_command

    started: list[tuple[str, str, int]] = []

    class FakeServer:
        """Stands in for textual-serve so the test never listens on a wide address."""

        def __init__(self, command: str, host: str, port: int, title: str, templates_path: Path) -> None:
            started.append((command, host, port))

        def serve(self) -> None:
            return None

    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    monkeypatch.setattr(serve_command, "check_port_free", lambda host, port: None)
    args = argparse.Namespace(corpus=str(ROOT / "articles"), host="0.0.0.0", port=8123, store=None)
    assert serve_command.run(args) == 0
    err = capsys.readouterr().err
    assert "warning" in err and "anyone who can reach this port" in err
    assert started and started[0][1:] == ("0.0.0.0", 8123) and "reader.cli" in started[0][0]
    args.host = "127.0.0.1"
    serve_command.run(args)
    assert "warning" not in capsys.readouterr().err
    assert serve_command.is_loopback("::1") and serve_command.is_loopback("localhost")
    assert not serve_command.is_loopback("192.0.2.1")


def test_serve_help_and_bad_port() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "reader.cli", "serve", "--port", "70000"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 2 and "not a port" in proc.stderr


def test_the_served_page_fetches_nothing_from_another_host(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    textual_serve = pytest.importorskip("textual_serve")
    from reader.commands.serve import offline_templates

    monkeypatch.setenv("READER_CACHE", str(tmp_path))
    shipped = Path(textual_serve.__file__).parent
    folder = offline_templates(shipped)
    pages = sorted(folder.glob("*.html"))
    assert [p.name for p in pages] == sorted(p.name for p in (shipped / "templates").glob("*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert re.findall(r"""(?:href|src)\s*=\s*["']https?://""", text) == []
        assert "monospace" in text and "Roboto Mono" not in text
        assert "{{" in text  # still a template the server fills in
