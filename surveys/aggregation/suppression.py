"""Which cells the anonymity threshold hides, totals included.

A cell with fewer respondents than the threshold is hidden, an empty one too
(so that "< 3" does not tell 0 from 1 or 2). Then, so that a hidden count
cannot be recovered by subtracting the visible cells from their visible total,
more cells are hidden until what the hidden parts of each total add up to is
either zero or at least the threshold (secondary suppression).

"Hidden" means what a reader cannot work out: a hidden cell that is the only
unknown part of a known total, or a hidden total whose parts are all known, is
as good as shown (and so, in turn, may give another cell away). Those
deductions are followed to the end before a total is judged safe.
"""

from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import combinations

from surveys.aggregation.model import ALL, Column

Partition = tuple[tuple, list[tuple]]


def hidden_keys(
    columns: Sequence[Column],
    respondents: dict[tuple, int],
    threshold: int,
    already_hidden: Iterable[tuple] = (),
    keep: Iterable[tuple] = (),
) -> set[tuple]:
    """The keys of the columns to hide for one question.

    ``already_hidden`` are cells hidden anyway (e.g. never shown): they are
    guarded like the small ones. ``keep`` are cells shown elsewhere as they are:
    never hidden to protect another one.
    """
    if threshold <= 1:
        return set()  # nothing to protect: even an empty cell is just zero
    keys = tuple(column.key for column in columns)
    hidden = {key for key in keys if respondents.get(key, 0) < threshold}
    hidden.update(already_hidden)
    kept = set(keep)
    partitions = _partitions(keys)
    while True:
        known, sources = _deducible(keys, hidden, respondents, partitions)

        def small(key: tuple) -> bool:
            return 0 < respondents.get(key, 0) < threshold

        def leaks(partition: Partition, known=known) -> bool:
            parent, children = partition
            if parent not in known:
                return False
            masked = sum(respondents.get(k, 0) for k in children if k not in known)
            worked_out = any(k in hidden and k in known and small(k) for k in children)
            return 0 < masked < threshold or worked_out

        leaking = [partition for partition in partitions if leaks(partition)]
        # A small total worked out from its parts, with no total above it.
        leaking += [
            (key, [])
            for key in hidden
            if key in known and small(key) and key in sources
        ]
        if not leaking:
            return hidden
        extra = _complement(leaking, hidden | kept, known, sources, respondents)
        if not extra:
            # Not expected (something shown explains every leak): hide the rest.
            extra = {k for k in keys if k not in hidden | kept and respondents.get(k)}
            if not extra:
                return hidden
        hidden.update(extra)


def _deducible(
    keys: tuple[tuple, ...],
    hidden: set[tuple],
    respondents: dict[tuple, int],
    partitions: tuple[Partition, ...],
) -> tuple[set[tuple], dict[tuple, Partition]]:
    """What a reader knows: the shown cells, then what subtraction and addition
    give away; and for each hidden cell worked out, the total it came from."""
    known = {key for key in keys if key not in hidden}
    sources: dict[tuple, Partition] = {}
    changed = True
    while changed:
        changed = False
        for partition in partitions:
            parent, children = partition
            unknown = [key for key in children if key not in known]
            if parent in known and unknown:
                rest = respondents.get(parent, 0) - sum(
                    respondents.get(key, 0) for key in children if key in known
                )
                # The last unknown part, or unknown parts that must all be zero.
                if len(unknown) == 1 or rest == 0:
                    for key in unknown:
                        known.add(key)
                        sources[key] = partition
                    changed = True
            elif parent not in known and not unknown:
                known.add(parent)
                sources[parent] = partition
                changed = True
    return known, sources


def _complement(
    leaking: list[Partition],
    unavailable: set[tuple],
    known: set[tuple],
    sources: dict[tuple, Partition],
    respondents: dict[tuple, int],
) -> set[tuple]:
    """The shown cell(s) to hide next for the first leak: one of its parts, else
    one its known parts were worked out from; one that also closes another leak,
    else the smallest, so that as few figures as possible disappear."""
    parent, children = leaking[0]

    def shown(candidates: Iterable[tuple]) -> list[tuple]:
        return [
            key
            for key in candidates
            if key not in unavailable and respondents.get(key, 0) > 0
        ]

    candidates = shown(children) or shown(
        _origins([parent, *children], known, sources, unavailable)
    )
    if not candidates:
        return {parent} if parent not in unavailable else set()

    def cost(key: tuple) -> tuple[int, int]:
        closes = sum(1 for _parent, others in leaking if key in others)
        return (-closes, respondents.get(key, 0))

    return {min(candidates, key=cost)}


def _origins(
    start: list[tuple],
    known: set[tuple],
    sources: dict[tuple, Partition],
    unavailable: set[tuple],
) -> list[tuple]:
    """The shown cells that the worked-out cells among ``start`` came from."""
    found, seen, todo = [], set(), [key for key in start if key in sources]
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        parent, children = sources[key]
        for other in (parent, *children):
            if other == key or other not in known:
                continue
            if other in sources:
                todo.append(other)
            elif other not in unavailable:
                found.append(other)
    return found


@lru_cache(maxsize=16)
def _partitions(keys: tuple[tuple, ...]) -> tuple[Partition, ...]:
    """(total, the columns that split it), for every way a total is split.

    Ensemble is split by territory, by group and by territory x group; a
    territory total is split by group: each split is a subtraction to guard.
    The same for every question of a table, hence cached.
    """
    partitions = []
    for parent in keys:
        summed = [index for index, value in enumerate(parent) if value == ALL]
        for size in range(1, len(summed) + 1):
            for split in combinations(summed, size):
                children = [key for key in keys if _refines(key, parent, split)]
                if children:
                    partitions.append((parent, children))
    return tuple(partitions)


def _refines(key: tuple, parent: tuple, split: tuple[int, ...]) -> bool:
    """Whether ``key`` is one part of ``parent`` split along the ``split`` dims."""
    return all(
        key[index] != ALL if index in split else key[index] == parent[index]
        for index in range(len(parent))
    )
