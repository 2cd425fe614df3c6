"""Plain data the search engine indexes and returns; content apps build these from models."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Document:
    """One language version of one searchable item (FAQ, guide, troubleshooter, ...)."""

    type: str
    slug: str
    language: str
    title: str
    keywords: str = ""
    body: str = ""
    filters: tuple[tuple[str, str], ...] = ()
    # How central the item is, 0..1 (the assistant: the share of items that link to it);
    # it breaks the near-ties of a one- or two-word query.
    popularity: float = 0.0
    # Kinds of question the item answers that its title does not ask ("where": a guide to one
    # place or way to pay answers "where can I top up with cash" though its title asks how;
    # "how": the item is a procedure, steps to follow, and not the answer to a story that asks
    # neither how nor where).
    asks: tuple[str, ...] = ()
    # Whether its body holds alternatives rather than one answer (a troubleshooting tree: the
    # questions it asks and the solutions of all its branches): a word of the query found
    # only there is weaker evidence that the item answers it.
    branched: bool = False

    @property
    def key(self) -> str:
        return f"{self.type}:{self.slug}"


@dataclass(frozen=True, slots=True)
class QueryReading:
    """How a backend read a query, for staff asking why it was (not) answered confidently."""

    text: str  # the query as searched (normalized)
    # The parts of the query in order: (text, share of the query's information, known to
    # the index). Stop words weigh next to nothing; an unknown word lowers the confidence.
    parts: tuple[tuple[str, float, bool], ...]
    unknown_share: float  # of the information, what the index does not know
    anchored: bool  # whether it touches one of the collection's topic anchors
    # What every answer's confidence is multiplied by for the two above (1.0: nothing).
    confidence_factor: float
    mentions: tuple[tuple[str, tuple[str, ...]], ...] = ()  # filter -> values the query names
    # Whether it reports a failure ("баланс не пополнился"): titles that report none lose.
    reports_problem: bool = False
    # The share of confidence an answer whose title reports no failure loses for it (0 when
    # the question reports none).
    problem_mismatch: float = 0.0
    # The courtesy left out of it ("здравствуйте", "спасибо"): it says nothing of the question.
    left_out: tuple[str, ...] = ()
    # The words its negations negate ("пополнить" in "пополнить не получается"): an answer
    # that negates the same word matches the negation in full.
    negated: tuple[str, ...] = ()
    # ... those of them it says were tried and failed ("пополнить" in "не смог пополнить"):
    # an answer that says the same thing happened without trying matches less.
    attempted: tuple[str, ...] = ()
    # The share of confidence a procedure (a step-by-step guide) loses for it: a story, or a
    # question that says the payment was made already, that asks neither how nor where (0
    # for any other question).
    procedure_mismatch: float = 0.0
    # ... and why: "story", or "done" for a payment it says was made already ("оплатил на
    # сайте, а денег нет").
    procedure_reason: str = ""
    # The kinds of answer it asks for, by name (search.text.questions.KINDS, and "avoid"),
    # and the share of confidence an answer whose title asks the same gains (0: none).
    asks: tuple[str, ...] = ()
    intent_boost: float = 0.0
    # The share of confidence an answer about mobile data alone loses for a question that says
    # the whole line is down ("номер вообще не работает", "no calls, no data"); 0 for any other.
    line_down_mismatch: float = 0.0
    # The share of confidence an answer about a payment refused ("My payment failed") loses
    # for a question that says the payment was made and reports no refusal ("paid an hour
    # ago, still nothing"); 0 for any other.
    refused_mismatch: float = 0.0


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: an item (all its language versions folded into its best match)."""

    key: str
    type: str
    slug: str
    score: float
    confident: bool
    language: str
    matched_fields: tuple[str, ...]
    matched_terms: tuple[str, ...]
    # The kinds of question its title asks that the query asks too (search.text.questions
    # names): what it gained its share of confidence for.
    asks_same: tuple[str, ...] = ()
