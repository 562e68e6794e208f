"""The article screen: header, paragraph cursor, next/previous, read state and position,
entity colours, the entity panel and its toggles, mention jumps."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

import pytest
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from tuikit import wait_loaded

from reader.entities.model import Entity
from reader.tui.app import ReaderApp
from reader.tui.entity_colors import LABELS, entity_style, label_name, type_letter
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.mentions import MentionsScreen
from reader.tui.widgets.article_body import ArticleBody
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.bars import Legend
from reader.tui.widgets.entity_panel import EntityPanel


async def open_first(pilot: object, app: ReaderApp) -> ArticleScreen:
    await wait_loaded(pilot, app)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    assert isinstance(app.screen, ArticleScreen)
    return app.screen


def body_text(body: ArticleBody) -> str:
    return "\n".join(body.render_line(y).text for y in range(body.size.height))


async def test_header_and_body(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, app)
        assert "Harbour authority opens" in str(screen.query_one("#article-title").render())
        meta = str(screen.query_one("#article-meta").render())
        assert "2024-03-12" in meta and "Coastal Post" in meta
        assert "harbour.txt" in str(screen.query_one("#article-path").render())
        text = body_text(screen.body)
        assert "PORT ELWIN" in text and "ferry terminal" in text


async def test_paragraph_cursor_moves_with_keys_and_mouse(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, app)
        body = screen.body
        assert body.cursor == 0
        await pilot.press("j")
        assert body.cursor == 1
        await pilot.press("j", "j", "j")
        assert body.cursor == 2  # clamped at the last paragraph
        await pilot.press("k", "g")
        assert body.cursor == 0
        await pilot.press("G")
        assert body.cursor == 2
        # a click on the first line of the body puts the cursor on paragraph 0
        await pilot.click(ArticleBody, offset=(5, 0))
        assert body.cursor == 0
        assert "▌" in body.render_line(0).text


async def test_next_and_previous_article_without_the_list(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, app)
        await pilot.press("right_square_bracket")
        assert screen.article.title.startswith("Late frost")
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.article.title.startswith("Notes from the town archive")
        await pilot.press("right_square_bracket")  # at the end: stays, says so
        assert screen.article.title.startswith("Notes from the town archive")
        assert "No next article" in str(screen.query_one("#status").render())
        await pilot.press("left_square_bracket")
        assert screen.article.title.startswith("City council")
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        listing = app.screen.query_one(ArticleList)
        assert listing.article is not None and listing.article.title.startswith("City council")
        # every article visited is now read
        assert {a.id for a in app.library.articles} == app.userdata.read


async def test_reading_position_is_restored(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, app)
        await pilot.press("j", "j", "escape")
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.body.cursor == 2
    # and across runs, from the store file
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, again)
        assert screen.body.cursor == 2


async def test_entities_are_coloured_by_type(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, app)
        assert screen.mentions, "the entities layer found nothing"
        people = [m for m in screen.mentions if m.label == "PERSON"]
        assert any(m.text == "Ines Carvalho" for m in people)
        person_style = entity_style("PERSON", app.current_theme.dark)
        styled = [
            segment.text
            for y in range(screen.body.size.height)
            for segment in screen.body.render_line(y)
            if segment.style is not None and segment.style.color == person_style.color
        ]
        assert "Ines Carvalho" in "".join(styled)
        legend = str(screen.query_one("#legend").render())
        assert "person" in legend


async def test_entity_panel_groups_selects_jumps_and_toggles(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, app)
        await pilot.press("e")
        panel = screen.query_one(EntityPanel)
        assert panel.display and panel.has_focus
        prompts = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        type_rows = [p for p in prompts if p.startswith("● ")]
        counts = [int(p.rsplit(" ", 1)[1]) for p in type_rows]
        assert counts == sorted(counts, reverse=True)  # types sorted by mentions
        # choose the entity "Harbour Authority" (3 mentions) and jump through them
        index = next(i for i, p in enumerate(prompts) if p.strip().startswith("Harbour Authority"))
        panel.highlighted = index
        await pilot.pause()
        assert screen.selected is not None and "Harbour Authority" in screen.selected
        await pilot.press("greater_than_sign")
        first = screen.current
        assert first is not None and first.text == "Harbour Authority"
        await pilot.press("greater_than_sign")
        second = screen.current
        assert second is not None and second.start > first.start
        assert screen.body.cursor == 1
        await pilot.press("less_than_sign")
        assert screen.current == first
        # switch the person type off: Ines Carvalho loses her colour
        person_row = next(i for i, p in enumerate(prompts) if p.startswith("● person"))
        panel.highlighted = person_row
        await pilot.press("space")
        assert "PERSON" in screen.hidden
        person_colour = entity_style("PERSON", app.current_theme.dark).color
        coloured = [
            s.text
            for y in range(screen.body.size.height)
            for s in screen.body.render_line(y)
            if s.style is not None and s.style.color == person_colour
        ]
        assert not coloured
        await pilot.press("space")
        assert "PERSON" not in screen.hidden
        await pilot.press("e")
        assert not panel.display and screen.body.has_focus


async def test_panel_folds_under_the_body_when_narrow(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, app)
        await pilot.press("e")
        panel = screen.query_one(EntityPanel)
        assert panel.region.width == 80  # below the body, full width
    wide = make_app()
    async with wide.run_test(size=(140, 30)) as pilot:
        screen = await open_first(pilot, wide)
        await pilot.press("e")
        panel = screen.query_one(EntityPanel)
        assert panel.region.width < 60 and panel.region.x > 60  # beside the body


async def test_theme_switch_repaints_entities(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot, app)
        app.theme = "textual-light"
        await pilot.pause()
        light = entity_style("PERSON", False).color
        coloured = [
            s.text
            for y in range(screen.body.size.height)
            for s in screen.body.render_line(y)
            if s.style is not None and s.style.color == light
        ]
        assert "Ines Carvalho" in "".join(coloured)


async def test_m_follows_the_cursor_once_the_panel_is_closed(make_app: Callable[..., ReaderApp]) -> None:
    """A choice left in a closed entity panel is not what the reader looks at: ``m`` takes
    the entity of the paragraph under the cursor (it used to take the panel's old one)."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first(pilot, app)
        paragraphs = screen.article.paragraphs

        def keys_in(index: int) -> set[str]:
            span = paragraphs[index]
            return {m.key for m in screen.mentions if span.start <= m.start < span.end}

        def elsewhere(key: str | None) -> int | None:
            """A paragraph with entities, none of them ``key``."""
            return next((i for i in range(len(paragraphs)) if keys_in(i) and key not in keys_in(i)), None)

        await pilot.press("e")
        for _ in range(20):  # move down the panel to an entity some paragraph does not name
            await pilot.press("j")
            if screen.selected is not None and elsewhere(screen.selected) is not None:
                break
        chosen, target = screen.selected, elsewhere(screen.selected)
        assert chosen is not None and target is not None
        await pilot.press("m")  # with the panel open, m is about the panel's choice
        assert isinstance(app.screen, MentionsScreen) and app.screen.key == chosen
        await pilot.press("escape", "e")  # back, and close the panel
        screen.body.cursor = target
        await pilot.pause()
        await pilot.press("m")
        assert isinstance(app.screen, MentionsScreen)
        assert app.screen.key != chosen and app.screen.key in keys_in(target)


# Every text attribute Rich can put on a character (colour aside).
ATTRIBUTE_NAMES = (
    "bold", "dim", "italic", "underline", "underline2", "blink", "blink2", "reverse",
    "conceal", "strike", "frame", "encircle", "overline",
)  # fmt: skip


def attributes(style: Style) -> frozenset[str]:
    """What is left of a style once colour is gone (NO_COLOR, Textual's ANSI mode)."""
    return frozenset(name for name in ATTRIBUTE_NAMES if getattr(style.without_color, name))


class LegendApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Legend()


async def legend_entries(dark: bool) -> dict[str, Style]:
    """What the legend shows for an article with every label: each entry's name, by label,
    in the style the legend draws it in (so a test reads the legend's own grouping)."""
    mentions = [Entity(i, i + 1, label, "x", f"{label}:x") for i, label in enumerate(LABELS)]
    app = LegendApp()
    async with app.run_test(size=(400, 3)):
        legend = app.query_one(Legend)
        legend.show(mentions, dark, frozenset())
        text = legend.content
    assert isinstance(text, Text)
    entries: dict[str, Style] = {}
    for span in text.spans:
        shown = text.plain[span.start : span.end]
        if len(shown) == 1:
            continue  # the type-letter badge
        label = next(label for label in LABELS if shown == label_name(label))
        assert label not in entries, f"{label} has two legend entries"
        style = span.style
        assert isinstance(style, Style)
        entries[label] = style
    return entries


async def test_legend_shows_one_entry_and_letter_per_label() -> None:
    """The legend's groups are single labels: no two share an entry or a letter, so every
    label must be told apart by its style alone."""
    assert set(await legend_entries(True)) == set(LABELS)
    assert len({type_letter(label) for label in LABELS}) == len(LABELS)


@pytest.mark.parametrize("dark", [True, False], ids=["dark", "light"])
async def test_every_pair_of_legend_entries_differs_without_colour(dark: bool) -> None:
    entries = await legend_entries(dark)
    same = [
        (a, b, sorted(attributes(entries[a])))
        for a, b in combinations(LABELS, 2)
        if attributes(entries[a]) == attributes(entries[b])
    ]
    assert not same, f"alike without colour: {same}"
    # every entry is marked: none vanishes into plain text under NO_COLOR
    assert all(attributes(entries[label]) for label in LABELS)
    # reverse is the selection's and strike a switched-off type's: no entry may use them
    assert not any(attributes(entries[label]) & {"reverse", "strike"} for label in LABELS)


@pytest.mark.parametrize("dark", [True, False], ids=["dark", "light"])
async def test_every_pair_of_legend_entries_differs_with_colour(dark: bool) -> None:
    entries = await legend_entries(dark)
    for a, b in combinations(LABELS, 2):
        assert entries[a] != entries[b], (a, b)
        # with colour on, Textual folds dim into the colour: what is left must still differ
        left_a = (entries[a].color, attributes(entries[a]) - {"dim"})
        left_b = (entries[b].color, attributes(entries[b]) - {"dim"})
        assert left_a != left_b, (a, b)
    numbers = ["CARDINAL", "PERCENT", "ORDINAL", "MONEY", "DATE", "TIME", "QUANTITY"]
    assert len({entries[label].color for label in numbers}) == len(numbers)


def test_colours_kept_where_they_already_differed() -> None:
    # (dark, light) before the fix; only ORDINAL (= CARDINAL) and TIME's light (= DATE's) moved
    kept = {"PERSON": ("#ff8a80", "#b71c1c"), "ORG": ("#82b1ff", "#0d47a1"),
            "DATE": ("#fff176", "#7a5c00"), "CARDINAL": ("#b0bec5", "#37474f"),
            "PERCENT": ("#a5d6a7", "#1b5e20"), "MONEY": ("#c5e1a5", "#33691e")}  # fmt: skip
    for label, (dark, light) in kept.items():
        assert entity_style(label, True).color == Style(color=dark).color
        assert entity_style(label, False).color == Style(color=light).color


def test_readme_claim_about_attributes_holds() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    claim = re.search(r"entities coloured by type \(and marked ([^)]*)\)", " ".join(readme.split()))
    assert claim, "the README no longer describes the entity marks"
    wording = claim.group(1)
    assert "so they stay apart without colour" in wording
    named = {
        "bold": "bold", "italic": "italic", "double-underlined": "underline2",
        "underlined": "underline", "dim": "dim",
    }  # fmt: skip
    said = {attr for word, attr in named.items() if re.search(rf"(?<![-\w]){word}\b", wording)}
    marks = {"bold", "italic", "underline", "underline2"}  # what makes a word stand out
    for label in LABELS:
        attrs = attributes(entity_style(label))
        assert attrs <= said, f"{label} uses {sorted(attrs - said)}, which the README omits"
        assert attrs & marks, f"{label} is not marked bold, underlined or italic"
    used = set().union(*(attributes(entity_style(label)) for label in LABELS))
    assert said <= used, f"the README names {sorted(said - used)}, which no type uses"
    # "a different combination per type": the README's stronger claim
    if "different combination" in wording:
        assert len({attributes(entity_style(label)) for label in LABELS}) == len(LABELS)


async def test_no_colour_tells_people_from_organisations_and_dates_from_money(
    make_app: Callable[..., ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under NO_COLOR (Textual's ANSI mode, where only attributes reach the terminal) a
    person and an organisation, a date and a sum of money, carry different attributes."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first(pilot, app)
        segments = [s for y in range(screen.body.size.height) for s in screen.body.render_line(y)]

        def marks(word: str) -> frozenset[str]:
            found = [s.style for s in segments if s.text == word and s.style is not None]
            assert found, f"{word!r} is not painted"
            return attributes(found[0])

        person, org = marks("Ines Carvalho"), marks("Harbour Authority")
        date, money = marks("1998"), marks("42 million euros")
        assert person and org and date and money
        assert person != org
        assert date != money


async def test_a_csv_rows_other_columns_show_in_its_header(make_app: Callable[..., ReaderApp], tmp_path: Path) -> None:
    corpus = tmp_path / "csv-corpus"
    corpus.mkdir()
    (corpus / "export.csv").write_text(
        "headline,published,text,desk,lang\n"
        'Quay repairs finished,2024-05-01,"The quay reopened.\n\nBoats returned.",[bold]harbour[/],\x1b[31men\n'
    )
    app = make_app(corpus)
    async with app.run_test(size=(120, 24)) as pilot:
        screen = await open_first(pilot, app)
        meta = str(screen.query_one("#article-meta").render())
        assert "desk: [bold]harbour[/]" in meta  # data, shown as text, never read as markup
        assert "lang: en" in meta and "\x1b" not in meta
        assert "(record 1)" in str(screen.query_one("#article-path").render())
        assert "Boats returned." in body_text(screen.body)


async def test_read_ahead_asks_the_top_view_and_survives_the_close(make_app: Callable[..., ReaderApp]) -> None:
    """The prefetch thread asks which view is on top. Once the app has closed there is no
    view at all: the answer is no, not a ScreenStackError failing the worker and the exit."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first(pilot, app)
        assert app.prefetch_wanted()  # the article view
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen) and app.prefetch_wanted()
        await pilot.press("question_mark")  # the key help: nothing to read ahead for
        assert not isinstance(app.screen, (LibraryScreen, ArticleScreen)) and not app.prefetch_wanted()
    assert app.prefetch_wanted() is False
