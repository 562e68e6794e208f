"""Errors a user can cause, each carrying the one line the command line prints."""

from __future__ import annotations


class ReaderError(Exception):
    """Ends a command with exit status 1 and ``reader: <message>`` on stderr."""

    exit_code = 1


class UsageError(ReaderError):
    """A malformed command line: exit status 2."""

    exit_code = 2
