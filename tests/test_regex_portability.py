"""The extractors' regular expressions match alike on every Python the project supports.

CPython before 3.11.5 matched possessive quantifiers (``x++``, ``x*+``) wrongly when the
repeated part could backtrack (gh-106052): on Debian 12's python3 (3.11.2) the quote tokenizer
read ``A.&`` as ``A.`` and ``&``, and PolNeAR train's quotes table came out with other rows.
Atomic groups (``(?>x+)``), which those quantifiers equal, match correctly there, so the
patterns spell them that way. The 3.11.7 that CI runs has the fix and cannot show the bug,
hence a check of the patterns themselves.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from typing import Any

import pytest

import etl

_parser: Any = getattr(re, "_parser", None)
_constants: Any = getattr(re, "_constants", None)


def _module_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    for info in pkgutil.iter_modules(etl.__path__):
        module = importlib.import_module(f"etl.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                yield f"etl.{info.name}.{name}", value


def _opcodes(parsed: Any) -> Iterator[Any]:
    for op, av in parsed:
        yield op
        for part in av if isinstance(av, (list, tuple)) else [av]:
            if isinstance(part, _parser.SubPattern):
                yield from _opcodes(part)
            elif isinstance(part, (list, tuple)):
                for sub in part:
                    if isinstance(sub, _parser.SubPattern):
                        yield from _opcodes(sub)


@pytest.mark.skipif(_parser is None, reason="re's parser is private and may move")
def test_no_pattern_uses_a_possessive_quantifier() -> None:
    patterns = dict(_module_patterns())
    # the tokenizers that once used them are among the patterns read
    assert {"etl.names._TOKEN", "etl.names._SEP_TOKEN", "etl.quote_grammar._SPACED_TOKEN"} <= set(patterns)
    possessive = _constants.POSSESSIVE_REPEAT
    found = [n for n, p in patterns.items() if possessive in _opcodes(_parser.parse(p.pattern, p.flags))]
    assert found == []


def test_the_atomic_tokenizers_read_as_the_greedy_ones() -> None:
    # the inputs on which 3.11.2's possessive quantifiers went wrong
    from etl.names import _SEP_TOKEN
    from etl.quote_grammar import _SPACED_TOKEN

    assert _SPACED_TOKEN.findall("A.&") == ["A", ".", "&"]
    assert _SPACED_TOKEN.findall("a.b.&c U.S.") == ["a.b", ".", "&", "c", " U.S."]
    assert [t for _, t in _SEP_TOKEN.findall("a.&b_' ")] == ["a.", "b_", "", ""]
