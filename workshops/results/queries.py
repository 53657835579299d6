"""Reads of the results page: the workshop's breakdown and its filters."""

from dataclasses import dataclass, replace

from flask_babel import gettext as _

from surveys.aggregation import Dimension, Results, RowKind, aggregate
from surveys.aggregation.waves import WaveComparison, wave_changes
from workshops.labels import wave_label
from workshops.models import Wave, WorkingGroup, Workshop, WorkshopSession

# The predefined waves come in this order; free labels follow, in session order.
_WAVE_ORDER = [wave.value for wave in (Wave.BASELINE, Wave.MIDTERM, Wave.FINAL)]
# The columns of the tables: territory x actor group (default), or working group.
COMPARE_DEFAULT = ""
COMPARE_WORKING_GROUPS = "working_groups"


@dataclass(frozen=True)
class ResultFilters:
    """Which responses the tables count (one session, wave and/or working group,
    or all) and what their columns compare."""

    session: WorkshopSession | None = None
    wave: str = ""
    working_group: WorkingGroup | None = None
    compare: str = COMPARE_DEFAULT

    @property
    def by_working_group(self) -> bool:
        """Whether the columns are the working groups, side by side."""
        return self.compare == COMPARE_WORKING_GROUPS

    def dimensions(self) -> dict[str, str]:
        """The filters as response dimensions, e.g. {"session": "4"}."""
        filters = {}
        if self.session is not None:
            filters["session"] = str(self.session.id)
        if self.wave:
            filters["wave"] = self.wave
        if self.working_group is not None:
            filters["working_group"] = str(self.working_group.id)
        return filters

    def query_args(self) -> dict[str, str]:
        """The filters and the comparison as URL parameters, to keep them in links."""
        args = {}
        if self.session is not None:
            args["session"] = str(self.session.id)
        if self.wave:
            args["wave"] = self.wave
        if self.working_group is not None:
            args["working_group"] = str(self.working_group.id)
        if self.compare:
            args["compare"] = self.compare
        return args

    def describe(self) -> str:
        """The filters and the comparison in words, for the workbook."""
        parts = []
        if self.session is not None:
            parts.append(_("Séance : %(label)s", label=self.session.label))
        if self.wave:
            parts.append(_("Vague : %(wave)s", wave=wave_label(self.wave)))
        if self.working_group is not None:
            parts.append(
                _("Groupe de travail : %(name)s", name=self.working_group.name)
            )
        if self.by_working_group:
            parts.append(_("Comparaison : groupes de travail"))
        # Translators: between two filters, e.g. "Séance : X ; Vague : Y".
        return _(" ; ").join(parts) or _("Aucun (toutes les réponses)")


def present_waves(workshop: Workshop) -> list[str]:
    """The waves of the workshop's sessions, in session order, without repeats."""
    return list(dict.fromkeys(s.wave for s in workshop.sessions if s.wave))


def ordered_waves(workshop: Workshop) -> list[tuple[str, str]]:
    """(wave, label) of the workshop's sessions: point zéro, mi-parcours, final,
    then free labels in the order of their first session."""
    waves = present_waves(workshop)
    predefined = [wave for wave in _WAVE_ORDER if wave in waves]
    free = [wave for wave in waves if wave not in _WAVE_ORDER]
    return [(wave, wave_label(wave)) for wave in predefined + free]


def find_filters(
    workshop: Workshop,
    session_id: str,
    wave: str,
    working_group_id: str = "",
    compare: str = COMPARE_DEFAULT,
) -> ResultFilters:
    """Filters from validated form values ("" means all)."""
    session = next((s for s in workshop.sessions if str(s.id) == session_id), None)
    working_group = next(
        (g for g in workshop.working_groups if str(g.id) == working_group_id), None
    )
    return ResultFilters(
        session=session,
        wave=wave or "",
        working_group=working_group,
        compare=compare or COMPARE_DEFAULT,
    )


def result_dimensions(
    workshop: Workshop, compare: str = COMPARE_DEFAULT
) -> tuple[Dimension, ...]:
    """Columns by territory x actor group, or by working group; ids as strings
    are the values."""
    if compare == COMPARE_WORKING_GROUPS:
        return (working_group_dimension(workshop),)
    return (
        Dimension(
            key="territory",
            label=_("Territoire"),
            values=tuple((str(t.id), t.name) for t in workshop.territories),
            total_label=_("Total par territoire"),
            other_label=_("Inconnu"),
        ),
        Dimension(
            key="group",
            label=_("Collège d’acteurs"),
            values=tuple((str(g.id), g.name) for g in workshop.actor_groups),
            total_label=_("Total par collège"),
            other_label=_("Inconnu"),
        ),
    )


def working_group_dimension(workshop: Workshop) -> Dimension:
    """The working groups; answers given outside any group fall in one column."""
    return Dimension(
        key="working_group",
        label=_("Groupe de travail"),
        values=tuple((str(g.id), g.name) for g in workshop.working_groups),
        total_label=_("Total par groupe de travail"),
        other_label=_("Sans groupe de travail"),
    )


def workshop_results(workshop: Workshop, filters: ResultFilters) -> Results:
    """The comparison tables of a workshop, with its anonymity threshold."""
    results = aggregate(
        workshop.questionnaire,
        result_dimensions(workshop, filters.compare),
        filters.dimensions(),
        threshold=workshop.anonymity_threshold,
    )
    return _without_unasked(results, reserved_question_ids(workshop))


def reserved_question_ids(workshop: Workshop) -> set[int]:
    """The questions asked only to some working groups."""
    return {q.id for group in workshop.working_groups for q in group.questions}


def _without_unasked(results: Results, reserved: set[int]) -> Results:
    """Questions reserved to working groups lose their "Sans réponse" row:
    most respondents were never asked them."""
    if not reserved:
        return results
    questions = tuple(
        replace(
            question,
            rows=tuple(r for r in question.rows if r.kind is not RowKind.NO_ANSWER),
        )
        if question.question_id in reserved
        else question
        for question in results.questions
    )
    return replace(results, questions=questions)


def workshop_wave_changes(
    workshop: Workshop, filters: ResultFilters
) -> WaveComparison | None:
    """How answers changed between the workshop's waves (None with one wave)."""
    return wave_changes(
        workshop.questionnaire,
        result_dimensions(workshop, filters.compare),
        ordered_waves(workshop),
        filters.dimensions(),
        threshold=workshop.anonymity_threshold,
    )
