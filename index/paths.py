"""Where things live: the library folder, the config folder, the bundled seeds."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "quotedesk"
LIBRARY_ENV = "QUOTEDESK_LIBRARY"
CONFIG_ENV = "QUOTEDESK_CONFIG"


def library_dir(override: str | Path | None = None) -> Path:
    """`--library DIR`, else $QUOTEDESK_LIBRARY, else the platform's user data folder."""
    if override:
        return Path(override).expanduser()
    if os.environ.get(LIBRARY_ENV):
        return Path(os.environ[LIBRARY_ENV]).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME))


def config_dir() -> Path:
    """$QUOTEDESK_CONFIG, else the platform's user config folder (settings, aliases, corrections)."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME))


def aliases_file() -> Path:
    return config_dir() / "aliases.toml"


def corrections_file() -> Path:
    """The user's quote corrections (speaker set, not a quote), beside the aliases."""
    return config_dir() / "corrections.toml"


def seeds_dir() -> Path:
    """The bundled corpus: inside the installed package, or beside it in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_seeds", here.parent / "seeds"):
        if candidate.is_dir() and any(candidate.glob("*.txt")):
            return candidate
    raise FileNotFoundError("the bundled seed articles are missing from this installation; reinstall quotedesk")
