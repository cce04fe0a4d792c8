"""Shared fixtures: isolated user folders, and one seeded library built once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when that data is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test reads the shared corpora beside the project")
    return path


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """No test reads or writes the real user's library or config."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("QUOTEDESK_LIBRARY", str(home / "library"))
    monkeypatch.setenv("QUOTEDESK_CONFIG", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config-home"))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "documents"))
    return home


@pytest.fixture(scope="session")
def seeded_library_dir(tmp_path_factory) -> Path:
    """The bundled seeds ingested with the full pipeline, once; copy it before writing to it."""
    from index.library import Library

    root = tmp_path_factory.mktemp("seeded") / "library"
    with Library.open(root) as library:
        report = library.add_seeds()
    assert len(report.added) == 5, report
    return root


@pytest.fixture
def seeded_library(seeded_library_dir, tmp_path):
    """A private copy of the seeded library, open."""
    from index.library import Library

    root = tmp_path / "library"
    shutil.copytree(seeded_library_dir, root)
    library = Library.open(root)
    yield library
    library.close()
