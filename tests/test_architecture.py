"""The design's one direction of flow: index/ never imports the reader; reading never imports spaCy."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_index_never_imports_textual_or_tui():
    offenders = {
        str(path.relative_to(REPO)): sorted(imported_modules(path) & {"textual", "tui"})
        for path in (REPO / "index").rglob("*.py")
    }
    assert {name: mods for name, mods in offenders.items() if mods} == {}


# The ingest-time analysis, as the first part of a path below index/: a module or a package.
ANALYSIS_MODULES = {"nlp.py", "document.py", "addresses.py", "actors", "quotes", "rules"}


def spacy_importers(folder: Path) -> set[Path]:
    return {path.relative_to(folder) for path in folder.rglob("*.py") if "spacy" in imported_modules(path)}


def test_only_ingest_modules_import_spacy():
    importing = {path.parts[0] for path in spacy_importers(REPO / "index")}
    importing |= {f"tui/{path}" for path in spacy_importers(REPO / "tui")}
    assert importing <= ANALYSIS_MODULES


def test_opening_and_searching_a_library_does_not_load_spacy(seeded_library_dir, tmp_path):
    script = f"""
import json, sys
from index.library import Library
import tui.cli
try:
    import tui.app
except ImportError:
    pass
with Library.open({str(seeded_library_dir)!r}) as library:
    result = library.search("Kirby")
    library.article_summaries()
    library.quotes()
    library.actors()
print(json.dumps({{"hits": result.total, "spacy": "spacy" in sys.modules}}))
"""
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path)
    facts = json.loads(output.stdout.strip().splitlines()[-1])
    assert facts == {"hits": 3, "spacy": False}
