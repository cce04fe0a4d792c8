"""The one article order the command line and the reader share."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.ordering import SORT_KEYS, sort_articles


@dataclass
class Row:
    title: str
    outlet: str
    date: str


ROWS = [
    Row("banana", "Reuters", "2022-03-01"),
    Row("Apple", "", "2022-03-01"),
    Row("cherry", "bbc", ""),
    Row("apple pie", "Reuters", "2023-01-05"),
    Row("Date", "AP", "2021-12-31"),
]


def titles(rows):
    return [row.title for row in rows]


def test_by_date_newest_first_undated_last_ties_by_title():
    assert titles(sort_articles(ROWS, "date")) == ["apple pie", "Apple", "banana", "Date", "cherry"]


def test_by_outlet_ignores_case_and_puts_unknown_outlets_last():
    assert titles(sort_articles(ROWS, "outlet")) == ["Date", "cherry", "apple pie", "banana", "Apple"]


def test_by_title_ignores_case():
    assert titles(sort_articles(ROWS, "title")) == ["Apple", "apple pie", "banana", "cherry", "Date"]


def test_an_unknown_sort_is_refused():
    with pytest.raises(ValueError, match="unknown sort"):
        sort_articles(ROWS, "size")


text = st.text(alphabet="abAB ", max_size=4)
rows = st.lists(
    st.builds(Row, title=text, outlet=text, date=st.sampled_from(["", "2021-01-01", "2022-06-30"])), max_size=12
)


@given(rows, st.sampled_from(SORT_KEYS))
def test_a_sort_keeps_every_row_and_its_key_is_monotone(rows, sort):
    ordered = sort_articles(rows, sort)
    assert sorted(map(id, ordered)) == sorted(map(id, rows))
    for before, after in itertools.pairwise(ordered):
        if sort == "date":
            assert (before.date or "") >= (after.date or "")
        elif sort == "outlet":
            assert (not before.outlet, before.outlet.casefold()) <= (not after.outlet, after.outlet.casefold())
        else:
            assert before.title.casefold() <= after.title.casefold()
