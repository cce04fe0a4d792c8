"""Library-wide linking: actors resolved across articles, quotes joined into statements, and reading them back.

Each article's analysis (its local actors and raw quotes) is stored as found; relinking turns
all of them into library actors (applying the user's aliases) and statements, without parsing
again. It runs after every ingest that changed something, and after an alias or correction edit;
the user's corrections (index/corrections.py) are applied where quotes get their speakers.
"""

from __future__ import annotations

from index import paths
from index.aliases import load_aliases
from index.corrections import AppliedCorrections, CorrectionError, apply_corrections, load_corrections
from index.errors import LibraryError
from index.indexing import refresh_changed_fields, stale_fields
from index.model import Actor, ArticleSummary, LocalActor, Quote, RawQuote, Report, Statement
from index.progress import ProgressCallback
from index.search import SearchIndex
from index.statements import QuoteMeta, link_reasons, link_statements, word_diff
from index.store import StatementRow, Store, quote_id


def relink(
    store: Store, search_index: SearchIndex, progress: ProgressCallback | None, *, refresh_index: bool = True
) -> None:
    """Re-resolve actors and statements from the stored analyses, and re-index what they changed."""
    from index.actors import ActorEntry, resolve_actors  # analysis code: loaded only when relinking
    from index.actors.offices import resolve_offices

    summaries = {summary.id: summary for summary in store.summaries()}
    entries: list[ActorEntry] = []
    raw_quotes: list[tuple[str, int, RawQuote]] = []  # (article id, number in the article, quote)
    analyses: list[tuple[str, list[LocalActor], list[RawQuote]]] = []
    # Content order, not id order: ids hash file paths, and an actor's sources, roles and
    # quotes must come out the same wherever the library's files live.
    ordered = sorted(
        store.enrichments(),
        key=lambda e: _content_order(summaries[e.article_id]) if e.article_id in summaries else (True,),
    )
    for enrichment in ordered:
        summary = summaries.get(enrichment.article_id)
        if summary is None:
            continue
        quoted = {quote.speaker_key for quote in enrichment.quotes if quote.speaker_key is not None}
        entries.extend(
            ActorEntry(enrichment.article_id, summary.outlet, local, quoted=local.key in quoted)
            for local in enrichment.actors
        )
        raw_quotes.extend((enrichment.article_id, n, quote) for n, quote in enumerate(enrichment.quotes))
        analyses.append((enrichment.article_id, enrichment.actors, enrichment.quotes))
    try:
        aliases = load_aliases(paths.aliases_file())
    except Exception as error:  # AliasError: a bad alias file must not stop ingest
        raise LibraryError(str(error)) from error
    resolution = resolve_actors(entries, aliases)
    names = {actor.id: actor.name for actor in resolution.actors}
    # "The prime minister said" where the article gives no one that office: the library's holder.
    offices = resolve_offices(analyses, resolution.assignment, resolution.actors, summaries)
    quotes = []
    for article_id, n, raw in raw_quotes:
        speaker_id = resolution.assignment.get((article_id, raw.speaker_key), "") if raw.speaker_key is not None else ""
        evidence, via, confidence = raw.speaker_evidence, raw.speaker_via, raw.speaker_confidence
        office = offices.get((article_id, n))
        if office is not None:
            speaker_id, evidence, via, confidence = office.actor_id, "office", office.via, office.confidence
        quotes.append(
            Quote(
                id=quote_id(article_id, n),
                article_id=article_id,
                text=raw.text,
                kind=raw.kind,
                start=raw.start,
                end=raw.end,
                paragraph=raw.paragraph,
                cue=raw.cue,
                speaker_evidence=evidence,
                speaker_via=via,
                speaker_confidence=confidence,
                speaker_kind=raw.speaker_kind,
                speaker=names.get(speaker_id, raw.speaker_text),
                speaker_id=speaker_id,
            )
        )
    # The user's corrections: a speaker set by hand, a "not a quote" left out of quotes and statements.
    corrected = _apply_corrections(quotes, resolution.actors, summaries)
    quotes = corrected.quotes
    resolution.actors.extend(corrected.new_actors)
    counts: dict[str, int] = {}
    for quote in quotes:
        if quote.speaker_id:
            counts[quote.speaker_id] = counts.get(quote.speaker_id, 0) + 1
    for actor in resolution.actors:
        actor.quote_count = counts.get(actor.id, 0)
    rank = {enrichment.article_id: n for n, enrichment in enumerate(ordered)}
    _given_articles(quotes, resolution.actors, summaries, rank)
    meta = {s.id: QuoteMeta(outlet=s.outlet, date=s.date, title=s.title) for s in summaries.values()}
    # (a body is read only for the few pairs of reports whose articles alone do not tell the occasion)
    statements = link_statements(quotes, meta, lambda article_id: store.article_body(article_id) or "")
    rows = [(s.id, s.actor_id, [report.quote.id for report in s.reports]) for s in statements]
    with store.transaction():
        office_rows = [(a, n, o.actor_id, o.via, o.confidence) for (a, n), o in sorted(offices.items())]
        store.replace_links(
            resolution.actors, resolution.assignment, rows, reasons=link_reasons(statements), offices=office_rows
        )
        store.replace_corrections(corrected.rows)
        # Articles whose actor or quote fields the new links change are not indexed as they are
        # now: marked so in the same commit, a run killed before the index is refreshed leaves them
        # for the next run to write, as it leaves an article it added.
        store.mark_unindexed(stale_fields(store))
        store.set_links_dirty(False)
    if refresh_index:
        refresh_changed_fields(store, search_index, progress)


def _given_articles(
    quotes: list[Quote], actors: list[Actor], summaries: dict[str, ArticleSummary], rank: dict[str, int]
) -> None:
    """The holder of an office an article names alone ("the prime minister said"), and the speaker a
    user corrected one of its quotes to, is one of its actors: the article joins the actor's articles
    (in content order) and its outlet the actor's outlets. Only quotes still the office's after the
    user's corrections count: a corrected speaker takes it away."""
    by_id = {actor.id: actor for actor in actors}
    for quote in quotes:
        actor = by_id.get(quote.speaker_id) if quote.speaker_evidence in ("office", "corrected") else None
        if actor is None or quote.article_id in actor.articles:
            continue
        place = rank.get(quote.article_id, len(rank))
        at = next((i for i, other in enumerate(actor.articles) if rank.get(other, len(rank)) > place), None)
        actor.articles.insert(len(actor.articles) if at is None else at, quote.article_id)
        summary = summaries.get(quote.article_id)
        if summary is not None and summary.outlet and summary.outlet not in actor.outlets:
            actor.outlets.append(summary.outlet)


def _apply_corrections(
    quotes: list[Quote], actors: list[Actor], summaries: dict[str, ArticleSummary]
) -> AppliedCorrections:
    try:
        corrections = load_corrections(paths.corrections_file())
    except CorrectionError as error:  # one sentence naming the file, as a bad alias file is
        raise LibraryError(str(error)) from error
    outlets = {article_id: summary.outlet for article_id, summary in summaries.items()}
    return apply_corrections(corrections, quotes, actors, lambda article_id: outlets.get(article_id, ""))


def _content_order(summary: ArticleSummary) -> tuple[bool | str, ...]:
    """Dated articles oldest first, then undated; ties by title and outlet."""
    return (summary.date == "", summary.date, summary.title.casefold(), summary.outlet.casefold(), summary.path)


def actor_or_none(store: Store, actor_id: str) -> Actor | None:
    try:
        return store.actor(actor_id)
    except KeyError:
        return None


def statements(store: Store, actor_id: str | None = None) -> list[Statement]:
    """The statements (of one actor, or all), each with its reports in date order."""
    return [_statement(store, row) for row in store.statement_rows(actor_id)]


def statement(store: Store, statement_id: str) -> Statement:
    """One statement by id; KeyError when there is none."""
    rows = store.statement_rows(statement_id=statement_id)
    if not rows:
        raise KeyError(statement_id)
    return _statement(store, rows[0])


def _statement(store: Store, row: StatementRow) -> Statement:
    statement_id, actor_id, quote_ids, reasons = row
    reports = []
    for value in quote_ids:
        try:
            quote = store.quote(value)
            article = store.article(quote.article_id)
        except KeyError:
            continue
        reason, score = reasons.get(value, ("", 0.0))
        reports.append(
            Report(
                quote=quote,
                outlet=article.outlet,
                date=article.date,
                title=article.title,
                link_reason=reason,
                link_score=score,
            )
        )
    # Ties by title, not by the order ids give: articles of no known outlet all have outlet "", and
    # ids hash file paths (the first report must not depend on where the files live).
    reports.sort(key=lambda r: (r.date == "", r.date, r.outlet.casefold(), r.title.casefold()))
    if reports:
        first = reports[0].quote.text
        for report in reports:
            report.diff = word_diff(first, report.quote.text)
    actor = actor_or_none(store, actor_id)
    return Statement(
        id=statement_id,
        actor_id=actor_id,
        speaker=actor.name if actor else "",
        text=reports[0].quote.text if reports else "",
        reports=reports,
    )
