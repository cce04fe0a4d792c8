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
    unnamed = {article_id for article_id, outlet in before.items() if outlet.endswith(".txt")}
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


def test_actor_option_matches_a_first_name_and_names_the_candidates_when_ambiguous(capsys, library_dir):
    code, out, err = run(capsys, "quotes", "--actor", "dmitry", "--format", "json")
    assert code == 0 and {q["speaker"] for q in json.loads(out)} == {"Dmitry Peskov"} and err == ""
    code, _, err = run(capsys, "statements", "--actor", "Alexander")
    assert code == 2
    assert "Alexander Grushko, Alexander Schellenberg" in err and "give the full" in err
