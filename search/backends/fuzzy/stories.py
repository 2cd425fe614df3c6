"""The story around a question: which parts of a long query ask, and how much less the rest
weighs, so that a story's incidental words do not pick the answer."""

from __future__ import annotations

from search import normalize as nz
from search.backends.fuzzy.index import Index
from search.backends.fuzzy.unit import Unit


def story_sentences(text: str) -> list[tuple[str, bool]]:
    """The query's parts and whether each asks; all of it "asking" unless some parts ask and
    some tell (a question alone, or a story with no question, is read as it is).

    The parts are its clauses when it has three or more ("要回国半年，号能不能先暂停，回来再
    恢复"), else its sentences: in two clauses ("номером не пользуюсь, его отключат?") the
    one without the question mark is often what is asked about.
    """
    parts = nz.sentences(text, clauses=True)
    if len(parts) < MIN_STORY_CLAUSES:
        parts = nz.sentences(text)
    if len(parts) < 2:
        return [(text, True)]
    tagged = [(part, nz.asks(part)) for part in parts]
    if all(asking for _part, asking in tagged) or not any(asking for _part, asking in tagged):
        return [(text, True)]
    return tagged


MIN_STORY_CLAUSES = 3


def weigh_story(
    *, index: Index, story: list[bool], units: list[Unit], weights: list[float]
) -> list[float]:
    """The story around the question weighs less, in coverage and in the BM25 score, so its
    incidental words do not pick the answer."""
    factor = index.tuning.story_weight
    if not any(story) or factor >= 1.0:
        return weights
    # A question that says little itself ("what can I do?", "这是怎么回事？") leaves the story
    # to say what it is about: the less of the query's information the question holds, the
    # less the story is discounted.
    asked = sum(weight for weight, told in zip(weights, story, strict=True) if not told)
    share = asked / max(sum(weights), 1e-9)
    full = index.tuning.question_share
    factor = 1.0 - (1.0 - factor) * min(1.0, share / full) if full > 0 else factor
    for unit in units:
        if all(story[position] for position in unit.span):
            unit.query_weight *= factor
    return [
        weight * factor if told else weight for weight, told in zip(weights, story, strict=True)
    ]


# Words of a question that asks what to do without saying about what ("что теперь делать?",
# "怎么办", "please help"), besides the stop words.
_WHAT_TO_DO = frozenset(["делать", "сделать", "help", "помогите", "помочь", "подскажите"])
_WHAT_TO_DO_CJK = frozenset("办做该弄")


def _says_nothing(clause: str) -> bool:
    """Whether a clause holds no word of its own beyond asking what to do."""
    for token in nz.tokenize(text=clause):
        if token.kind == "word" and not nz.is_stopword(token.text):
            if token.text not in _WHAT_TO_DO:
                return False
        elif token.kind == "cjk":
            if any(
                not nz.is_cjk_stopchar(char) and char not in _WHAT_TO_DO_CJK for char in token.text
            ):
                return False
        elif token.kind == "code":
            return False
    return True


def failure_asked(text: str) -> bool:
    """Whether a query that reports a failure (``nz.reports_problem``) asks about it.

    It does where the question reports it ("why was my card declined?"), where nothing asks
    ("деньги не пришли"), or where the question asks only what to do ("my card was declined,
    what now?"); not where the question asks about something else ("online payment doesn't
    work for me, can someone at the store do it?"), the failure being its story.
    """
    clauses = [(clause, nz.asks(clause)) for clause in nz.sentences(text, clauses=True)]
    asking = [clause for clause, asks in clauses if asks]
    if not asking or any(nz.reports_problem(clause) for clause in asking):
        return True
    return all(_says_nothing(clause) for clause in asking)
