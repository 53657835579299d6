"""Hidden cells cannot be worked out from the totals and the cells shown."""

import random

import pytest

from surveys.aggregation.model import ALL, Column, ColumnKind
from surveys.aggregation.suppression import _partitions, hidden_keys


def table(cells: dict[tuple, int]) -> dict[tuple, int]:
    """Territory x group cells with their totals and Ensemble."""
    counts = dict(cells)
    for territory, group in cells:
        counts.setdefault((territory, ALL), 0)
        counts.setdefault((ALL, group), 0)
    for (territory, group), n in cells.items():
        counts[(territory, ALL)] += n
        counts[(ALL, group)] += n
    counts[(ALL, ALL)] = sum(cells.values())
    return counts


def worked_out(counts: dict[tuple, int], hidden: set[tuple]) -> dict[tuple, int]:
    """What a reader works out by subtracting and adding what is shown: the last
    unknown part of a known total, a total of known parts, and zeros when the
    known parts already make the total."""
    known = {key: n for key, n in counts.items() if key not in hidden}
    partitions = _partitions(tuple(counts))
    changed = True
    while changed:
        changed = False
        for parent, children in partitions:
            unknown = [key for key in children if key not in known]
            if parent in known and unknown:
                rest = known[parent] - sum(known.get(key, 0) for key in children)
                if len(unknown) == 1 or rest == 0:
                    known[unknown[0]] = rest
                    known.update(dict.fromkeys(unknown[1:], 0))
                    changed = True
            elif parent not in known and not unknown:
                known[parent] = sum(known[key] for key in children)
                changed = True
    return known


def hide(counts, threshold):
    columns = [Column(key, ColumnKind.CELL, "", "", "", ()) for key in counts]
    return hidden_keys(columns, counts, threshold)


def test_a_hidden_cell_is_not_given_away_by_a_chain_of_subtractions():
    # Nobody answered as Techniciens or Associations (Ensemble 12 = Élus 7 +
    # Habitants 5): Savoie (6) minus Savoie · Élus (3) gives Savoie · Habitants,
    # then Habitants (5) minus it gives Bignona · Habitants, 2 respondents.
    cells = {(t, g): 0 for t in ("Savoie", "Bignona") for g in ("É", "T", "A", "H")}
    cells.update(
        {
            ("Savoie", "É"): 3,
            ("Savoie", "H"): 3,
            ("Bignona", "É"): 4,
            ("Bignona", "H"): 2,
        }
    )
    counts = table(cells)
    hidden = hide(counts, 3)
    assert ("Bignona", "H") in hidden
    assert ("Bignona", "H") not in worked_out(counts, hidden)
    assert ("Savoie", "É") in hidden


@pytest.mark.parametrize("seed", range(4))
def test_no_small_cell_can_be_worked_out(seed):
    rnd = random.Random(seed)  # noqa: S311 - reproducible test tables
    for _ in range(150):
        territories, groups = rnd.choice([(2, 4), (3, 4), (2, 2), (4, 5)])
        threshold = rnd.choice([2, 3, 5])
        cells = {
            (f"t{t}", f"g{g}"): rnd.choice([0, 0, 1, 1, 2, 3, 4, 5, 6, 8, 10])
            for t in range(territories)
            for g in range(groups)
        }
        counts = table(cells)
        hidden = hide(counts, threshold)
        known = worked_out(counts, hidden)
        given_away = [
            key for key in hidden if key in known and 0 < counts[key] < threshold
        ]
        assert not given_away, (cells, threshold, hidden)
        # The small cells themselves are hidden.
        assert all(key in hidden for key, n in counts.items() if n < threshold)
