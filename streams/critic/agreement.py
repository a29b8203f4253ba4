"""Agreement between candidates in substance: the claims they make, not their wording."""

from __future__ import annotations

from itertools import combinations
from typing import Sequence

from .claim import Claim


def substance(claims: Sequence[Claim]) -> frozenset:
    """The claim keys an answer asserts; a flagged claim is marked so it never matches a true one."""
    return frozenset(c.key if not c.flagged else ("flagged",) + c.key for c in claims if c.kind != "routing")


def agreement(claim_sets: Sequence[Sequence[Claim]]) -> float:
    """Mean pairwise Jaccard similarity of the candidates' substance, in [0, 1].

    Two answers that both make no claim agree fully (1.0); one candidate alone gives 0.5 (nothing
    corroborates it); no candidate gives 0.0. Order of the candidates does not matter.
    """
    if not claim_sets:
        return 0.0
    if len(claim_sets) == 1:
        return 0.5
    scores = []
    for a, b in combinations([substance(c) for c in claim_sets], 2):
        union = a | b
        scores.append(1.0 if not union else len(a & b) / len(union))
    return sum(scores) / len(scores)
