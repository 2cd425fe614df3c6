"""Answer rules: their conditions, priority, and the question's phrases they match.

A rule applies to a question when one of its phrases is found in it (phrases.py: in order,
close together, by stem or close spelling, on either keyboard layout) and its conditions
(language, carrier, card type, page) hold; the highest priority wins. The rules themselves
are plain `RuleSpec`s held by the search index snapshot, so asking never reads the database.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from assistant.phrases import phrases_found, phrases_in
from simhelp.content import listed_phrases

ANSWER, OUT_OF_SCOPE = "answer", "out-of-scope"


@dataclass(frozen=True, slots=True)
class Context:
    """What is known about the person asking, besides the question."""

    carrier: str = ""
    card_type: str = ""
    page_url: str = ""

    def as_filters(self) -> dict[str, str]:
        return {
            name: value
            for name, value in (("carrier", self.carrier), ("card_type", self.card_type))
            if value
        }


@dataclass(frozen=True, slots=True)
class RuleSpec:
    id: int
    name: str
    priority: int
    phrases: tuple[str, ...]
    target: str
    node: str = ""
    language: str = ""
    carrier: str = ""
    card_type: str = ""
    page_url: str = ""
    message: Mapping[str, str] = field(default_factory=dict)
    outcome: str = ANSWER

    @property
    def out_of_scope(self) -> bool:
        return self.outcome == OUT_OF_SCOPE

    @property
    def order(self) -> tuple[int, str, int]:
        """Where `ask` tries this rule: highest priority first, ties by name."""
        return (-self.priority, self.name, self.id)

    def conditions_hold(self, *, language: str, context: Context) -> bool:
        return not self.unmet_conditions(language=language, context=context)

    def unmet_conditions(self, *, language: str, context: Context) -> tuple[str, ...]:
        """The conditions (fields of `AnswerRule`) that do not hold for this asker."""
        unmet = []
        if self.language and self.language != language:
            unmet.append("language")
        if self.carrier and self.carrier != context.carrier:
            unmet.append("carrier")
        if self.card_type and self.card_type != context.card_type:
            unmet.append("card_type")
        if self.page_url and not page_matches(pattern=self.page_url, url=context.page_url):
            unmet.append("page_url")
        return tuple(unmet)


def page_matches(*, pattern: str, url: str) -> bool:
    """A page URL matches a prefix, or a pattern with * and ? (never a regular expression)."""
    if not url:
        return False
    if "*" in pattern or "?" in pattern:
        return fnmatchcase(url, pattern)
    return url.startswith(pattern)


def rules_matching(
    *,
    rules: Iterable[RuleSpec],
    query: str,
    language: str,
    context: Context,
    known: frozenset[str] = frozenset(),
) -> list[RuleSpec]:
    """The rules whose phrases and conditions match, highest priority first (ties: by name).
    ``known`` holds the words the search reads as themselves, never as a phrase word's typo."""
    rules = tuple(rules)
    found = phrases_found(tuple(rule.phrases for rule in rules), query, known)
    matched = [
        rule
        for rule, phrase_found in zip(rules, found, strict=True)
        if phrase_found and rule.conditions_hold(language=language, context=context)
    ]
    return sorted(matched, key=lambda rule: rule.order)


@dataclass(frozen=True, slots=True)
class RuleMatch:
    """A rule whose phrases are in a question, for staff trying questions: which of its
    phrases were found, and which of its conditions keep it from applying."""

    rule: RuleSpec
    phrases: tuple[str, ...]
    unmet: tuple[str, ...]


def explain_rules(
    *,
    rules: Iterable[RuleSpec],
    query: str,
    language: str,
    context: Context,
    known: frozenset[str] = frozenset(),
) -> list[RuleMatch]:
    """Every rule with a phrase in `query`, in the order `ask` tries them, conditions met or
    not (uncached: this is for the admin, not for readers)."""
    rules = tuple(rules)
    found = []
    for rule, phrases in zip(
        rules, phrases_in([rule.phrases for rule in rules], query, known), strict=True
    ):
        if phrases:
            unmet = rule.unmet_conditions(language=language, context=context)
            found.append(RuleMatch(rule, phrases, unmet))
    return sorted(found, key=lambda match: match.rule.order)


def scope_rule(
    *,
    rules: Iterable[RuleSpec],
    query: str,
    language: str,
    context: Context,
    known: frozenset[str] = frozenset(),
) -> RuleSpec | None:
    """The out-of-scope rule that decides `query`, if the first rule that matches is one.

    Priority decides between rules as in `ask`: a higher answer rule keeps the question in
    scope.
    """
    matched = rules_matching(
        rules=rules, query=query, language=language, context=context, known=known
    )
    return matched[0] if matched and matched[0].out_of_scope else None


def rules_for_page(*, rules: Iterable[RuleSpec], language: str, context: Context) -> list[RuleSpec]:
    """Rules with a page condition that holds here: answers to suggest before any question."""
    return sorted(
        (
            rule
            for rule in rules
            if rule.page_url
            and not rule.out_of_scope
            and rule.conditions_hold(language=language, context=context)
        ),
        key=lambda rule: rule.order,
    )


def rule_specs(*, active: bool = True) -> list[RuleSpec]:
    """The active rules from the database, as plain data (read when the index is built); or,
    with `active=False`, the inactive ones (drafts staff may try before they switch them on)."""
    from assistant.models import AnswerRule
    from simhelp.content import languages, localized, texts

    specs = []
    for rule in AnswerRule.objects.filter(active=active).select_related("carrier", "card_type"):
        phrases = []
        for language in languages():
            phrases.extend(listed_phrases(localized(rule, "phrases", language)))
        specs.append(
            RuleSpec(
                id=rule.pk,
                name=rule.name,
                priority=rule.priority,
                phrases=tuple(dict.fromkeys(phrases)),
                target=rule.target,
                node=rule.target_node,
                language=rule.language,
                carrier=rule.carrier.slug if rule.carrier_id else "",
                card_type=rule.card_type.slug if rule.card_type_id else "",
                page_url=rule.page_url,
                message=texts(rule, "message"),
                outcome=rule.outcome,
            )
        )
    return specs
