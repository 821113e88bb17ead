"""``naba.common.arabic``: the folded view and its offset map agree character by character."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from naba.common.arabic import normalize, normalize_char, normalize_with_map


def test_translate_is_normalize_char_on_every_bmp_character() -> None:
    every = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    assert normalize(every) == "".join(normalize_char(ch) for ch in every)


@given(st.text(alphabet=st.sampled_from("أإآٱاىيةهؤوئ٠١٩۰۹“”«»„\u064b\u0651\u0640\u0670\u06d6abc 1"), max_size=60))
def test_normalize_is_the_text_of_normalize_with_map(text: str) -> None:
    folded = normalize_with_map(text)
    assert normalize(text) == folded.text
    assert all(normalize_char(text[i]) == folded.text[k] for k, i in enumerate(folded.origin))
