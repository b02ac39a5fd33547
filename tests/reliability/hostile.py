"""Hypothesis strategies for hostile text: what a party, a paste or a file may put in a field."""

from __future__ import annotations

from hypothesis import strategies as st

MARKUP = (
    "[/]",
    "[bold]",
    "[bold]x[/bold]",
    "[/bold]",
    "[link=file:///etc/passwd]x[/link]",
    "[@click=app.quit]x[/]",
    "[on red",
    "\\[not markup]",
    "\x1b[31m",
    "\x1b]8;;http://x\x1b\\",
    "{0}",
    "{reference}",
    "%s %(x)s",
    "<w:t>",
    "]]>",
    "&amp;&#0;",
    "'; DROP TABLE notes; --",
    '"',
    "\\",
)
ODD = (
    "\u202e",  # right-to-left override
    "\ufeff",  # byte order mark
    "\u200b\u200d",  # zero width
    "e\u0301",  # combining accent
    "Z\u0351\u0334\u0321a\u0352\u035dl\u0327g\u0328o",  # zalgo
    "👩🏽‍⚖️🏳️‍🌈",
    "\U0010ffff\U000e0001",
    "\ufffe\uffff",
    "\u2028\u2029\x85",
    "\x00",
    "\x7f\x80\x9f",
    "ǅﬁẞ",
    "\t\r\n",
)

# Every code point, lone surrogates (U+D800–U+DFFF) and control characters included.
ANY_CHARACTER = st.one_of(
    st.characters(codec=None, exclude_categories=()),
    st.characters(categories=["Cs"]),
    st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Mn"]),
)

hostile_text = st.one_of(
    st.text(),
    st.text(ANY_CHARACTER),
    st.text(st.characters(max_codepoint=0x9F)),
    st.lists(st.one_of(st.sampled_from(MARKUP + ODD), st.text(ANY_CHARACTER, max_size=4))).map(
        "".join
    ),
    # very long: a short piece repeated up to 20,000 times
    st.builds(
        lambda piece, times: piece * times,
        st.text(ANY_CHARACTER, min_size=1, max_size=6),
        st.integers(500, 20_000),
    ),
)


def has_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)
