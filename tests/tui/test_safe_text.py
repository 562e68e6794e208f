"""The sanitiser (ARCHITECTURE.md §2.1): whole sequences removed, every other control
dropped, and the raw-to-clean offset map that keeps entity and note offsets on target."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.safe_offsets import sanitize
from reader.safe_text import safe_line, safe_text

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\x1b[31mred\x1b[0m b", "ared b"),  # CSI SGR
        ("x\x1b[2Jy", "xy"),  # CSI clear screen
        ("x\x1b[?1049hy", "xy"),  # private-mode CSI
        ("t\x1b]0;window title\x07u", "tu"),  # OSC ended by BEL
        ("t\x1b]0;window title\x1b\\u", "tu"),  # OSC ended by ST
        ("c\x1b]52;c;aGVsbG8=\x07d", "cd"),  # clipboard write
        ("\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\", "link"),  # hyperlink
        ("a\x1bPq#0;2;0;0;0\x1b\\b", "ab"),  # DCS (sixel)
        ("a\x1b_payload\x1b\\b", "ab"),  # APC
        ("a\x9b31mb", "ab"),  # 8-bit C1 CSI
        ("a\x9d0;title\x9cb", "ab"),  # 8-bit OSC ended by 8-bit ST
        ("a\x85b\x84c", "abc"),  # lone C1 controls
        ("a\x9fapc to line end\nb", "a\nb"),  # 8-bit APC
        ("del\x7fete", "delete"),
        ("bell\x07", "bell"),
        ("cr\rlf", "crlf"),
        ("back\x08space", "backspace"),
        ("keep\ttabs\nand newlines", "keep\ttabs\nand newlines"),
        ("\x1bcreset", "reset"),  # RIS
        ("\x1b(Bcharset", "charset"),
        ("[bold]not markup[/bold] [@click=app.quit]x[/]", "[bold]not markup[/bold] [@click=app.quit]x[/]"),
    ],
)
def test_sequences_removed(raw: str, clean: str) -> None:
    assert safe_text(raw) == clean
    assert sanitize(raw).text == clean


def test_unterminated_osc_stops_at_the_line_end() -> None:
    raw = "start \x1b]0;never ends\nsecond line survives"
    assert safe_text(raw) == "start \nsecond line survives"


def test_safe_line_folds_whitespace() -> None:
    assert safe_line(" a\n\tb \x1b[1m c\r\n") == "a b c"


def test_offsets_follow_removals() -> None:
    raw = "ab\x1b[31mcd\x07ef"
    safe = sanitize(raw)
    assert safe.text == "abcdef"
    assert [safe.offset(i) for i in (0, 1, 2, 7, 8, 9, 10, 11, 12)] == [0, 1, 2, 2, 3, 4, 4, 5, 6]
    # an offset inside a removed run snaps to where the run was
    assert safe.offset(4) == 2


@given(
    st.text(
        alphabet=st.characters(codec="utf-8", max_codepoint=0x2FF)
        | st.sampled_from(["\x1b", "\x9b", "\x9d", "\x07", "[", "]", ";", "\\"])
    )
)
def test_output_never_holds_controls(raw: str) -> None:
    clean = safe_text(raw)
    assert "\x1b" not in clean
    assert CONTROL.search(clean) is None
    assert sanitize(raw).text == clean
    assert "\n" not in safe_line(raw) and "\t" not in safe_line(raw)


PIECES = st.sampled_from(list("ab \n\t[]m;\\") + ["\x1b", "\x1b[", "\x1b]", "\x07", "\x9b", "\x7f", "\r", "\x9c"])


@given(st.lists(PIECES).map("".join))
def test_offset_map_is_monotonic_and_in_bounds(raw: str) -> None:
    safe = sanitize(raw)
    mapped = [safe.offset(i) for i in range(len(raw) + 1)]
    assert all(0 <= m <= len(safe.text) for m in mapped)
    assert mapped == sorted(mapped)
    assert mapped[-1] == len(safe.text)
    # every kept character is found where the map says
    for i, ch in enumerate(raw):
        m = safe.offset(i)
        if m < len(safe.text) and safe.offset(i + 1) == m + 1:
            assert safe.text[m] == ch
