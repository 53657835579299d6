"""Free texts in alphabetical order, ignoring case and accents."""

import random
import unicodedata

import pytest

from surveys.aggregation import collation_key
from surveys.aggregation.collation import sort_texts


def plain_key(text: str) -> tuple[str, str]:
    """The definition: decomposed, every combining mark removed, case-folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    base = "".join(char for char in decomposed if not unicodedata.combining(char))
    return (base.casefold(), text)


def test_accents_and_case_do_not_change_the_order():
    texts = ["Zoé", "élus", "Ecole", "elus", "école", "Œuvre", "abc"]
    assert sort_texts(texts) == (
        "abc",
        "Ecole",
        "école",
        "elus",
        "élus",
        "Zoé",
        "Œuvre",
    )


def test_texts_alike_on_their_first_characters_are_compared_in_full():
    start = "Les services sociaux du département "
    texts = [start + "sont éloignés", start + "sont Efficaces", start + "sont a"]
    assert sort_texts(texts) == (
        start + "sont a",
        start + "sont Efficaces",
        start + "sont éloignés",
    )


@pytest.mark.parametrize("seed", range(5))
def test_same_order_as_the_definition(seed):
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    pool = [chr(code) for code in range(0x3000)] + list("éèàçœßİ’ \u0301\u0327") * 40
    for _ in range(300):
        common = "".join(rng.choices(pool, k=rng.randint(0, 60)))
        texts = [
            common[: rng.randint(0, len(common))]
            + "".join(rng.choices(pool, k=rng.randint(0, 40)))
            for _ in range(rng.randint(0, 30))
        ]
        assert sort_texts(texts) == tuple(sorted(texts, key=plain_key))
        assert [collation_key(text) for text in texts] == list(map(plain_key, texts))
