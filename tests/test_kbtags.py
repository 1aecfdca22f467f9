"""Knowledge-base tags and their combination with the statistical tagger's."""

from __future__ import annotations

from rasad.actors.kbtags import combine, kb_tags


def test_kbtags_tags_known_names_in_either_script():
    tokens = "قال علي شمخاني في طهران إن".split()
    assert kb_tags(tokens, "ar") == ["O", "B-PER", "I-PER", "O", "B-LOC", "O"]


def test_kbtags_combine_fills_gaps_and_never_overrides():
    tagger = ["O", "O", "O", "O", "B-ORG", "O"]
    kb = ["O", "B-PER", "I-PER", "O", "B-LOC", "O"]
    assert combine(tagger, kb) == ["O", "B-PER", "I-PER", "O", "B-ORG", "O"]
    assert combine(tagger, kb, frozenset({"LOC"})) == tagger
