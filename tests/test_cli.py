"""The command line's contract: JSON shapes for scripts, exit codes, one-sentence errors."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from tests.conftest import SEEDS
from tui.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def library_dir(seeded_library_dir, tmp_path, monkeypatch):
    root = tmp_path / "library"
    shutil.copytree(seeded_library_dir, root)
    monkeypatch.setenv("QUOTEDESK_LIBRARY", str(root))
    return root


def test_first_command_builds_the_library_from_the_bundled_seeds(capsys, tmp_path):
    code, out, err = run(capsys, "--library", str(tmp_path / "new"), "articles", "--json")
    assert code == 0
    articles = json.loads(out)
    assert len(articles) == 5
    assert set(articles[0]) == {"id", "title", "source", "date", "path"}
    assert "First run" in err


def test_search_json_has_the_documented_keys(capsys, library_dir):
    code, out, _ = run(capsys, "search", "Kirby", "--json", "--limit", "2")
    assert code == 0
    hits = json.loads(out)
    assert len(hits) == 2
    assert set(hits[0]) == {"id", "title", "source", "date", "path", "score", "snippet"}
    assert hits[0]["score"] >= hits[1]["score"]


def test_search_sorted_by_date(capsys, library_dir):
    code, out, _ = run(capsys, "search", "Ukraine", "--json", "--sort", "date")
    dates = [hit["date"] for hit in json.loads(out)]
    assert code == 0 and dates[0] == max(d for d in dates if d)


def test_nothing_found_exits_1_with_a_suggestion(capsys, library_dir):
    code, out, err = run(capsys, "search", "Blinkan")
    assert code == 1
    assert "Did you mean: blinken" in err


def test_a_bad_query_exits_2_with_one_sentence(capsys, library_dir):
    code, _, err = run(capsys, "search", "(Kirby OR")
    assert code == 2
    assert "Traceback" not in err and "never closed" in err


def test_bad_usage_exits_2(capsys, library_dir):
    with pytest.raises(SystemExit) as caught:
        main(["search", "Kirby", "--sort", "nonsense"])
    assert caught.value.code == 2


def test_show_prints_an_article_by_id_prefix(capsys, library_dir):
    _, out, _ = run(capsys, "articles", "--json")
    article = next(a for a in json.loads(out) if "skeptical" in a["title"])
    code, out, _ = run(capsys, "show", article["id"][:6])
    assert code == 0
    assert "Blinken" in out and article["title"][:20] in out


def test_index_summary_reports_skips_and_duplicates(capsys, tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    seed = next(SEEDS.glob("002_*.txt"))
    shutil.copy(seed, source / "a.txt")
    shutil.copy(seed, source / "b.txt")
    (source / "empty.txt").write_bytes(b"")
    code, out, _ = run(capsys, "--library", str(tmp_path / "lib"), "index", str(source), "--no-nlp", "--json")
    summary = json.loads(out)
    assert code == 0
    assert summary["added"] == 1 and len(summary["duplicates"]) == 1
    assert [s["path"].rsplit("/", 1)[-1] for s in summary["skipped"]] == ["empty.txt"]


def test_outlet_option_names_articles_that_name_none_and_the_name_stays(capsys, tmp_path):
    library = ["--library", str(tmp_path / "lib")]

    def outlets() -> dict[str, str]:
        code, out, _ = run(capsys, *library, "articles", "--json")
        assert code == 0
        return {row["id"]: row["source"] for row in json.loads(out)}

    def index(*extra: str) -> dict:
        code, out, _ = run(capsys, *library, "index", str(SEEDS), "--no-nlp", "--json", *extra)
        assert code == 0
        return json.loads(out)

    index()
    before = outlets()
    unnamed = {article_id for article_id, outlet in before.items() if outlet == ""}
    assert unnamed and len(unnamed) < len(before), "some seeds name their outlet, some don't"

    summary = index("--outlet", "Test Wire")
    assert summary["updated"] == len(unnamed)
    after = outlets()
    assert {article_id for article_id, outlet in after.items() if outlet == "Test Wire"} == unnamed
    assert all(after[article_id] == before[article_id] for article_id in before.keys() - unnamed)

    summary = index()  # a later run without the option keeps the name
    assert summary["updated"] == 0 and summary["unchanged"] == len(before)
    assert outlets() == after
    code, out, _ = run(capsys, *library, "search", 'source:"test wire"', "--json", "--limit", "50")
    assert code == 0
    assert {hit["id"] for hit in json.loads(out)} == unnamed


def test_a_library_that_cannot_be_created_is_one_sentence(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, _, err = run(capsys, "--library", str(blocker / "lib"), "articles")
    assert code == 2
    assert "library folder" in err and "Traceback" not in err


def test_an_error_on_stderr_is_never_folded_inside_a_long_path(capsys, tmp_path):
    # Piped (a log, a script, CI), the message keeps each path whole on one line, however long.
    blocker = tmp_path / ("a-folder-with-a-long-name-" * 4) / "file.with.dots"
    blocker.parent.mkdir()
    blocker.write_text("not a folder")
    code, _, err = run(capsys, "--library", str(blocker / "lib"), "articles")
    assert code == 2
    assert str(blocker) in err and len(err.strip().splitlines()) == 1


def test_quotes_json_and_csv(capsys, library_dir, tmp_path):
    code, out, _ = run(capsys, "quotes", "--actor", "Kirby", "--format", "json")
    quotes = json.loads(out)
    assert code == 0 and quotes
    assert set(quotes[0]) == {
        "id",
        "article_id",
        "path",
        "source",
        "date",
        "speaker",
        "speaker_id",
        "cue",
        "text",
        "kind",
        "start",
        "end",
        "statement_id",
        "speaker_evidence",
        "speaker_via",
        "speaker_confidence",
    }
    assert {q["speaker"] for q in quotes} == {"John Kirby"}
    target = tmp_path / "kirby.csv"
    code, _, _ = run(capsys, "quotes", "--actor", "John Kirby", "--output", str(target), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert code == 0 and len(rows) == len(quotes)


def test_actors_json_shape(capsys, library_dir):
    code, out, _ = run(capsys, "actors", "--json")
    actors = json.loads(out)
    assert code == 0
    assert set(actors[0]) == {"id", "name", "kind", "aliases", "roles", "articles", "sources", "quote_count"}


def test_export_refuses_to_overwrite_without_force(capsys, library_dir, tmp_path):
    target = tmp_path / "out.md"
    target.write_text("keep me")
    code, _, err = run(capsys, "export", "actor", "Kirby", "--output", str(target))
    assert code == 2 and "--force" in err and target.read_text() == "keep me"
    code, _, _ = run(capsys, "export", "actor", "Kirby", "--output", str(target), "--force")
    assert code == 0 and target.read_text().startswith("# Quotes")


def test_a_mistyped_command_is_an_error_with_a_suggestion_not_the_reader(capsys, library_dir):
    code, out, err = run(capsys, "serach", "kirby")
    assert code == 2
    assert "serach" in err and "quotedesk search" in err
    assert out == ""


def test_the_reader_refuses_to_start_without_a_terminal(capsys, library_dir):
    code, _, err = run(capsys, str(SEEDS))  # pytest's stdin and stdout are not terminals
    assert code == 2 and "needs a terminal" in err


def test_statement_diffs_are_readable_without_colour(capsys, library_dir):
    code, out, _ = run(capsys, "statements", "--actor", "Kirby")
    assert code == 0
    assert "{+" in out or "[-" in out


def test_statements_name_unknown_outlets_and_count_only_those_across_named_outlets(capsys, library_dir):
    # Kirby's "no indication" is in TURAN's article and in one that names no outlet
    code, out, err = run(capsys, "statements", "--actor", "Kirby")
    assert code == 0
    assert "unknown outlet" in out and "TURAN" in out and ".txt" not in out
    assert "1 statement reported in two or more articles; 0 by two or more outlets." in err


def test_the_index_summary_counts_articles_with_no_outlet_and_says_how_to_name_them(capsys, tmp_path):
    library = ["--library", str(tmp_path / "lib")]
    code, _, err = run(capsys, *library, "index", str(SEEDS), "--no-nlp")
    assert code == 0
    err = " ".join(err.split())  # the console wraps long lines
    assert "3 of the articles added or updated name no outlet (shown as “unknown outlet”)" in err
    assert f"quotedesk index {SEEDS} --outlet NAME" in err
    code, out, _ = run(capsys, *library, "index", str(SEEDS), "--no-nlp", "--json", "--outlet", "Seed Wire")
    assert code == 0 and json.loads(out)["no_outlet"] == 0
    _, out, _ = run(capsys, *library, "articles")
    assert "Seed Wire" in out and ".txt" not in out.replace(str(SEEDS), "")


def test_actor_alias_commands_edit_the_file_and_relink(capsys, library_dir, isolated_user_dirs):
    code, _, _ = run(capsys, "actors", "rename", "John Kirby", "Admiral John Kirby")
    assert code == 0
    _, out, _ = run(capsys, "actors", "--json")
    names = {a["name"] for a in json.loads(out)}
    assert "Admiral John Kirby" in names and "John Kirby" not in names
    code, _, _ = run(capsys, "actors", "hide", "Kate Bedingfield")
    _, out, _ = run(capsys, "actors", "--json")
    assert code == 0 and "Kate Bedingfield" not in {a["name"] for a in json.loads(out)}
    aliases_file = isolated_user_dirs / "config" / "aliases.toml"
    assert "Admiral John Kirby" in aliases_file.read_text(encoding="utf-8")


def test_actor_commands_keep_the_comments_of_the_users_alias_file(capsys, library_dir, isolated_user_dirs):
    aliases_file = isolated_user_dirs / "config" / "aliases.toml"
    aliases_file.parent.mkdir(parents=True, exist_ok=True)
    aliases_file.write_text(
        '# Checked by hand on 4 July.\nhide = ["Azerbaijan News"]  # page furniture\n\n[rename]\n# Kirby\n',
        encoding="utf-8",
    )
    for argv in (
        ("merge", "John Kirby", "Kirby"),
        ("rename", "John Kirby", "Admiral John Kirby"),
        ("split", "Hunter Biden"),
        ("hide", "Kate Bedingfield"),
    ):
        assert run(capsys, "actors", *argv)[0] == 0
    text = aliases_file.read_text(encoding="utf-8")
    assert text.startswith("# Checked by hand on 4 July.\n")
    assert "# page furniture" in text and "# Kirby" in text
    assert '"Kate Bedingfield"' in text and '"Admiral John Kirby"' in text


def test_a_library_path_inside_a_missing_folder_is_refused_not_built(capsys, tmp_path):
    wanted = tmp_path / "no-such-folder" / "library"
    code, _, err = run(capsys, "--library", str(wanted), "articles")
    assert code == 2
    assert "There is no folder" in err and "check the path" in err
    assert not wanted.parent.exists()


def test_piped_tables_have_no_padding_after_the_last_column(capsys, library_dir):
    for command in ("articles", "actors"):
        code, out, _ = run(capsys, command)
        assert code == 0
        lines = out.splitlines()
        assert len(lines) > 2
        assert all(line == line.rstrip() for line in lines), command


def test_quotes_for_people_show_id_cue_and_kind_and_mark_no_reported_speech_as_quoted(capsys, library_dir):
    from index.library import Library

    with Library.open(library_dir) as library:
        quotes = library.quotes(actor_id=library.find_actor("John Kirby").id)
    code, out, _ = run(capsys, "quotes", "--actor", "John Kirby")
    assert code == 0
    lines = out.splitlines()
    indirect = next(q for q in quotes if q.kind == "indirect")
    direct = next(q for q in quotes if q.kind == "direct")
    assert f"    {indirect.text}" in lines and f"    “{indirect.text}”" not in lines
    assert f"    “{direct.text}”" in lines
    article_id, _, number = indirect.id.rpartition(":")
    head = lines[lines.index(f"    {indirect.text}") - 1]
    assert head.startswith(f"{article_id[:8]}:{number}  John Kirby {indirect.cue} (reported speech)")


def test_statements_show_the_first_reports_cue(capsys, library_dir):
    from index.library import Library

    with Library.open(library_dir) as library:
        statements = library.statements()
    assert statements
    code, out, _ = run(capsys, "statements")
    first = statements[0].reports[0].quote
    assert code == 0 and f"{statements[0].speaker} {first.cue}: " in out


def test_quotes_correct_sets_a_speaker_marks_not_a_quote_and_clears(capsys, library_dir, isolated_user_dirs):
    from index.library import Library

    with Library.open(library_dir) as library:
        first, second = [q for q in library.quotes() if q.speaker == "John Kirby"][:2]
    short = f"{first.article_id[:8]}:{first.id.rpartition(':')[2]}"
    code, _, err = run(capsys, "quotes", "correct", short, "--speaker", "Jane Doe")
    assert code == 0 and "credited to Jane Doe (a new actor" in err and "relinked" in err
    code, out, _ = run(capsys, "quotes", "--actor", "Jane Doe", "--format", "json")
    (row,) = json.loads(out)
    assert row["id"] == first.id and row["speaker_evidence"] == "corrected" and row["speaker_confidence"] == 1.0
    code, _, err = run(capsys, "quotes", "correct", second.id, "--not-a-quote")
    assert code == 0 and "not a quote" in err
    _, out, _ = run(capsys, "quotes", "--format", "json")
    assert second.id not in {q["id"] for q in json.loads(out)}
    code, out, _ = run(capsys, "quotes", "corrections", "--format", "json")
    listed = json.loads(out)
    assert code == 0 and [(c["quote_id"], c["speaker"], c["not_a_quote"]) for c in listed] == [
        (first.id, "Jane Doe", False),
        (second.id, "", True),
    ]
    corrections_file = isolated_user_dirs / "config" / "corrections.toml"
    assert "Jane Doe" in corrections_file.read_text(encoding="utf-8")
    code, _, err = run(capsys, "quotes", "correct", second.id, "--clear")
    assert code == 0 and "Removed 1 correction" in err
    _, out, _ = run(capsys, "quotes", "--format", "json")
    assert second.id in {q["id"] for q in json.loads(out)}


def test_quotes_corrections_reports_a_correction_whose_quote_is_gone(capsys, library_dir, isolated_user_dirs):
    corrections_file = isolated_user_dirs / "config" / "corrections.toml"
    corrections_file.parent.mkdir(parents=True, exist_ok=True)
    corrections_file.write_text(
        '# mine\n[[correction]]\narticle = "no-such-article"\nquote = "Words no article has."\nspeaker = "Jane Doe"\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "quotes", "corrections")
    assert code == 0
    assert "not found" in out and "its article is no longer in the library" in err and "kept in" in err
    key = next(line.split()[0] for line in out.splitlines() if "no-such-article" in line)
    code, _, _ = run(capsys, "quotes", "correct", key, "--clear")
    assert code == 0 and "Words no article has" not in corrections_file.read_text(encoding="utf-8")
    assert corrections_file.read_text(encoding="utf-8").startswith("# mine\n")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("quotes", "correct"), "needs a quote id"),
        (("quotes", "correct", "abc:1"), "needs --speaker NAME"),
        (("quotes", "correct", "nonsense", "--speaker", "X"), "not a quote id"),
        (("quotes", "--speaker", "X"), "go with `quotes correct`"),
    ],
)
def test_quotes_correct_usage_errors_are_one_sentence(capsys, library_dir, argv, words):
    code, _, err = run(capsys, *argv)
    assert code == 2 and words in err


def test_actor_option_matches_a_first_name_and_names_the_candidates_when_ambiguous(capsys, library_dir):
    code, out, err = run(capsys, "quotes", "--actor", "dmitry", "--format", "json")
    assert code == 0 and {q["speaker"] for q in json.loads(out)} == {"Dmitry Peskov"} and err == ""
    code, _, err = run(capsys, "statements", "--actor", "Alexander")
    assert code == 2
    assert "Alexander Grushko, Alexander Schellenberg" in err and "give the full" in err
