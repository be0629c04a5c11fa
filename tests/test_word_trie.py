"""The prefix-tree pattern matches exactly its words, longest first."""

from __future__ import annotations

import re

import pytest

from etl.word_trie import trie_pattern

WORDS = ["a", "an", "and", "of", "off", "x-y", "de"]


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ("a", True),
        ("an", True),
        ("and", True),
        ("off", True),
        ("x-y", True),
        ("ann", False),
        ("o", False),
        ("x-", False),
        ("", False),
        ("b", False),
    ],
)
def test_matches_exactly_the_words(text: str, matches: bool) -> None:
    assert bool(re.fullmatch(trie_pattern(WORDS), text)) is matches


@pytest.mark.parametrize(("text", "found"), [("andes", "and"), ("offer", "off"), ("ant", "an")])
def test_longest_word_first(text: str, found: str) -> None:
    m = re.match(trie_pattern(WORDS), text)
    assert m is not None and m.group() == found


def test_empty_word_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        trie_pattern(["a", ""])
