"""The user's alias file: reading, writing atomically, and the read-modify-write helpers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.aliases import (
    AliasError,
    Aliases,
    add_hide,
    add_merge,
    add_rename,
    add_split,
    load_aliases,
    normalise_name,
    save_aliases,
)


def test_missing_file_is_empty(tmp_path):
    assert load_aliases(tmp_path / "aliases.toml") == Aliases()


def test_documented_example_loads(tmp_path):
    path = tmp_path / "aliases.toml"
    path.write_text(
        'merge = [["Zelensky", "Volodymyr Zelenskyy"]]\nsplit = ["Hunter Biden"]\nhide = ["Azerbaijan News"]\n'
        '[rename]\n"Anthony Blinken" = "Antony Blinken"\n',
        encoding="utf-8",
    )
    assert load_aliases(path) == Aliases(
        merge=[["Zelensky", "Volodymyr Zelenskyy"]],
        rename={"Anthony Blinken": "Antony Blinken"},
        split=["Hunter Biden"],
        hide=["Azerbaijan News"],
    )


def test_bad_toml_names_the_file_and_line(tmp_path):
    path = tmp_path / "aliases.toml"
    path.write_text('split = ["Hunter Biden"]\nmerge = [["Zelensky", \n\nhide = [\n', encoding="utf-8")
    with pytest.raises(AliasError) as error:
        load_aliases(path)
    message = str(error.value)
    assert str(path) in message and "line " in message and "\n" not in message


@pytest.mark.parametrize(
    "text",
    ['merge = ["Zelensky", "Zelenskyy"]\n', "split = [1, 2]\n", 'rename = "x"\n', 'colour = "red"\n'],
)
def test_wrong_shapes_are_alias_errors(tmp_path, text):
    path = tmp_path / "aliases.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AliasError, match="alias file"):
        load_aliases(path)


names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20)


@settings(max_examples=60, deadline=None)
@given(
    merge=st.lists(st.lists(names, min_size=1, max_size=3), max_size=3),
    rename=st.dictionaries(names, names, max_size=3),
    split=st.lists(names, max_size=3),
    hide=st.lists(names, max_size=3),
)
def test_save_then_load_round_trips_any_names(tmp_path_factory, merge, rename, split, hide):
    path = tmp_path_factory.mktemp("aliases") / "aliases.toml"
    aliases = Aliases(merge=merge, rename=rename, split=split, hide=hide)
    save_aliases(aliases, path)
    assert load_aliases(path) == aliases
    assert [p.name for p in path.parent.iterdir()] == ["aliases.toml"]  # no temp file left


def test_add_merge_joins_existing_groups(tmp_path):
    path = tmp_path / "config" / "aliases.toml"
    add_merge(path, "Zelensky", "Zelenskyy")
    add_merge(path, "Ze", "Volodymyr Zelensky")
    aliases = add_merge(path, "zelenskyy", "Ze")  # links the two groups
    assert len(aliases.merge) == 1
    assert {normalise_name(n) for n in aliases.merge[0]} == {"zelensky", "zelenskyy", "ze", "volodymyr zelensky"}
    assert load_aliases(path) == aliases


def test_merge_undoes_a_split_of_the_same_name(tmp_path):
    path = tmp_path / "aliases.toml"
    add_split(path, "Hunter Biden")
    assert add_merge(path, "Hunter Biden", "H. Biden").split == []


def test_add_rename_replaces_an_earlier_rename_of_the_same_name(tmp_path):
    path = tmp_path / "aliases.toml"
    add_rename(path, "Anthony Blinken", "Antony Blinken")
    aliases = add_rename(path, "anthony blinken", "Tony Blinken")
    assert aliases.rename == {"anthony blinken": "Tony Blinken"}
    assert add_hide(path, "Azerbaijan News").hide == ["Azerbaijan News"]
    assert add_hide(path, "azerbaijan news").hide == ["Azerbaijan News"]
    assert load_aliases(path).rename == {"anthony blinken": "Tony Blinken"}


def test_normalise_name_ignores_case_accents_and_punctuation():
    assert normalise_name("Zelenskyy") == normalise_name("ZELENSKYY")
    assert normalise_name("Côte d’Ivoire") == "cote d'ivoire"
    assert normalise_name("U.S.  State Department") == "u s state department"
