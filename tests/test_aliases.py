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


COMMENTED = """\
# My aliases, kept by hand: do not lose this line.
merge = [
    ["Zelensky", "Volodymyr Zelenskyy"],  # the president
    # The Bidens below were checked against the articles.
    ["Cho Biden", "Joe Biden"],  # a typo in one outlet
]
split = ["Hunter Biden"]  # never Joe

# Page furniture.
hide = ["Azerbaijan News"]

# Display names.
[rename]
"Anthony Blinken" = "Antony Blinken"  # the State Department's spelling
"""


@pytest.mark.parametrize(
    ("edit", "names"),
    [
        ("merge", ["John Smith", "Smith"]),
        ("rename", ["John Kirby", "Admiral John Kirby"]),
        ("split", ["Rory O'Neill"]),
        ("hide", ["Skills"]),
    ],
)
def test_edits_keep_the_users_comments_and_layout(tmp_path, edit, names):
    from index.aliases import edit_aliases

    path = tmp_path / "aliases.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    edit_aliases(path, edit, names)
    text = path.read_text(encoding="utf-8")
    for line in COMMENTED.splitlines():
        if "#" in line:
            comment = line[line.index("#") :]
            assert comment in text, f"{edit} lost the comment {comment!r}"
    # Every other line stays as written and in its place; only the one line an edit extends may change.
    lines = text.splitlines()
    kept = [line for line in COMMENTED.splitlines() if line in lines]
    assert len(kept) >= len(COMMENTED.splitlines()) - 1
    assert [line for line in lines if line in kept] == kept
    aliases = load_aliases(path)
    if edit == "merge":
        assert ["John Smith", "Smith"] in aliases.merge and len(aliases.merge) == 3
    elif edit == "rename":
        assert aliases.rename["John Kirby"] == "Admiral John Kirby"
        assert aliases.rename["Anthony Blinken"] == "Antony Blinken"
    else:
        assert names[0] in getattr(aliases, edit)
    assert [p.name for p in path.parent.iterdir()] == ["aliases.toml"]  # written atomically: no temp file left


def test_a_merge_that_joins_a_commented_group_keeps_the_other_comments(tmp_path):
    path = tmp_path / "aliases.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    aliases = add_merge(path, "Joe Biden", "President Biden")
    text = path.read_text(encoding="utf-8")
    assert "# the president" in text and "# My aliases, kept by hand" in text and "# never Joe" in text
    assert ["Cho Biden", "Joe Biden", "President Biden"] in aliases.merge
    assert ["Zelensky", "Volodymyr Zelenskyy"] in aliases.merge


def test_edits_on_a_new_file_start_from_the_commented_template(tmp_path):
    path = tmp_path / "config" / "aliases.toml"
    add_merge(path, "Zelensky", "Zelenskyy")
    add_split(path, "Hunter Biden")
    add_rename(path, "Anthony Blinken", "Antony Blinken")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# quotedesk actor aliases")
    assert load_aliases(path) == Aliases(
        merge=[["Zelensky", "Zelenskyy"]], rename={"Anthony Blinken": "Antony Blinken"}, split=["Hunter Biden"]
    )


def test_an_edit_of_a_broken_file_changes_nothing(tmp_path):
    path = tmp_path / "aliases.toml"
    path.write_text("# mine\nmerge = [[\n", encoding="utf-8")
    with pytest.raises(AliasError):
        add_hide(path, "Skills")
    assert path.read_text(encoding="utf-8") == "# mine\nmerge = [[\n"


@settings(max_examples=40, deadline=None)
@given(first=names, second=names, display=names)
def test_edits_round_trip_any_names(tmp_path_factory, first, second, display):
    path = tmp_path_factory.mktemp("aliases") / "aliases.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    add_merge(path, first, second)
    add_rename(path, first, display)
    add_hide(path, second)
    aliases = load_aliases(path)
    assert any(normalise_name(first) in {normalise_name(n) for n in group} for group in aliases.merge)
    assert aliases.rename[first] == display
    assert normalise_name(second) in {normalise_name(n) for n in aliases.hide}
    assert "# the State Department's spelling" in path.read_text(encoding="utf-8")
