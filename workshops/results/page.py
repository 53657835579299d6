"""Everything the results page and its printable version show, from one
aggregation: the tables, where territories and actor groups (or working groups)
diverge or converge, the changes between waves, the charts and the cells that
stand out."""

import math
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from surveys.aggregation import Results
from surveys.aggregation.divergence import (
    MIN_RESPONDENTS,
    Divergence,
    convergences,
    divergences,
)
from surveys.aggregation.waves import WaveComparison
from workshops.models import Workshop
from workshops.results.charts import chart_data
from workshops.results.highlights import Highlights, find_highlights
from workshops.results.queries import (
    ResultFilters,
    workshop_results,
    workshop_wave_changes,
)

TOP = 5

# (dimension key, "divergent" title, "convergent" title)
_COMPARISONS = (
    (
        "territory",
        _l("Où les territoires divergent le plus"),
        _l("Où ils convergent"),
    ),
    (
        "group",
        _l("Où les collèges d’acteurs divergent le plus"),
        _l("Où ils convergent"),
    ),
)
_WORKING_GROUP_COMPARISONS = (
    (
        "working_group",
        _l("Où les groupes de travail divergent le plus"),
        _l("Où ils convergent"),
    ),
)


@dataclass(frozen=True)
class Comparison:
    """The top divergences and convergences between the values of a dimension."""

    dimension: str
    divergent_title: str
    convergent_title: str
    divergent: list[Divergence]
    convergent: list[Divergence]


@dataclass(frozen=True)
class ResultsPage:
    results: Results
    comparisons: list[Comparison]
    waves: WaveComparison | None
    charts: dict[int, dict]
    highlights: Highlights
    # The columns are the working groups rather than territory x actor group.
    by_working_group: bool = False
    # Respondents per side for a convergence to count.
    min_respondents: int = MIN_RESPONDENTS


def _comparison(
    results: Results, key: str, divergent_title: str, convergent_title: str
) -> Comparison:
    """The top of both ends; with few questions, each question on one side only
    (the more divergent half first)."""
    scored = divergences(results, key)
    divergent = scored[: min(TOP, math.ceil(len(scored) / 2))]
    shown = {divergence.question_id for divergence in divergent}
    convergent = [c for c in convergences(results, key) if c.question_id not in shown]
    return Comparison(
        key, divergent_title, convergent_title, divergent, convergent[:TOP]
    )


def build_results_page(workshop: Workshop, filters: ResultFilters) -> ResultsPage:
    """The figures of the results page (and of its printable version)."""
    results = workshop_results(workshop, filters)
    compared = _WORKING_GROUP_COMPARISONS if filters.by_working_group else _COMPARISONS
    comparisons = [
        _comparison(results, key, str(divergent_title), str(convergent_title))
        for key, divergent_title, convergent_title in compared
    ]
    charts = {}
    for question in results.questions:
        chart = chart_data(results, question)
        if chart is not None:
            charts[question.question_id] = chart
    return ResultsPage(
        results=results,
        comparisons=comparisons,
        waves=workshop_wave_changes(workshop, filters)
        if results.response_count
        else None,
        charts=charts,
        highlights=find_highlights(
            results, {c.dimension: c.divergent for c in comparisons}
        ),
        by_working_group=filters.by_working_group,
    )
