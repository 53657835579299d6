"""Alphabetical order of free texts, ignoring case and accents.

"élus" sorts next to "elus". A large workshop has tens of thousands of free
texts, so sorting them does as little work per character as it can: texts
are first sorted on the key of their first characters only, and only the
texts that begin alike are compared in full.
"""

import re
import unicodedata
from collections.abc import Iterable

# The combining accents of Latin scripts, all but the grapheme joiner U+034F
# (not an accent): one regular expression strips them much faster than a test
# of every character.
_LATIN_ACCENTS = re.compile("[\u0300-\u034e\u0350-\u036f]")
# Characters whose key is computed first; enough to tell most texts apart.
_PREFIX = 32
_SEPARATOR = "\x00"


def collation_key(text: str) -> tuple[str, str]:
    """The sort key of a text: without case and accents, then the text itself."""
    return (_base(text), text)


def sort_texts(texts: Iterable[str]) -> tuple[str, ...]:
    """The texts in ``collation_key`` order.

    A text's base is the concatenation of its characters' bases, so the base
    of its first characters is a prefix of its full base: two texts whose
    prefix bases differ (neither starting the other) are already in order.
    """
    texts = list(texts)
    prefixes = _bases([text[:_PREFIX] for text in texts])
    ordered: list[str] = []
    alike: list[str] = []
    head = None
    for index in sorted(range(len(texts)), key=prefixes.__getitem__):
        if head is None or not prefixes[index].startswith(head):
            ordered.extend(_in_full_order(alike))
            head, alike = prefixes[index], []
        alike.append(texts[index])
    ordered.extend(_in_full_order(alike))
    return tuple(ordered)


def _in_full_order(texts: list[str]) -> list[str]:
    """Texts that begin alike, compared in full."""
    return sorted(texts, key=collation_key) if len(texts) > 1 else texts


def _base(text: str) -> str:
    """The text decomposed (NFKD), without combining marks, case-folded."""
    if text.isascii():
        return text.casefold()
    return _without_marks(_LATIN_ACCENTS.sub("", unicodedata.normalize("NFKD", text)))


def _bases(texts: list[str]) -> list[str]:
    """``_base`` of each text, normalised together in one call: joined by NUL,
    a character that normalisation leaves alone and never combines."""
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != max(len(texts) - 1, 0):
        return [_base(text) for text in texts]  # a text holds a NUL itself
    stripped = _LATIN_ACCENTS.sub("", unicodedata.normalize("NFKD", joined))
    return [_without_marks(part) for part in stripped.split(_SEPARATOR)][: len(texts)]


def _without_marks(text: str) -> str:
    """Case-folded, without the combining marks of other scripts."""
    if not text.isascii():
        text = "".join(char for char in text if not unicodedata.combining(char))
    return text.casefold()
