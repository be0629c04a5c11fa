"""extract_article's helpers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from etl.doc import Mention
from etl.extract import _span, in_text_order

_MENTIONS = st.lists(
    st.builds(Mention, st.integers(0, 6), st.integers(0, 6), st.sampled_from(["name", "short", "pronoun"])),
    max_size=30,
)


@given(_MENTIONS)
def test_in_text_order_is_the_key_sort(mentions: list[Mention]) -> None:
    got = in_text_order(mentions)
    expected = sorted(mentions, key=_span)
    # the same objects in the same order: equal mentions keep their order (stable)
    assert [id(m) for m in got] == [id(m) for m in expected]
    assert got is not mentions
