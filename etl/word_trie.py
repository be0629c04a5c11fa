"""A regular expression matching any of a set of words, built as a prefix tree.

Python's ``re`` tries the branches of ``call|called|calls|...`` one after
another at every offset it tests. Nested by shared prefix
(``call(?:ed|s)?``), a branch fails on its first letter, so a lexicon of
dozens of words costs a few character tests per offset.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def trie_pattern(words: Iterable[str]) -> str:
    """Pattern source matching exactly the given words, the longest first where one extends another."""
    root: dict[str, dict] = {}
    for w in words:
        if not w:
            raise ValueError("an empty word would match everywhere")
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _node_pattern(root)


def _node_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    if "" in node:
        # a word ends here: the longer words first (greedy ``?``), this one as the fallback
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
