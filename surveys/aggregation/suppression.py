"""Which cells the anonymity threshold hides, totals included.

A cell with fewer respondents than the threshold is hidden, an empty one too
(so that "< 3" does not tell 0 from 1 or 2). Then, so that a hidden count
cannot be recovered by subtracting the visible cells from their visible total,
more cells are hidden until what the hidden parts of each total add up to is
either zero or at least the threshold (secondary suppression).
"""

from collections.abc import Sequence
from itertools import combinations

from surveys.aggregation.model import ALL, Column

Partition = tuple[tuple, list[tuple]]


def hidden_keys(
    columns: Sequence[Column], respondents: dict[tuple, int], threshold: int
) -> set[tuple]:
    """The keys of the columns to hide for one question."""
    if threshold <= 1:
        return set()  # nothing to protect: even an empty cell is just zero
    hidden = {c.key for c in columns if respondents.get(c.key, 0) < threshold}
    partitions = _partitions(columns)

    def leaks(partition: Partition) -> bool:
        parent, children = partition
        if parent in hidden:
            return False
        masked = sum(respondents.get(key, 0) for key in children if key in hidden)
        return 0 < masked < threshold

    while leaking := [partition for partition in partitions if leaks(partition)]:
        parent, children = leaking[0]
        hidden.add(_complement(children, hidden, respondents, leaking) or parent)
    return hidden


def _complement(
    children: list[tuple],
    hidden: set[tuple],
    respondents: dict[tuple, int],
    leaking: list[Partition],
) -> tuple | None:
    """The visible cell to hide next: one that also closes another leak, else the
    smallest, so that as few figures as possible disappear."""
    candidates = [
        key for key in children if key not in hidden and respondents.get(key, 0) > 0
    ]
    if not candidates:
        return None

    def cost(key: tuple) -> tuple[int, int]:
        closes = sum(1 for _parent, others in leaking if key in others)
        return (-closes, respondents.get(key, 0))

    return min(candidates, key=cost)


def _partitions(columns: Sequence[Column]) -> list[tuple[tuple, list[tuple]]]:
    """(total, the columns that split it), for every way a total is split.

    Ensemble is split by territory, by group and by territory x group; a
    territory total is split by group: each split is a subtraction to guard.
    """
    keys = [column.key for column in columns]
    partitions = []
    for parent in keys:
        summed = [index for index, value in enumerate(parent) if value == ALL]
        for size in range(1, len(summed) + 1):
            for split in combinations(summed, size):
                children = [key for key in keys if _refines(key, parent, split)]
                if children:
                    partitions.append((parent, children))
    return partitions


def _refines(key: tuple, parent: tuple, split: tuple[int, ...]) -> bool:
    """Whether ``key`` is one part of ``parent`` split along the ``split`` dims."""
    return all(
        key[index] != ALL if index in split else key[index] == parent[index]
        for index in range(len(parent))
    )
