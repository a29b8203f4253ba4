"""The knowledge file and how it merges with a question's context."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from streams.critic import load_knowledge, merge_facts
from streams.critic.numbers import digitize

SAMPLE = Path(__file__).resolve().parents[2] / "streams" / "critic" / "data" / "hibachi_knowledge.json"


def test_sample_knowledge_file_is_complete():
    k = load_knowledge(SAMPLE)
    for key in ("menu", "upgrades", "prices", "minimum_charge", "deposit", "cancellation", "travel_fee",
                "service_area", "allergens", "gratuity"):
        assert k.get(key), key


def test_context_wins_on_conflict():
    merged = merge_facts({"prices": "$60 per adult", "menu": "chicken"}, {"prices": "$70 per adult"})
    assert merged == {"menu": "chicken", "prices": "$70 per adult"}


def test_flat_file_and_lists(tmp_path):
    p = tmp_path / "k.json"
    p.write_text(json.dumps({"menu": ["chicken", "tofu"], "deposit": "$100"}))
    assert load_knowledge(p) == {"menu": "chicken; tofu", "deposit": "$100"}


def test_bad_file_is_a_clear_error(tmp_path):
    p = tmp_path / "k.json"
    p.write_text("[1, 2]")
    with pytest.raises(ValueError):
        load_knowledge(p)


@pytest.mark.parametrize("words, digits", [
    ("five hundred fifty dollars", "550 dollars"), ("twenty-five", "25"), ("treinta y cinco dólares", "35 dólares"),
    ("mil dólares", "1000 dólares"), ("one hundred fifty dollars", "150 dollars"), ("one chef", "one chef"),
])
def test_number_words(words, digits):
    assert digitize(words) == digits
