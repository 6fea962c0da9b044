""""Did you mean" for undefined names: what ``difflib.get_close_matches(word, names, n=1,
cutoff=CUTOFF)`` answers, for every name of a file, and kept current across edits.

``difflib`` scores every candidate (three ratios, the cheapest first); in a large file that
is milliseconds per undefined name, on every keystroke that leaves a name undefined. Here a
candidate is scored only if its ``quick_ratio`` (the share of characters it has in common
with the word, counted with multiplicity) can reach the cutoff: those counts come from an
index of the candidates by character and number of occurrences, summed in C by ``Counter``.
The survivors then go through difflib's own three tests, so the answer is difflib's.
``Suggestions`` remembers, for each undefined name, every candidate close enough; when the
names of the file change, only the added ones are scored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from .names import CUTOFF, suggestion


class CandidateIndex:
    """Names by the characters they contain: ``by_char[c][k]`` holds the names with more
    than ``k`` occurrences of ``c``. One index follows a document's candidate sets from
    analysis to analysis; ``move_to`` brings it to any set by adding and removing names."""

    def __init__(self) -> None:
        self.names: frozenset[str] = frozenset()
        self.by_char: dict[str, list[set[str]]] = {}
        #: the collection ``names`` was last made from (the analyses never change one after
        #: it is made, so being handed the same object again means the same names)
        self.source: Collection[str] = self.names

    def move_to(self, candidates: Collection[str]) -> None:
        if candidates is self.source:
            return
        self.source = candidates
        names = candidates if isinstance(candidates, frozenset) else frozenset(candidates)
        if names == self.names:
            self.names = names
            return
        by_char = self.by_char
        for name in self.names - names:
            for ch in set(name):
                for k in range(name.count(ch)):
                    by_char[ch][k].discard(name)
        for name in names - self.names:
            for ch in set(name):
                levels = by_char.get(ch)
                if levels is None:
                    levels = by_char[ch] = []
                for k in range(name.count(ch)):
                    if k == len(levels):
                        levels.append(set())
                    levels[k].add(name)
        self.names = names

    def close(self, word: str) -> dict[str, float]:
        """Every name that difflib finds close enough to ``word``, with its ratio."""
        shared: Counter[str] = Counter()
        for ch, count in Counter(word).items():
            for level in self.by_char.get(ch, ())[:count]:
                shared.update(level)
        size = len(word)  # quick_ratio is 2 * shared / (len(name) + size): skip hopeless names
        return scores(word, [x for x, n in shared.items() if 2.0 * n / (len(x) + size) >= CUTOFF])


def scores(word: str, names: Iterable[str]) -> dict[str, float]:
    """Those of ``names`` that pass difflib's three tests against ``word``, with the ratio."""
    import difflib  # only when a name is undefined: not imported at start-up

    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    out = {}
    for name in names:
        matcher.set_seq1(name)
        if (matcher.real_quick_ratio() >= CUTOFF and matcher.quick_ratio() >= CUTOFF
                and matcher.ratio() >= CUTOFF):
            out[name] = matcher.ratio()
    return out


@dataclass(frozen=True, eq=False)
class Suggestions:
    """The names close to one undefined ``word`` among ``candidates``, with their scores."""

    word: str
    candidates: frozenset[str]
    close: dict[str, float]

    @staticmethod
    def of(word: str, index: CandidateIndex) -> Suggestions:
        return Suggestions(word, index.names, index.close(word))

    def update(self, index: CandidateIndex) -> Suggestions:
        """The same for the candidates ``index`` holds now: only the added ones are scored."""
        if index.names == self.candidates:
            return self
        close = {x: score for x, score in self.close.items() if x in index.names}
        close.update(scores(self.word, index.names - self.candidates))
        return Suggestions(self.word, index.names, close)

    @property
    def hint(self) -> str | None:
        """What ``get_close_matches`` picks: the best score, ties to the greatest name."""
        if not self.close:
            return None
        return suggestion(max((score, x) for x, score in self.close.items())[1])
