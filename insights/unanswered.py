"""The unanswered-searches report as support staff work it: near-identical queries grouped, what
the reader was shown for each group, the items search ranks for it, and the form data its
actions open.

Queries are grouped by the search normalizer's form with every run of digits made one
placeholder, so "top up 100 rub", "Top  up 200 RUB" are one line: staff act on a question, not
on each amount someone typed. A group spans languages (the language is the reader's interface,
and the same words fail in several); its members are (language, query) pairs, and every action
applies to all of them.
"""

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from assistant.answers import RULE, ask, results
from assistant.index import index
from assistant.models import AnswerRule
from insights.models import HandledQuery
from insights.reports import (
    WEEK_DAYS,
    UnansweredQuery,
    query_add_as_keyword,
    query_mark_handled,
    unanswered_queries,
)
from search.normalize import MAX_QUERY_CHARS, normalize_query
from simhelp.content import as_phrase

Member = tuple[str, str]  # (language, query)

_DIGITS = re.compile(r"\d+")
# How many (query, language) rows are grouped at most: the report shows the top groups, and a
# query searched once a month without an answer is not among them.
MAX_ROWS = 5000
SHOWN_RESULTS = 3  # results listed under "what they were shown"
SUGGESTED_TARGETS = 5  # items offered first in "add as keyword"


def group_key(query: str) -> str:
    """The form near-identical queries share: normalized, each run of digits one "0"."""
    return _DIGITS.sub("0", normalize_query(text=query))


@dataclass(frozen=True)
class Shown:
    """What a reader is shown for a query today (the content may have changed since)."""

    source: str  # assistant.answers RULE, SEARCH, NONE or OUT_OF_SCOPE
    rule: str
    results: tuple[tuple[str, float], ...]  # (title, score), best first


@dataclass
class QueryGroup:
    """Near-identical unanswered queries, the most frequent first."""

    key: str
    variants: list[UnansweredQuery]
    shown: Shown | None = field(default=None)

    @property
    def query(self) -> str:
        return self.variants[0].query

    @property
    def language(self) -> str:
        return self.variants[0].language

    @property
    def week(self) -> int:
        return sum(v.week for v in self.variants)

    @property
    def month(self) -> int:
        return sum(v.month for v in self.variants)

    @property
    def searches(self) -> int:
        return sum(v.searches for v in self.variants)

    @property
    def last_day(self) -> date:
        return max(v.last_day for v in self.variants)

    @property
    def languages(self) -> list[str]:
        return sorted({v.language for v in self.variants})

    @property
    def members(self) -> list[Member]:
        return [(v.language, v.query) for v in self.variants]

    @property
    def token(self) -> str:
        """The members as the report's forms post them (see `members_from_post`)."""
        return members_token(self.members)


def unanswered_groups(
    *, language: str | None, days: int = WEEK_DAYS, today: date | None = None
) -> list[QueryGroup]:
    """Unanswered queries grouped, the most often unanswered group first (one query)."""
    rows = unanswered_queries(language=language, days=days, limit=MAX_ROWS, today=today)
    ranked = (lambda r: r.week) if days <= WEEK_DAYS else (lambda r: r.month)
    grouped: dict[str, list[UnansweredQuery]] = defaultdict(list)
    for row in rows:
        grouped[group_key(row.query)].append(row)
    groups = [
        QueryGroup(key, sorted(found, key=lambda r: (-ranked(r), -r.month, r.query, r.language)))
        for key, found in grouped.items()
    ]
    return sorted(groups, key=lambda g: (-sum(map(ranked, g.variants)), -g.month, g.query))


def shown_for(query: str, *, language: str, snapshot=None) -> Shown:
    """What the assistant answers `query` with for a reader of `language`, and its top results."""
    snapshot = snapshot or index.snapshot()
    decision = ask(query, language=language, snapshot=snapshot)
    found = results(hits=decision.ranking, language=language, snapshot=snapshot)
    if decision.source == RULE and decision.answer is not None:
        # A rule's answer is what the reader reads first, whatever search ranks.
        found = [r for r in found if r.key == decision.answer.key] + [
            r for r in found if r.key != decision.answer.key
        ]
    return Shown(
        source=decision.source,
        rule=decision.rule,
        results=tuple((r.title, round(r.score, 2)) for r in found[:SHOWN_RESULTS]),
    )


def with_shown(groups: list[QueryGroup]) -> list[QueryGroup]:
    """Fill in what was shown, for the groups of one page (one search each)."""
    snapshot = index.snapshot()
    for group in groups:
        group.shown = shown_for(group.query, language=group.language, snapshot=snapshot)
    return groups


def suggested_targets(query: str, *, language: str) -> list[str]:
    """Keys ("faq:slug") of the items search ranks for `query`, confident or not, best first."""
    decision = ask(query, language=language, limit=SUGGESTED_TARGETS)
    keys = [hit.key for hit in decision.ranking]
    if decision.source == RULE and decision.answer is not None:
        keys = [decision.answer.key, *(k for k in keys if k != decision.answer.key)]
    return keys[:SUGGESTED_TARGETS]


# --- what the report's forms post -------------------------------------------------------------


class MembersError(ValueError):
    pass


def members_token(members: list[Member]) -> str:
    return json.dumps([list(m) for m in members], ensure_ascii=False)


def _member(language, query) -> Member:
    codes = {code for code, _name in settings.LANGUAGES}
    if not isinstance(language, str) or language not in codes:
        raise MembersError(_("Unknown language “%(language)s”.") % {"language": language})
    if not isinstance(query, str) or not query.strip() or len(query) > MAX_QUERY_CHARS:
        raise MembersError(
            _("A query must be 1 to %(most)s characters.") % {"most": MAX_QUERY_CHARS}
        )
    return language, query


def members_from_post(data) -> list[Member]:
    """The (language, query) pairs a report form posted: `group` values (JSON lists of pairs,
    one per selected group) or a single `query` and `language`. Duplicates are dropped."""
    found: list[Member] = []
    for token in data.getlist("group"):
        try:
            pairs = json.loads(token)
        except ValueError:
            raise MembersError(_("A selected group could not be read.")) from None
        if not isinstance(pairs, list) or not pairs:
            raise MembersError(_("A selected group could not be read."))
        for pair in pairs:
            if not isinstance(pair, list) or len(pair) != 2:
                raise MembersError(_("A selected group could not be read."))
            found.append(_member(*pair))
    if data.get("query") or data.get("language"):
        found.append(_member(data.get("language"), data.get("query")))
    return list(dict.fromkeys(found))


def _per_language(members: list[Member], *, first_only: bool) -> dict[str, list[str]]:
    terms: dict[str, list[str]] = defaultdict(list)
    for language, query in members:
        term = as_phrase(query)
        if term and term not in terms[language] and not (first_only and terms[language]):
            terms[language].append(term)
    return terms


def faq_draft_initial(members: list[Member]) -> dict[str, str]:
    """The FAQ add form's initial data for a draft: the query (of each group's language, the
    most frequent spelling) in the keywords; the question is for staff to write."""
    return {
        build_localized_fieldname("keywords", language): ", ".join(terms)
        for language, terms in _per_language(members, first_only=True).items()
    }


def scope_rule_initial(members: list[Member]) -> dict[str, str]:
    """The answer-rule add form's initial data for one out-of-scope rule matching every query.

    The rule starts inactive (a draft): staff write its message in every language, check the
    phrases are not too broad, then switch it on.
    """
    names = ", ".join(dict.fromkeys(query for _language, query in members))
    return {
        "name": (_("Out of scope: %(query)s") % {"query": names})[:120],
        "outcome": AnswerRule.OUT_OF_SCOPE,
        "active": "",
        **{
            build_localized_fieldname("phrases", language): ", ".join(terms)
            for language, terms in _per_language(members, first_only=False).items()
        },
    }


def group_add_as_keyword(members: list[Member], *, target: str) -> None:
    """Add the group's query (of each language, the most frequent spelling) to `target`'s
    keywords in that language, and mark every member handled."""
    with transaction.atomic():
        added: set[str] = set()
        for language, query in members:
            if language in added:
                query_mark_handled(
                    query=query, language=language, how=HandledQuery.How.KEYWORD, note=target
                )
            else:
                query_add_as_keyword(query=query, language=language, target=target)
                added.add(language)
