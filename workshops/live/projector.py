"""What the projector shows, as one JSON-ready dict.

The projector page is rendered from it and ``static/js/projector.js`` redraws
the page from the same dict fetched again (``state.json``), so both always say
the same. The results of the projected question are in it only once revealed.
"""

import hashlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _

from surveys.aggregation import ALL, Column, ColumnKind, QuestionResult, Results
from workshops.labels import STATE_LABELS
from workshops.live import queries
from workshops.live.texts import PROJECTOR_MESSAGES
from workshops.models import WorkingGroup, WorkshopSession
from workshops.results.charts import chart_data
from workshops.results.formatting import format_cell, format_count
from workshops.sessions.qr import join_url


@dataclass(frozen=True)
class ProjectorOptions:
    """One working group's room, or the groups side by side, or neither."""

    working_group: WorkingGroup | None = None
    compare_working_groups: bool = False


def short_join_url(session: WorkshopSession) -> str:
    """The join address without its scheme, e.g. "atelier.org/j/ABC234"."""
    parts = urlsplit(join_url(current_app, session))
    return parts.netloc + parts.path


def projector_payload(
    session: WorkshopSession,
    options: ProjectorOptions,
    tallies: queries.LiveTallies | None = None,
) -> dict:
    """Everything the projector shows, in plain JSON types; ``tallies``: the
    rows already read for its ETag."""
    group = None if options.compare_working_groups else options.working_group
    filters = queries.live_filters(session, group)
    tallies = tallies or queries.read_tallies(session)
    return {
        "version": session.live_version,
        "state": session.state.value,
        "state_label": str(STATE_LABELS[session.state]),
        "state_message": str(PROJECTOR_MESSAGES.get(session.state, "")),
        "pacing": session.pacing.value,
        "join": {"code": session.join_code, "url": short_join_url(session)},
        "working_group": None
        if group is None
        else {"id": group.id, "name": group.name, "prompt": group.prompt},
        "participants": _participants(session, filters, tallies),
        "question": _question(
            session, filters, options.compare_working_groups, tallies
        ),
    }


def projector_etag(
    session: WorkshopSession, options: ProjectorOptions, tallies: queries.LiveTallies
) -> str:
    """The ETag of what the projector would show, without computing it."""
    group = options.working_group
    key = (
        queries.figures_fingerprint(session, tallies),
        None if group is None else group.id,
        options.compare_working_groups,
        str(get_locale()),
        short_join_url(session),
    )
    return hashlib.sha256(repr(key).encode()).hexdigest()[:32]


def _participants(
    session: WorkshopSession, filters: dict[str, str], tallies: queries.LiveTallies
) -> dict:
    counts = queries.participant_counts(session, filters, tallies)
    threshold = counts.threshold

    def text(key: tuple) -> dict:
        cell = counts.cells[key]
        if cell.hidden:
            return {"text": f"< {threshold}", "hidden": True}
        return {"text": format_count(cell.count or 0), "hidden": False}

    territories = _totals(counts.columns, 0)
    groups = _totals(counts.columns, 1)
    rows = [
        {
            "label": label,
            "cells": [text((value, g)) for g, _l in groups] + [text((value, ALL))],
        }
        for value, label in territories
    ]
    rows.append(
        {
            "label": _("Total"),
            "cells": [text((ALL, g)) for g, _l in groups] + [text((ALL, ALL))],
            "total": True,
        }
    )
    count = counts.total
    return {
        "count": count,
        "count_label": ngettext("%(num)d participant", "%(num)d participants", count),
        "headers": [label for _v, label in groups] + [_("Total")],
        "rows": rows,
        "threshold": threshold,
    }


def _totals(columns: tuple[Column, ...], index: int) -> list[tuple[str, str]]:
    """(value, label) of one dimension, from its total columns."""
    return [
        (column.key[index], column.label)
        for column in columns
        if column.kind is ColumnKind.TOTAL and column.key[index] != ALL
    ]


def _question(
    session: WorkshopSession,
    filters: dict[str, str],
    compare: bool,
    tallies: queries.LiveTallies,
):
    question = session.current_question
    if question is None:
        return None
    ids = queries.question_ids(session)
    answers = queries.count_answers(tallies.answers, filters)
    data = {
        "id": question.id,
        "code": question.code,
        "label": question.label,
        "number": _(
            "Question %(position)s sur %(count)s",
            position=ids.index(question.id) + 1 if question.id in ids else "?",
            count=len(ids),
        ),
        "answers": answers,
        "answers_label": ngettext("%(num)d réponse", "%(num)d réponses", answers),
        "revealed": session.results_revealed,
        "masked_message": ngettext(
            "Résultats masqués : %(num)d réponse reçue",
            "Résultats masqués : %(num)d réponses reçues",
            answers,
        ),
        "table": None,
        "chart": None,
    }
    if session.results_revealed:
        dimension = (
            queries.working_group_dimension(queries.compared_working_groups(session))
            if compare
            else queries.territory_dimension(session)
        )
        results, result = queries.question_table(session, question, filters, dimension)
        data["table"] = _table(results, result)
        data["chart"] = chart_data(results, result)
    return data


def _table(results: Results, result: QuestionResult) -> dict:
    return {
        "headers": [column.title for column in results.columns],
        "rows": [
            {
                "label": row.label,
                "kind": row.kind.value,
                "cells": [
                    {
                        "text": format_cell(row, cell, results.threshold),
                        "hidden": cell.hidden,
                    }
                    for cell in row.cells
                ],
            }
            for row in result.rows
        ],
    }
