"""The hand-checked gold in bench/gold/ stays well formed: short verbatim fragments that each
occur exactly once in their article, so the attribution check can find them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import REPO, shared_path

GOLD = REPO / "bench" / "gold"


def _rows(name: str) -> list[dict[str, str]]:
    with (GOLD / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _check_fragment(text: str, fragment: str, where: str) -> None:
    words = len(fragment.split())
    assert 4 <= words <= 12, f"{where}: a fragment has 4 to 12 words, not {words}"
    assert text.count(fragment) == 1, f"{where}: “{fragment}” must occur exactly once"


def test_bbc_speaker_gold_is_well_formed():
    folder = shared_path("corpora", "bbc", "politics")
    rows = _rows("bbc_politics_speakers.tsv")
    assert len(rows) >= 60
    for number, row in enumerate(rows, start=2):
        assert row["kind"] in {"direct", "indirect", "not-a-statement"}, number
        assert row["speaker"].strip(), number
        _check_fragment(_text(folder / row["file"]), row["fragment"], f"line {number}")


def test_polnear_pair_gold_is_well_formed():
    folder = shared_path("eval", "polnear-dev", "text")
    rows = _rows("polnear_pairs.tsv")
    same = [row for row in rows if row["label"] == "same"]
    different = [row for row in rows if row["label"] == "different"]
    assert len(same) >= 25 and len(different) >= 10 and len(same) + len(different) == len(rows)
    for number, row in enumerate(rows, start=2):
        if row["label"] == "same":  # a remark reported by two outlets
            assert row["file_a"].split("_")[0] != row["file_b"].split("_")[0], number
        for side in ("a", "b"):
            _check_fragment(_text(folder / row[f"file_{side}"]), row[f"fragment_{side}"], f"line {number}{side}")


@pytest.mark.parametrize("name", ["bbc_politics_speakers.tsv", "polnear_pairs.tsv"])
def test_gold_never_holds_long_article_text(name):
    for row in _rows(name):
        for key, value in row.items():
            if key.startswith("fragment"):
                assert len(value.split()) <= 12


def test_a_quote_inside_its_gold_fragment_stands_for_that_item():
    from bench.attribution_check import _covers

    # fragment 'who feel "taken for granted" by Tony Blair' at 0..42, the quote "taken for granted" at 10..27
    assert _covers(10, 27, 0, 42)
    # a long quote holding the whole fragment, and one holding half of it
    assert _covers(0, 200, 20, 60)
    assert _covers(40, 200, 20, 60)
    # a quote that only touches the fragment, or lies mostly outside it, is another item
    assert not _covers(42, 80, 0, 42)
    assert not _covers(35, 80, 0, 42)
