"""Snapshot tests of the reader's main screens (pytest-textual-snapshot; cursor blink off)."""

from __future__ import annotations

import shutil

import pytest

from tui.app import QuotedeskApp
from tui.testing import settle

SIZE = (120, 36)


@pytest.fixture
def snapshot_app(seeded_library_dir, tmp_path):
    root = tmp_path / "library"
    shutil.copytree(seeded_library_dir, root)
    return QuotedeskApp(library_root=root, cursor_blink=False)


def test_main_screen(snap_compare, snapshot_app):
    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=settle)


def test_search_results(snap_compare, snapshot_app):
    async def search(pilot) -> None:
        await settle(pilot)
        await pilot.press("slash", *"kirby")
        await settle(pilot)  # the search debounce, then the search

    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=search)


def test_actor_view(snap_compare, snapshot_app):
    async def open_actor(pilot) -> None:
        await settle(pilot)
        await pilot.press("3", "enter")
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=open_actor)


def test_help(snap_compare, snapshot_app):
    async def open_help(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=open_help)
