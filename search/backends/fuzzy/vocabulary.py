"""The index's surface words: what a query misspells, spells by ear, or says with another
verb prefix."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from rapidfuzz.distance import OSA

from search import normalize as nz
from search.text.scripts import CYRILLIC
from search.text.sounds import sound_key


class Vocabulary:
    """Every surface word of 3+ letters of the documents and synonyms, found back by shared
    trigrams (typos), by sound (a word spelled by ear) and, for Russian words, by stem
    (another verb prefix)."""

    def __init__(self, words: Iterable[str], *, min_typo_similarity: float) -> None:
        self.min_typo_similarity = min_typo_similarity
        # Whether a word the index lacks is a word of its language decides which corrections
        # it gets: read those lists with the index, not on the first query with such a word.
        nz.load_word_lists()
        self.words = sorted({word for word in words if len(word) >= 3 and not word.isdigit()})
        self.known = frozenset(self.words)
        grams: dict[str, list[int]] = defaultdict(list)
        for word_id, word in enumerate(self.words):
            for gram in _trigrams(word):
                grams[gram].append(word_id)
        self.trigrams = dict(grams)
        # Words by how they sound, for a word spelled by ear ("щёт" for "счёт").
        sounds: dict[str, list[int]] = defaultdict(list)
        for word_id, word in enumerate(self.words):
            key = sound_key(word)
            if len(key) >= _MIN_SOUND_KEY:
                sounds[key].append(word_id)
        self.sounds = dict(sounds)
        self.word_ids = {word: word_id for word_id, word in enumerate(self.words)}
        # Russian words by stem, for a word met with another verb prefix ("кинул").
        self.russian_words: dict[str, str] = {}
        for word in self.words:
            if CYRILLIC.search(word):
                self.russian_words.setdefault(nz.stem(word), word)

    def prefix_relatives(self, word: str) -> list[str]:
        """Words that are ``word`` with a Russian verb prefix added or removed ("кинул" ->
        "закинуть"), one per stem."""
        relatives = (self.russian_words.get(other) for other in nz.prefix_relatives(nz.stem(word)))
        return [relative for relative in relatives if relative]

    def typo_candidates(
        self, word: str, *, besides: str = "", one_typo: bool = False
    ) -> list[tuple[str, float]]:
        """Indexed words close to ``word`` (by trigram overlap, then OSA similarity).

        Words whose first index term is ``besides`` are left out: for a word that is itself
        indexed, the corrections are the *other* words it may be a typo of. With
        ``one_typo``, only the closest ones that are a single typo away are kept.
        """
        found = self._typo_candidates(word, besides=besides)
        if one_typo:
            found = [pair for pair in found if OSA.distance(word, pair[0], score_cutoff=1) <= 1]
        return found

    def _sounding(self, word: str) -> set[int]:
        """The indexed words that sound like ``word`` (spelled by ear): the same sound key,
        about as long, alike in at least half their letters (OSA), and in English with the
        same first letter (a Russian word may start with a vowel heard otherwise: "аплата")."""
        key = sound_key(word)
        if len(key) < _MIN_SOUND_KEY:
            return set()
        cyrillic = bool(CYRILLIC.search(word))
        return {
            word_id
            for word_id in self.sounds.get(key, ())
            if (cyrillic or self.words[word_id][0] == word[0])
            and abs(len(self.words[word_id]) - len(word)) <= _MAX_SOUND_LENGTH_GAP
            and OSA.normalized_similarity(word, self.words[word_id]) >= _MIN_SOUND_SIMILARITY
        }

    def _typo_candidates(self, word: str, *, besides: str) -> list[tuple[str, float]]:
        grams = _trigrams(word)
        overlap: Counter[int] = Counter()
        for gram in grams:
            overlap.update(self.trigrams.get(gram, ()))
        needed = max(1, len(grams) // 3)
        best = [word_id for word_id, count in overlap.most_common(40) if count >= needed]
        # Two letters swapped break the trigrams around them ("траиф" shares one with
        # "тариф", and many words share more): the word with each pair of neighbours swapped
        # back is looked up as it is.
        for at in range(len(word) - 1):
            swapped = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
            word_id = self.word_ids.get(swapped)
            if word_id is not None and word_id not in best:
                best.append(word_id)
        sounding = self._sounding(word)
        best += [word_id for word_id in sounding if word_id not in best]
        if not best:
            return []
        minimum = self.min_typo_similarity
        scored = []
        two_edits = []
        for word_id in best:
            candidate = self.words[word_id]
            if (besides and nz.word_terms(candidate)[0] == besides) or not same_digits(
                word, candidate
            ):
                continue
            similarity = OSA.normalized_similarity(word, candidate)
            if word_id in sounding:
                # Spelled by ear: as sure as the least sure typo, however many letters differ.
                scored.append((candidate, max(similarity, minimum)))
                continue
            # The edits a typo may have grow with the word: the ratio alone is too lenient on
            # short words (one edit at most) and too strict on mid-length ones.
            if similarity >= minimum or (
                len(word) >= 4 and OSA.distance(word, candidate, score_cutoff=1) <= 1
            ):
                scored.append((candidate, similarity))
            elif (
                len(word) >= 6
                and candidate[0] == word[0]
                and abs(len(candidate) - len(word)) <= 1
                and OSA.distance(word, candidate, score_cutoff=2) <= 2
            ):
                two_edits.append((candidate, similarity))
        # Two edits on a word of 6+ letters ("balans" -> "balance") are trusted only with the
        # first letter right (people rarely mistype it), about the same length, and when they
        # single out one word: "markup" is as close to "marked" as to "marker".
        if len(two_edits) == 1:
            scored.extend(two_edits)
        scored.sort(key=lambda pair: -pair[1])
        if not scored:
            return []
        top = scored[0][1]
        return [pair for pair in scored[:4] if pair[1] >= top - 0.06]


# A sound key of one letter says nothing; two spellings of one word differ in length by two
# letters at most ("пасспорт", "паспорт") and are alike in at least half their letters.
_MIN_SOUND_KEY = 2
_MAX_SOUND_LENGTH_GAP = 2
_MIN_SOUND_SIMILARITY = 0.5


def same_digits(word: str, other: str) -> bool:
    """Whether two words hold the same digits: a digit is no typo of a letter ("телеге",
    Telegram, is not "теле2"), nor one digit of another ("tele3" is not Tele2)."""
    return [char for char in word if char.isdigit()] == [char for char in other if char.isdigit()]


def _trigrams(word: str) -> list[str]:
    padded = f"^{word}$"
    return [padded[i : i + 3] for i in range(len(padded) - 2)]
