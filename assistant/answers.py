"""The assistant: answer a question by staff rules first, then by confident search, else say so.

Every decision says which of the three happened and why, so support staff can see what a user
was shown and fix the content or the rules.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from assistant.index import Snapshot, index
from assistant.rules import Context, RuleSpec, rules_for_page, rules_matching
from search import Hit
from simhelp.content import Answer, Entry, entry_answer, item_url

RULE, SEARCH, NONE = "rule", "search", "none"
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
    start_node: str = ""
    suggestions: tuple[Suggestion, ...] = ()
    troubleshooters: tuple[Suggestion, ...] = ()
    contact_hint: str = ""
    ranking: tuple[Hit, ...] = field(default=(), repr=False)

    @property
    def confident(self) -> bool:
        return self.source != NONE


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

        def resolve(key: str) -> str | None:
            return item_url(key=key, language=language) if key in snapshot.entries else None

        answer = entry_answer(entry=entry, language=language, resolver=resolve)
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


def ask(query: str, *, language: str, context: Context | None = None) -> Decision:
    """Answer `query` for a reader of `language`: a rule, else a confident hit, else none."""
    context = context or Context()
    snapshot = index.snapshot()
    hits = snapshot.backend.search(
        query, language=language, context=context.as_filters(), limit=MAX_SUGGESTIONS + 1
    )
    for rule in rules_matching(
        rules=snapshot.rules, query=query, language=language, context=context
    ):
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


def page_suggestions(*, language: str, context: Context) -> list[Suggestion]:
    """Answers staff chose for the page a reader is on (rules with a page condition)."""
    snapshot = index.snapshot()
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


def entries_of(type_: str) -> Mapping[str, Entry]:
    return {k: e for k, e in index.snapshot().entries.items() if e.type == type_}
