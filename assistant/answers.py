"""The assistant: answer a question by staff rules first, then by confident search, else say so.

A staff rule may also say a question is out of scope (a metro card, home internet): then the
reader gets the rule's polite message and no answer, however well the words match.

Every decision says which of the three happened and why, so support staff can see what a user
was shown and fix the content or the rules.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace

from django.utils import translation
from django.utils.translation import gettext as _

from assistant.index import Snapshot, index, search
from assistant.rules import Context, RuleSpec, rules_for_page, rules_matching, scope_rule
from assistant.snippets import snippet, whole_terms
from search import Hit
from simhelp.content import Answer, Entry, entry_answer, item_url, link_resolver, pick_text
from simhelp.images import image_resolver
from simhelp.markdown import markdown_to_html

RULE, SEARCH, NONE, OUT_OF_SCOPE = "rule", "search", "none", "out-of-scope"
MAX_SUGGESTIONS = 3


@dataclass(frozen=True, slots=True)
class Suggestion:
    key: str
    type: str
    slug: str
    title: str
    url: str
    score: float | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    source: str  # RULE, SEARCH or NONE
    reason: str
    query: str
    language: str
    answer: Answer | None = None
    rule: str = ""
    score: float | None = None
    matched_terms: tuple[str, ...] = ()
    message: str = ""
    message_html: str = ""
    start_node: str = ""
    suggestions: tuple[Suggestion, ...] = ()
    troubleshooters: tuple[Suggestion, ...] = ()
    contact_hint: str = ""
    ranking: tuple[Hit, ...] = field(default=(), repr=False)

    @property
    def confident(self) -> bool:
        return self.source in (RULE, SEARCH)


@dataclass(frozen=True, slots=True)
class Result:
    """A search hit as every interface lists it (the API, the help site, the widget)."""

    key: str
    type: str
    slug: str
    title: str  # in `language`, the language the reader is shown
    title_marked: str  # the title, HTML-escaped, matched terms in <mark>
    snippet: str  # an excerpt of the answer, HTML-escaped, matched terms in <mark>
    score: float
    confident: bool
    url: str
    language: str


def results(*, hits: Iterable[Hit], language: str, snapshot: Snapshot) -> list[Result]:
    """The hits as result cards for a reader of `language` (hits of items no longer published
    are left out)."""
    found = []
    for hit in hits:
        entry = snapshot.entries.get(hit.key)
        if entry is None:
            continue
        # What a card shows depends on the item, the reader's language and the terms it
        # matched, not on the score: the same hit in another request (another filter) is
        # shown from memory.
        shown, title, title_marked, excerpt, url = snapshot.cards.get_or_make(
            (hit.key, language, hit.matched_terms),
            lambda entry=entry, hit=hit: _card(snapshot, entry, hit, language),
        )
        found.append(
            Result(
                key=entry.key,
                type=entry.type,
                slug=entry.slug,
                title=title,
                title_marked=title_marked,
                snippet=excerpt,
                score=hit.score,
                confident=hit.confident,
                url=url,
                language=shown,
            )
        )
    return found


def _card(
    snapshot: Snapshot, entry: Entry, hit: Hit, language: str
) -> tuple[str, str, str, str, str]:
    """A result card's texts: its language, title, marked title, excerpt and URL."""
    shown = entry.language_for(language)
    title = entry.pick(entry.title, shown)
    marked = whole_terms(snapshot.backend.marked_terms(hit.matched_terms), words=snapshot.cjk_words)
    return (
        shown,
        title,
        snippet(title, marked, width=200),
        snippet(snapshot.answer_text(entry, shown), marked),
        snapshot.item_url(entry.key, language),
    )


def contact_hint(*, language: str) -> str:
    with translation.override(language):
        return _(
            "Still stuck? Contact your carrier in its app, on its official website or at one "
            "of its stores. Have your phone number, the SIM card's ICCID and any payment "
            "receipt ready."
        )


def _answer(snapshot: Snapshot, entry: Entry, language: str) -> Answer:
    """`entry` rendered for `language`, cached for the life of this index build."""
    cache_key = (entry.key, language)
    answer = snapshot.rendered.get(cache_key)
    if answer is None:
        resolve = link_resolver(language=language, published=snapshot.entries)
        images = image_resolver(language=language, views=snapshot.images)
        answer = entry_answer(entry=entry, language=language, resolver=resolve, images=images)
        snapshot.rendered[cache_key] = answer
    return answer


def _suggest(entry: Entry, language: str, score: float | None = None) -> Suggestion:
    return Suggestion(
        key=entry.key,
        type=entry.type,
        slug=entry.slug,
        title=entry.pick(entry.title, entry.language_for(language)),
        url=item_url(key=entry.key, language=language),
        score=score,
    )


def _suggestions(snapshot: Snapshot, hits, language: str, exclude: str) -> tuple:
    found = []
    for hit in hits:
        entry = snapshot.entries.get(hit.key)
        if entry is not None and hit.key != exclude:
            found.append(_suggest(entry, language, round(hit.score, 3)))
    return tuple(found[:MAX_SUGGESTIONS])


def _out_of_scope(snapshot: Snapshot, rule: RuleSpec, *, query: str, language: str, hits):
    """The rule's polite "we do not cover this" instead of an answer; no hit is confident."""
    message, message_html = scope_message(rule, language=language, snapshot=snapshot)
    return Decision(
        source=OUT_OF_SCOPE,
        reason=_("rule “%(name)s” (priority %(priority)d): out of scope")
        % {"name": rule.name, "priority": rule.priority},
        query=query,
        language=language,
        rule=rule.name,
        message=message,
        message_html=message_html,
        ranking=tuple(not_confident(hits)),
    )


def scope_message(rule: RuleSpec, *, language: str, snapshot: Snapshot) -> tuple[str, str]:
    """An out-of-scope rule's message for a reader of `language`, as written and as safe
    HTML (Markdown links to items resolved)."""
    message = pick_text(rule.message, language)
    resolve = link_resolver(language=language, published=snapshot.entries)
    images = image_resolver(language=language, views=snapshot.images)
    return message, markdown_to_html(message, resolver=resolve, images=images)


def not_confident(hits: Iterable[Hit]) -> list[Hit]:
    return [replace(hit, confident=False) if hit.confident else hit for hit in hits]


def _rule_answer(
    snapshot: Snapshot, rule: RuleSpec, *, query: str, language: str, hits
) -> Decision | None:
    entry = snapshot.entries.get(rule.target)
    if entry is None:  # unpublished or deleted since the rule was written: not the user's problem
        return None
    return Decision(
        source=RULE,
        reason=_("rule “%(name)s” (priority %(priority)d)")
        % {"name": rule.name, "priority": rule.priority},
        query=query,
        language=language,
        answer=_answer(snapshot, entry, language),
        rule=rule.name,
        message=entry.pick(rule.message, language) if rule.message else "",
        start_node=rule.node,
        suggestions=_suggestions(snapshot, hits, language, exclude=entry.key),
        ranking=tuple(hits),
    )


def ask(
    query: str,
    *,
    language: str,
    context: Context | None = None,
    limit: int = MAX_SUGGESTIONS + 1,
    snapshot: Snapshot | None = None,
) -> Decision:
    """Answer `query` for a reader of `language`: a rule, else a confident hit, else none.

    The search runs once: the decision keeps its `limit` best hits as `ranking`, for a caller
    that lists results too. A caller that already holds the index `snapshot` passes it, so one
    request reads one build.
    """
    context = context or Context()
    snapshot = snapshot or index.snapshot()
    hits = snapshot.backend.search(
        query, language=language, context=context.as_filters(), limit=limit
    )
    for rule in rules_matching(
        rules=snapshot.rules,
        query=query,
        language=language,
        context=context,
        known=snapshot.known_words,
    ):
        if rule.out_of_scope:
            return _out_of_scope(snapshot, rule, query=query, language=language, hits=hits)
        decision = _rule_answer(snapshot, rule, query=query, language=language, hits=hits)
        if decision is not None:
            return decision

    best = hits[0] if hits else None
    if best is not None and best.confident and best.key in snapshot.entries:
        entry = snapshot.entries[best.key]
        return Decision(
            source=SEARCH,
            reason=_("search: score %(score).2f, matched %(terms)s")
            % {"score": best.score, "terms": ", ".join(best.matched_terms) or "—"},
            query=query,
            language=language,
            answer=_answer(snapshot, entry, language),
            score=best.score,
            matched_terms=best.matched_terms,
            suggestions=_suggestions(snapshot, hits, language, exclude=best.key),
            ranking=tuple(hits),
        )

    troubleshooters = sorted(
        (e for e in snapshot.entries.values() if e.type == "troubleshooter"),
        key=lambda e: (e.order, e.slug),
    )
    return Decision(
        source=NONE,
        reason=(
            _("no confident answer: best score %(score).2f") % {"score": best.score}
            if best
            else _("no confident answer: nothing matched")
        ),
        query=query,
        language=language,
        score=best.score if best else None,
        suggestions=_suggestions(snapshot, hits, language, exclude=""),
        troubleshooters=tuple(_suggest(entry, language) for entry in troubleshooters),
        contact_hint=contact_hint(language=language),
        ranking=tuple(hits),
    )


def search_in_scope(
    query: str,
    *,
    language: str,
    context: Context | None = None,
    types: Collection[str] | None = None,
    limit: int = 10,
    snapshot: Snapshot | None = None,
) -> tuple[list[Hit], RuleSpec | None]:
    """Search hits for `query`, none of them confident if an out-of-scope rule decides it.

    What the search endpoint, the help site and the evaluation use: a question staff marked
    as not ours is never answered confidently, whichever way it is asked for.
    """
    context = context or Context()
    snapshot = snapshot or index.snapshot()
    hits = search(
        query,
        language=language,
        context=context.as_filters(),
        types=types,
        limit=limit,
        snapshot=snapshot,
    )
    rule = scope_rule(
        rules=snapshot.rules,
        query=query,
        language=language,
        context=context,
        known=snapshot.known_words,
    )
    return (not_confident(hits), rule) if rule else (hits, None)


def page_suggestions(
    *, language: str, context: Context, snapshot: Snapshot | None = None
) -> list[Suggestion]:
    """Answers staff chose for the page a reader is on (rules with a page condition)."""
    snapshot = snapshot or index.snapshot()
    seen, found = set(), []
    for rule in rules_for_page(rules=snapshot.rules, language=language, context=context):
        entry = snapshot.entries.get(rule.target)
        if entry is not None and entry.key not in seen:
            seen.add(entry.key)
            found.append(_suggest(entry, language))
    return found


def answer_for(key: str, *, language: str) -> Answer | None:
    """A published item rendered for a reader of `language`, from memory; None if unknown."""
    snapshot = index.snapshot()
    entry = snapshot.entries.get(key)
    if entry is None:
        return None
    return _answer(snapshot, entry, language)
