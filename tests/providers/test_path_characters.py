"""``providers.paths.character_problem`` finds unsendable characters with one regex over the
code points of the general categories Cc and Cs: it must agree with ``unicodedata`` on every
code point, alone and among others (the first unsendable one decides the answer)."""

from __future__ import annotations

import unicodedata

from providers.paths import character_problem, encoding_problem

REASONS = {"Cc": "contains a control character", "Cs": "contains an unpaired surrogate"}


def test_every_code_point_is_judged_by_its_category() -> None:
    for code in range(0x110000):
        char = chr(code)
        expected = REASONS.get(unicodedata.category(char))
        assert character_problem(char) == expected, hex(code)
        assert character_problem(f"id-{char}-\udfff") == (expected or REASONS["Cs"]), hex(code)


def test_plain_text_has_no_problem() -> None:
    assert character_problem("/candidate.info") is None
    assert character_problem("été-😀") is None
    assert character_problem("") is None


def test_only_a_surrogate_is_text_that_cannot_be_sent_at_all() -> None:
    assert encoding_problem("a\ud800b") == REASONS["Cs"]
    assert encoding_problem("\udfff") == REASONS["Cs"]
    assert encoding_problem("line\nbreak\x00\x7f") is None  # a body's text may hold controls
    assert encoding_problem("été-😀") is None
