"""The reader over a real SSH session: sshd on 127.0.0.1, ``ssh -tt`` inside tmux.

People read over SSH, so the whole round trip is tested the way they live it: the test
starts its own OpenSSH server on a free port of 127.0.0.1 with a configuration, host key
and authorized key in a temporary folder (nothing of the machine's own ssh setup is used
or changed), logs in with ``ssh -tt`` from a tmux pane of 120x36, runs the reader there
with this test's Python and PYTHONPATH, and then lists, moves, opens an article,
bookmarks it, goes back, resizes the window, quits, and checks the terminal came back
(alternate screen left, ssh exited 0) and the bookmark is in the store file.

When it runs: it needs ``tmux``, the OpenSSH client (``ssh``, ``ssh-keygen``) and the
server binary ``/usr/sbin/sshd`` (``.ci/run`` installs ``openssh-server`` with apt-get
when it is missing). Without the server binary it is skipped, but only outside CI: when
the ``CI`` variable is set, a missing binary, an sshd that will not start or a login that
fails is a failure with the reason and the server's log, never a skip. Select these tests
with ``-m ssh``.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tui"))
from tuikit import ROOT, Tmux, poll, tmux_server, write_corpus  # noqa: E402

pytestmark = [pytest.mark.tmux, pytest.mark.ssh]

SSHD = Path("/usr/sbin/sshd")
HOST = "reader-ssh-test"  # the Host alias in the client config written below
# A safety net for a test run that is killed before its finally: the server is stopped by
# the fixture, and this bounds how long a stray one could outlive the run.
SSHD_LIFETIME_SECONDS = 1800


def _unavailable(reason: str) -> None:
    """Skip on a developer's machine without the tools; fail under CI, which installs them."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI installs openssh-server and tmux: see .ci/run)")
    pytest.skip(reason)


@dataclass(frozen=True)
class SshServer:
    folder: Path
    port: int
    client_config: Path
    log: Path

    def ssh(self, *args: str) -> list[str]:
        return ["ssh", "-F", str(self.client_config), *args]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _keygen(path: Path) -> None:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "reader-test", "-f", str(path)], check=True)


def _write_configs(folder: Path, port: int, user: str) -> tuple[Path, Path]:
    server_config = folder / "sshd_config"
    server_config.write_text(
        "\n".join(
            [
                "ListenAddress 127.0.0.1",
                f"Port {port}",
                f"HostKey {folder / 'host_key'}",
                f"AuthorizedKeysFile {folder / 'authorized_keys'}",
                f"PidFile {folder / 'sshd.pid'}",
                f"AllowUsers {user}",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                # the tmp folder is world-readable up the tree; the keys are this test's own
                "StrictModes no",
                "UsePAM no",
                "LoginGraceTime 20",
                "PrintMotd no",
                "PrintLastLog no",
                "X11Forwarding no",
                "AllowTcpForwarding no",
                "AllowAgentForwarding no",
                "LogLevel VERBOSE",
                "",
            ]
        ),
        encoding="utf-8",
    )
    client_config = folder / "ssh_config"
    client_config.write_text(
        "\n".join(
            [
                f"Host {HOST}",
                "    HostName 127.0.0.1",
                f"    Port {port}",
                f"    User {user}",
                f"    IdentityFile {folder / 'client_key'}",
                "    IdentitiesOnly yes",
                f"    UserKnownHostsFile {folder / 'known_hosts'}",
                "    StrictHostKeyChecking no",
                "    BatchMode yes",
                "    LogLevel ERROR",
                "",
            ]
        ),
        encoding="utf-8",
    )
    return server_config, client_config


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[SshServer]:
    """An sshd of this test's own on 127.0.0.1, stopped when the test ends."""
    for tool in ("tmux", "ssh", "ssh-keygen"):
        if shutil.which(tool) is None:
            _unavailable(f"{tool} is not installed")
    if not os.access(SSHD, os.X_OK):
        _unavailable(f"{SSHD} is not installed (apt-get install openssh-server)")
    folder = tmp_path / "ssh"
    folder.mkdir()
    _keygen(folder / "host_key")
    _keygen(folder / "client_key")
    shutil.copyfile(folder / "client_key.pub", folder / "authorized_keys")
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege-separation folder
    user = os.environ.get("USER") or __import__("pwd").getpwuid(os.geteuid()).pw_name
    port = _free_port()
    server_config, client_config = _write_configs(folder, port, user)
    log = folder / "sshd.log"
    checked = subprocess.run([str(SSHD), "-t", "-f", str(server_config)], capture_output=True, text=True)
    if checked.returncode != 0:
        pytest.fail(f"sshd rejects the test's configuration: {checked.stderr.strip()}")
    with log.open("wb") as log_file:
        server = subprocess.Popen(
            ["timeout", str(SSHD_LIFETIME_SECONDS), str(SSHD), "-D", "-e", "-f", str(server_config)],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        try:
            poll(lambda: server.poll() is not None or _listening(port), what="sshd to listen")
        except AssertionError:
            pytest.fail(f"sshd did not start listening on 127.0.0.1:{port}: {log.read_text(errors='replace')}")
        if server.poll() is not None:
            pytest.fail(f"sshd exited at start ({server.returncode}): {log.read_text(errors='replace')}")
        found = SshServer(folder, port, client_config, log)
        login = subprocess.run(found.ssh(HOST, "echo logged-in"), capture_output=True, text=True, timeout=60)
        if login.returncode != 0 or "logged-in" not in login.stdout:
            pytest.fail(
                f"cannot log in to the test's sshd ({login.returncode}): {login.stderr.strip()} | "
                f"sshd log: {log.read_text(errors='replace')}"
            )
        yield found
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    with tmux_server("reader-ssh") as server:
        yield server


def remote_command(tmp_path: Path, corpus: Path, store: Path) -> str:
    """The command line the remote shell runs: this test's Python and PYTHONPATH, passed
    through ``env`` because sshd starts the login with a fresh environment."""
    exports = {
        "PYTHONPATH": str(ROOT),
        "TEXTUAL_ANIMATIONS": "none",
        "READER_CONFIG": str(tmp_path / "none.toml"),
        "READER_CACHE": str(tmp_path / "cache"),
        "LANG": "C.UTF-8",
    }
    env = " ".join(f"{k}={shlex.quote(v)}" for k, v in exports.items())
    reader = f"{shlex.quote(sys.executable)} -m reader {shlex.quote(str(corpus))} --store {shlex.quote(str(store))}"
    return f"cd {shlex.quote(str(ROOT))} && env -u READER_STORE -u NO_COLOR {env} {reader}"


def widest(screen: str) -> int:
    return max((len(line.rstrip()) for line in screen.splitlines()), default=0)


def bookmarked_ids(store: Path) -> list[str]:
    try:
        return list(json.loads(store.read_text(encoding="utf-8"))["bookmarks"])
    except (OSError, ValueError, KeyError):
        return []


def article_id(tmp_path: Path, corpus: Path, file_name: str) -> str:
    """The id ``reader list`` gives the article in ``file_name``."""
    listed = subprocess.run(
        [sys.executable, "-m", "reader", "list", str(corpus), "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "READER_CACHE": str(tmp_path / "list-cache")},
    )
    return next(str(row["id"]) for row in json.loads(listed.stdout) if Path(row["path"]).name == file_name)


def test_reader_over_ssh(sshd: SshServer, tmux: Tmux, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    store = tmp_path / "store.json"
    orchard = article_id(tmp_path, corpus, "orchard.txt")
    ssh = " ".join(shlex.quote(part) for part in sshd.ssh("-tt", HOST, remote_command(tmp_path, corpus, store)))
    # after ssh ends, the pane says how it ended and stays open to be looked at
    tmux("new-session", "-d", "-s", "reader", "-x", "120", "-y", "36", f"{ssh}; echo ssh-exit=$?; sleep 120")
    target = "reader"

    def shown() -> str:
        return tmux.screen(target)

    try:
        poll(lambda: "4 articles" in (s := shown()) and "Late frost damages" in s, 60, "the list over ssh")
    except AssertionError:
        raise AssertionError(f"no list over ssh; pane:\n{shown()}\nsshd log:\n{sshd.log.read_text()}") from None
    modes = "#{alternate_on} #{cursor_flag} #{mouse_any_flag}"  # what the reader turns on, then off
    assert tmux("display", "-p", "-t", target, modes).split() == ["1", "0", "1"]
    assert widest(shown()) > 100  # the list is laid out for 120 columns

    # move to the second row (the orchard article, 2024-03-02) and open it
    tmux("send-keys", "-t", target, "j")
    tmux("send-keys", "-t", target, "Enter")
    poll(lambda: "Tomas Lind" in shown(), what="the orchard article")
    assert "Harbour authority" not in shown()

    # bookmark it: the article says so, and the store on disk has it
    tmux("send-keys", "-t", target, "b")
    poll(lambda: "bookmarked" in shown(), what="the bookmark shown")
    poll(lambda: bookmarked_ids(store) == [orchard], what="the bookmark in the store file")

    # back to the list
    tmux("send-keys", "-t", target, "Escape")
    poll(lambda: "4 articles" in shown() and "Tomas Lind" not in shown(), what="the list again")

    # a smaller window: the reader is told over ssh (SIGWINCH) and lays itself out again
    before = widest(shown())
    tmux("resize-window", "-t", target, "-x", "90", "-y", "30")
    poll(lambda: tmux("display", "-p", "-t", target, "#{window_width}").strip() == "90", what="tmux to resize")
    poll(lambda: 80 < widest(shown()) <= 90 and "4 articles" in shown(), what="the list laid out for 90 columns")
    assert widest(shown()) < before
    assert len(shown().splitlines()) <= 30

    # quit: the terminal is given back, ssh ends cleanly, the bookmark stays on disk
    tmux("send-keys", "-t", target, "q")
    poll(lambda: "ssh-exit=" in shown(), 60, "ssh to end")
    assert "ssh-exit=0" in shown(), shown()
    # the main screen is back, with a visible cursor and no mouse reporting
    assert tmux("display", "-p", "-t", target, modes).split() == ["0", "1", "0"]
    assert "4 articles" not in shown()  # the reader's screen is gone with the alternate screen
    assert bookmarked_ids(store) == [orchard]


def test_missing_server_skips_only_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule the fixture follows when a tool is missing: a skip on a developer's machine,
    a failure under CI, which installs openssh-server and tmux."""
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI installs openssh-server"):
        _unavailable("/usr/sbin/sshd is not installed")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="not installed"):
        _unavailable("/usr/sbin/sshd is not installed")
