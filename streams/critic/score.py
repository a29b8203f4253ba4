"""The consensus score.

    consensus = V × (0.75 + 0.25 × A) × J

- V, verification: the chosen answer's supported claims over its checked claims (1.0 when it
  makes no checkable claim; with no usable answer, 0).
- A, agreement: mean pairwise Jaccard similarity of the usable answers' claims (0.5 for a single
  answer: nothing corroborates it).
- J, judge: 1.0 without a judge or with a verdict that holds in both orders; 0.85 when the
  verdict depends on the order (a tie) or only one order gave a verdict.

A verified answer that nobody corroborates scores 0.75 (medium); two verified answers that say
the same thing score 1.0. The result is rounded to 4 decimals so replays publish identical values.
"""

from __future__ import annotations

JUDGE_TIE_FACTOR = 0.85


def consensus(verified: float, agreement: float, judge_factor: float = 1.0) -> float:
    """The documented formula, clamped to [0, 1] and rounded to 4 decimals."""
    value = verified * (0.75 + 0.25 * agreement) * judge_factor
    return round(min(1.0, max(0.0, value)), 4)


def verified_share(checked: int, supported: int) -> float:
    """Supported over checked; 1.0 when nothing was checkable."""
    return 1.0 if checked == 0 else supported / checked
