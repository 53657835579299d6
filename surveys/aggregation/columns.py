"""The columns of a comparison table and the roll-up of counts into them."""

from collections.abc import Sequence
from itertools import product

import pandas as pd

from surveys.aggregation.model import (
    ALL,
    OTHER,
    OVERALL_LABEL,
    Column,
    ColumnKind,
    Dimension,
)


def dimension_values(
    dimensions: Sequence[Dimension], responses: pd.DataFrame, dim_columns: list[str]
) -> list[list[tuple[str, str]]]:
    """Each dimension's (value, label), plus ``OTHER`` when a response has one."""
    values = []
    for dimension, column in zip(dimensions, dim_columns, strict=True):
        listed = [(value, str(label)) for value, label in dimension.values]
        known = {value for value, _label in listed}
        if not responses.empty and not responses[column].isin(known).all():
            listed.append((OTHER, str(dimension.other_label)))
        values.append(listed)
    return values


def map_unlisted(
    frame: pd.DataFrame, dim_columns: list[str], values: list[list[tuple[str, str]]]
) -> pd.DataFrame:
    """Map the values not among a dimension's columns to ``OTHER``."""
    if frame.empty:
        return frame
    frame = frame.copy()
    for column, listed in zip(dim_columns, values, strict=True):
        known = {value for value, _label in listed}
        frame[column] = frame[column].where(frame[column].isin(known), OTHER)
    return frame


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
    frame: pd.DataFrame,
    columns: Sequence[Column],
    dim_columns: list[str],
    by: list[str],
    value: str,
) -> dict[tuple, float]:
    """Sum ``value`` into every column's key: {(*by, *column.key): total}."""
    if frame.empty:
        return {}
    patterns = list(dict.fromkeys(_pattern(column) for column in columns))
    parts = []
    for pattern in patterns:
        part = frame[[*by, *dim_columns, value]].copy()
        for column, keep in zip(dim_columns, pattern, strict=True):
            if not keep:
                part[column] = ALL
        parts.append(part)
    combined = pd.concat(parts, ignore_index=True)
    summed = combined.groupby([*by, *dim_columns], sort=False)[value].sum()
    return {
        (key if isinstance(key, tuple) else (key,)): total
        for key, total in summed.items()
    }


def _pattern(column: Column) -> tuple[bool, ...]:
    return tuple(value != ALL for value in column.key)
