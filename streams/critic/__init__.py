"""The critic: pure judging logic (no I/O). See decide.py for the entry points.

    from streams.critic import assess, finalize, load_knowledge, merge_facts
"""

from .decide import Assessment, CandidateReport, Decision, assess, failed, finalize
from .facts import load_knowledge, merge_facts
from .offline import run_cases

__all__ = ["Assessment", "CandidateReport", "Decision", "assess", "failed", "finalize", "load_knowledge", "merge_facts", "run_cases"]
