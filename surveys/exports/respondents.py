"""Responses per column of a comparison table, small ones hidden.

The question tables count the respondents of each question; the workbook also
states how many people answered in each cell at all. Those counts are read and
rolled up with the aggregation's own functions, and hidden by the same rule
(threshold and complementary suppression), so that they cannot reveal what a
question table hides.
"""

from collections.abc import Mapping

from surveys.aggregation import ALL, HIDDEN, Cell, Results, loading
from surveys.aggregation.columns import map_unlisted, rollup
from surveys.aggregation.suppression import hidden_keys


def responses_by_column(
    questionnaire_id: int, results: Results, filters: Mapping[str, str]
) -> dict[tuple, Cell]:
    """{column key: Cell(count=responses)} over ``results.columns``, or HIDDEN."""
    keys = list(results.dimension_keys)
    raw = loading.response_counts(questionnaire_id, dict(filters), keys)
    counts = rollup(map_unlisted(raw, 0, _listed_values(results)), results.columns, 0)
    columns = results.columns
    hidden = hidden_keys(columns, counts, results.threshold)
    return {
        column.key: HIDDEN
        if column.key in hidden
        else Cell(count=counts.get(column.key, 0))
        for column in columns
    }


def _listed_values(results: Results) -> list[list[tuple[str, str]]]:
    """Each dimension's values as the columns hold them (``OTHER`` included), so
    that unlisted values fall in the same "Inconnu" column as in the tables."""
    values: list[dict[str, str]] = [{} for _key in results.dimension_keys]
    for column in results.columns:
        for index, value in enumerate(column.key):
            if value != ALL:
                values[index].setdefault(value, "")
    return [list(listed.items()) for listed in values]
