"""The columns of a comparison table and the roll-up of counts into them.

Counts are ``{(*by values, *dimension values): count}`` (``loading.Counts``);
``by`` is how many leading values are not dimensions (question, option...).
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from itertools import product

from surveys.aggregation.model import (
    ALL,
    OTHER,
    OVERALL_LABEL,
    Column,
    ColumnKind,
    Dimension,
)


def dimension_values(
    dimensions: Sequence[Dimension], responses: dict[tuple, int]
) -> list[list[tuple[str, str]]]:
    """Each dimension's (value, label), plus ``OTHER`` when a response has one.

    ``responses`` is keyed by the dimension values alone."""
    values = []
    for index, dimension in enumerate(dimensions):
        listed = [(value, str(label)) for value, label in dimension.values]
        known = {value for value, _label in listed}
        if any(key[index] not in known for key in responses):
            listed.append((OTHER, str(dimension.other_label)))
        values.append(listed)
    return values


def unlisted_mapper(
    values: list[list[tuple[str, str]]], by: int
) -> Callable[[tuple], tuple]:
    """A function mapping, in a key of ``by`` leading values then dimension
    values, the values not among a dimension's columns to ``OTHER``."""
    known = [{value for value, _label in listed} for listed in values]

    def mapped(key: tuple) -> tuple:
        dims = key[by:]
        return (
            *key[:by],
            *(v if v in k else OTHER for v, k in zip(dims, known, strict=True)),
        )

    return mapped


def map_unlisted(
    counts: dict[tuple, int], by: int, values: list[list[tuple[str, str]]]
) -> dict[tuple, int]:
    """Map the values not among a dimension's columns to ``OTHER``."""
    mapped = unlisted_mapper(values, by)
    result: defaultdict[tuple, int] = defaultdict(int)
    for key, count in counts.items():
        result[mapped(key)] += count
    return dict(result)


def build_columns(
    dimensions: Sequence[Dimension], values: list[list[tuple[str, str]]]
) -> list[Column]:
    """Every cross cell, then each dimension's totals (with 2+ dimensions), Ensemble."""
    if not dimensions:
        raise ValueError("aggregation needs at least one column dimension")
    columns = []
    for combination in product(*values):
        key = tuple(value for value, _label in combination)
        labels = tuple(label for _value, label in combination)
        if len(dimensions) == 1:
            heading, label = str(dimensions[0].label), labels[0]
        else:
            heading, label = labels[0], " · ".join(labels[1:])
        columns.append(Column(key, ColumnKind.CELL, "cells", heading, label, labels))
    if len(dimensions) > 1:
        for index, dimension in enumerate(dimensions):
            heading = str(dimension.total_label or dimension.label)
            for value, label in values[index]:
                key = tuple(value if i == index else ALL for i in range(len(values)))
                columns.append(
                    Column(
                        key,
                        ColumnKind.TOTAL,
                        f"total:{dimension.key}",
                        heading,
                        label,
                        (label,),
                    )
                )
    overall = str(OVERALL_LABEL)
    columns.append(
        Column((ALL,) * len(dimensions), ColumnKind.OVERALL, "overall", overall, "", ())
    )
    return columns


def rollup(
    counts: dict[tuple, int], columns: Sequence[Column], by: int
) -> dict[tuple, int]:
    """Sum the counts into every column's key: {(*by values, *column.key): total}."""
    patterns = list(dict.fromkeys(_pattern(column) for column in columns))
    totals: defaultdict[tuple, int] = defaultdict(int)
    for key, count in counts.items():
        lead, dims = key[:by], key[by:]
        for pattern in patterns:
            rolled = (v if keep else ALL for v, keep in zip(dims, pattern, strict=True))
            totals[(*lead, *rolled)] += count
    return dict(totals)


def _pattern(column: Column) -> tuple[bool, ...]:
    return tuple(value != ALL for value in column.key)
