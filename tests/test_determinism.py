"""The same library input gives the same actors, quotes and statements, ids included, in every
process: Python salts the hash of every string anew in each process (PYTHONHASHSEED), so any
order taken from a set of strings would show here as a difference between two runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO, SEEDS, shared_path

HASH_SEEDS = ("1", "2", "3", "4")

# Prints the statements linked from quotes of two speakers and one with none: the unattributed
# quote is John Kirby's words with one changed, and each of its content words is in one report
# alone, so the report it is looked for among must not be picked by set order.
LINK_SCRIPT = """
import json
from index.model import Quote
from index.statements import QuoteMeta, link_statements

def quote(qid, article, text, speaker_id, speaker):
    return Quote(text, "direct", 0, len(text), 0, id=qid, article_id=article, speaker=speaker, speaker_id=speaker_id)

quotes = [
    quote("a1", "a", "The sanctions will cut the oil revenue that funds the war machine.", "john-kirby", "John Kirby"),
    quote("b1", "b", "The sanctions will cut the oil revenue that funds the military machine.", "", ""),
    quote("c1", "c", "The military parade was cancelled.", "ned-price", "Ned Price"),
]
facts = [("a", "AP", "Oil"), ("b", "RT", "Sanctions"), ("c", "BBC", "Parade")]
meta = {article: QuoteMeta(outlet, "2022-07-06", title) for article, outlet, title in facts}
print(json.dumps([[s.id, s.actor_id, [r.quote.id for r in s.reports]] for s in link_statements(quotes, meta)]))
"""

# Ingests the given folders (the bundled seeds first) into a new library and prints its actors,
# quotes and statements with their ids.
INGEST_SCRIPT = """
import json, sys
from pathlib import Path
from index.library import Library

with Library.open(Path(sys.argv[1])) as library:
    library.add_seeds()
    library.add([Path(folder) for folder in sys.argv[2:]])
    dump = {
        "actors": [
            [a.id, a.name, a.kind, a.aliases, [[r.text, r.article_id] for r in a.roles], a.articles, a.quote_count]
            for a in library.actors()
        ],
        "quotes": [[q.id, q.speaker_id, q.speaker, q.statement_id, q.kind, q.cue, q.text] for q in library.quotes()],
        "statements": [
            [s.id, s.actor_id, [[r.quote.id, r.link_reason, r.link_score] for r in s.reports]]
            for s in library.statements()
        ],
    }
print(json.dumps(dump))
"""


def _run(script: str, seed: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _outputs(processes: list[subprocess.Popen[str]], timeout: float) -> list[object]:
    results = []
    for process in processes:
        out, err = process.communicate(timeout=timeout)
        assert process.returncode == 0, err
        results.append(json.loads(out))
    return results


def test_a_quote_with_no_speaker_is_adopted_alike_under_every_hash_seed():
    results = _outputs([_run(LINK_SCRIPT, seed) for seed in HASH_SEEDS], timeout=120)
    assert all(result == results[0] for result in results), results
    # and the one person who said those words (one changed) adopts it
    assert [(actor, reports) for _, actor, reports in results[0]] == [("john-kirby", ["a1", "b1"])]


@pytest.mark.slow
@pytest.mark.shared
def test_one_library_input_gives_the_same_actors_quotes_and_statements_in_every_process(tmp_path, nlp):
    politics = shared_path("corpora", "bbc", "politics")
    corpus = tmp_path / "politics"  # one folder both runs read: article ids hash file paths
    corpus.mkdir()
    for path in sorted(politics.glob("*.txt"))[:40]:
        shutil.copyfile(path, corpus / path.name)
    assert SEEDS.is_dir()
    processes = [_run(INGEST_SCRIPT, seed, str(tmp_path / f"library-{seed}"), str(corpus)) for seed in ("1", "2")]
    first, second = _outputs(processes, timeout=900)
    assert first["quotes"] and first["actors"]
    for part in ("actors", "quotes", "statements"):
        assert first[part] == second[part], part
