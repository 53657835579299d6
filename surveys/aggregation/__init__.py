"""Comparison tables: answers counted per breakdown cell, small cells hidden.

Generic over the dimensions a response carries (territory, actor group, wave,
working group...): the caller names them and their values.
"""

from surveys.aggregation.collation import collation_key
from surveys.aggregation.model import (
    ALL,
    HIDDEN,
    OTHER,
    Cell,
    Column,
    ColumnKind,
    Dimension,
    HeaderCell,
    QuestionResult,
    Results,
    Row,
    RowKind,
    TextGroup,
)
from surveys.aggregation.tables import aggregate

__all__ = [
    "ALL",
    "HIDDEN",
    "OTHER",
    "Cell",
    "Column",
    "ColumnKind",
    "Dimension",
    "HeaderCell",
    "QuestionResult",
    "Results",
    "Row",
    "RowKind",
    "TextGroup",
    "aggregate",
    "collation_key",
]
