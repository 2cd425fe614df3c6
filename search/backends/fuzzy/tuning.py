"""The ranker's knobs (:class:`Tuning`) and the document fields it weighs."""

from __future__ import annotations

from dataclasses import dataclass

from search.text.lexicon import COMMON_WORD_ZIPF

FIELDS = ("title", "keywords", "body")
# Bits of a posting's field mask: a term may occur in several fields of one document.
TITLE, KEYWORDS, BODY = 1, 2, 4


@dataclass(frozen=True, slots=True)
class Tuning:
    """Every knob of the ranker in one place (general weights, not per-query fixes)."""

    field_weights: tuple[float, float, float] = (3.0, 2.0, 1.0)
    k1: float = 1.2
    b: float = 0.75
    # How much a match in each field counts towards coverage. A word found only in a body is
    # most often incidental (a guide that says "понять" in passing): it counts a fifth.
    title_quality: float = 1.0
    keywords_quality: float = 0.95
    body_quality: float = 0.2
    # ... times this in a body that holds alternatives (a troubleshooting tree: the questions
    # it asks and every branch's solution), where a word matches one branch of many.
    branched_body_factor: float = 0.5
    pinyin_quality: float = 0.75
    synonym_quality: float = 0.9
    # A synonym phrase said with one other word between its words ("код подтверждения от
    # банка" for "код от банка"): how sure that reading is, beside the phrase as written.
    loose_phrase_quality: float = 0.9
    unigram_quality: float = 0.35
    unigram_query_weight: float = 0.3
    stopword_factor: float = 0.2
    # A negation ("не", "not") found in a document, but not in front of the word it negates
    # in the query: "оплата прошла, но деньги не пришли" for "оплата не прошла".
    unbound_negation_quality: float = 0.2
    # The same word negated as the other kind of failure: "не получилось пополнить" (an
    # attempt) where the document says "не пополнился" (an outcome), or the other way round.
    other_failure_quality: float = 0.65
    min_typo_similarity: float = 0.75
    # A query word at least this common in its language (Zipf scale: 3 is once per million
    # words) is a word, not a misspelling: "выкинуть" is not read as "закинуть", nor "kind"
    # as "find". Below 3 the word lists hold no word, so nothing is kept from correction.
    common_word_zipf: float = COMMON_WORD_ZIPF
    # Quality of a Russian word found with another verb prefix ("кинул" for "закинуть").
    prefix_quality: float = 0.8
    # Weight of the sentences that tell a story around the one that asks ("I paid at the till
    # an hour ago, the money isn't there. Who do I contact?").
    story_weight: float = 0.5
    # ... in full when the sentence that asks holds this share of the query's information,
    # less when it holds less ("what can I do?" says little).
    question_share: float = 0.3
    # Share of the score that comes from BM25 relative to the best candidate (the rest is
    # coverage): BM25 orders candidates that cover the query equally well.
    bm25_share: float = 0.2
    # ... growing to this share for a query that says long_information (IDF units) or more.
    bm25_share_long: float = 0.35
    long_information: float = 30.0
    cohesion_share: float = 0.3
    # Share of coverage that is the title's information the query explains.
    title_share: float = 0.25
    # ... where a stop word of the title counts this share of its IDF.
    title_stopword_factor: float = 0.5
    # A query whose words carry less information than this (in IDF units) is too vague to
    # be answered confidently ("how to", "что").
    min_information: float = 2.0
    # Confidence lost per share of the query's information that the index does not know,
    # and the factor for a query that touches none of the collection's anchors.
    unknown_penalty: float = 0.75
    unanchored_factor: float = 0.8
    # Added share of confidence for a title that asks for the kind of answer the query asks
    # for (a reason, a definition, a time, a place, which ways, whether, how to avoid a
    # thing; see scoring.intent_share), and the share lost by a title that only
    # defines ("What is a data SIM?") when the query asks how ("流量卡怎么续费").
    intent_boost: float = 0.2
    intent_mismatch: float = 0.1
    # Share lost by a procedure (a document that says it answers how) for a query of two
    # sentences or more that asks neither how nor where.
    procedure_mismatch: float = 0.2
    # Share lost, for a query that reports a failure ("баланс не пополнился", "card declined"),
    # by a title that reports none ("Ways to top up"); for one that asks how to avoid a failure
    # ("how do I stop my plan lapsing") or asks why and reports none ("why would a foreigner
    # need a local number"), by a title that reports one ("My plan expired").
    problem_mismatch: float = 0.2
    # Share lost by a title about a payment refused ("My payment failed") for a query that
    # says the payment was made and reports no refusal ("paid an hour ago, still nothing").
    refused_mismatch: float = 0.2
    language_boost: float = 1.04
    context_boost: float = 1.06
    context_penalty: float = 0.8
    # An item for one carrier (card type...) when neither the context nor the query says
    # which: the item for all of them comes first when the two score within a tenth.
    unasked_specific_factor: float = 0.9
    # How much of a carrier's name in the query an item for all carriers covers (it applies
    # to that carrier too, without saying its name).
    mention_credit: float = 0.1
    # A misspelled carrier name ("beelin") matching the documents that spell it right.
    misspelled_mention_quality: float = 0.8
    # Added for a document's popularity (0..1) in a query of at most this many positions
    # (words, CJK characters): it breaks the near-ties of short queries ("topup").
    popularity_boost: float = 0.02
    short_query_positions: int = 4
    layout_variant_penalty: float = 0.95
    transliteration_penalty: float = 0.95
    candidates: int = 150
    # Readings whose scored candidates each index keeps (0: none).
    recent_readings: int = 512
