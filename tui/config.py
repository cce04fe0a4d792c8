"""The reader's settings: key remaps read from config.toml, the remembered theme in state.json."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from index.atomic import write_text_atomic
from index.paths import config_dir

CONFIG_FILE = "config.toml"
STATE_FILE = "state.json"


def load_config(directory: Path | None = None) -> tuple[dict, str]:
    """The parsed config.toml (empty when absent) and a one-sentence problem ("" when fine).

    A file that cannot be read, is not UTF-8 or is not TOML is left as it is: the defaults are used.
    """
    path = (directory or config_dir()) / CONFIG_FILE
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle), ""
    except FileNotFoundError:
        return {}, ""
    except UnicodeDecodeError as error:
        return {}, f"Could not read {path}: it is not UTF-8 text (byte {error.start}); using the default keys."
    except (OSError, tomllib.TOMLDecodeError) as error:
        return {}, f"Could not read {path}: {error}; using the default keys."


def load_keymap(directory: Path | None = None) -> tuple[dict[str, str], str]:
    """Binding id -> keys ("j,down") from the [keys] table, and a problem sentence ("" when fine).

    Binding ids are the action names shown in the help screen (for example "search" or
    "bookmark"); the app prefixes them with "quotedesk." when it applies the keymap.
    """
    config, problem = load_config(directory)
    keys = config.get("keys", {})
    if not isinstance(keys, dict):
        return {}, problem or "The [keys] section of config.toml must be a table; using the default keys."
    keymap: dict[str, str] = {}
    for binding_id, value in keys.items():
        if isinstance(value, str):
            keymap[binding_id] = value
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            keymap[binding_id] = ",".join(value)
        else:
            problem = problem or f"Key remap {binding_id!r} must be a string or a list of strings; ignored."
    return keymap, problem


def load_state(directory: Path | None = None) -> dict:
    """The remembered state (theme, ...); empty when absent or unreadable."""
    path = (directory or config_dir()) / STATE_FILE
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def save_state(updates: dict, directory: Path | None = None) -> None:
    """Merge `updates` into state.json, atomically (temp file + rename)."""
    folder = directory or config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    state = load_state(folder)
    state.update(updates)
    write_text_atomic(folder / STATE_FILE, json.dumps(state, indent=2, sort_keys=True))


def load_theme(directory: Path | None = None) -> str:
    theme = load_state(directory).get("theme", "")
    return theme if isinstance(theme, str) else ""


def save_theme(theme: str, directory: Path | None = None) -> None:
    save_state({"theme": theme}, directory)
