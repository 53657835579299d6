"""Native Excel charts of a question sheet's table.

- single choice and scales: 100 % stacked bars, one bar per line of the table
  (scales coloured from disagreement to agreement);
- multiple choice: clustered bars (shares do not add up to 100 %);
- numbers: columns of the means.

Series reference the sheet's cells, so the chart follows the table; hidden
cells are text ("< k") and show as gaps. The cached values are given too
(the constant-memory writer cannot read them back), so viewers that do not
recalculate (previews, phones) draw the same chart.
"""

from collections.abc import Sequence

from xlsxwriter.chart import Chart
from xlsxwriter.workbook import Workbook

from surveys.aggregation import QuestionResult, Results, RowKind
from surveys.exports.sheets.tables import value_labels

QUALITATIVE = (
    "#2F6690",
    "#D1495B",
    "#EDAE49",
    "#00798C",
    "#66A182",
    "#8E6C8A",
    "#3A3A3A",
    "#A8763E",
    "#8AB6D6",
    "#C9C9C9",
)
# Disagreement -> neutral -> agreement.
_DIVERGING = ((0xC0, 0x39, 0x2B), (0xDD, 0xDD, 0xDD), (0x1B, 0x78, 0x37))
_WIDTH = 880


def add_question_chart(
    workbook: Workbook,
    sheet_name: str,
    results: Results,
    question: QuestionResult,
    fields: Sequence,
    dims: int,
    first_row: int,
) -> Chart | None:
    """The question's chart, or None for a question without figures to plot."""
    last_row = first_row + len(results.columns) - 1
    categories = _categories(results, dims)
    shares = [field for field in fields if field.figure == "share"]
    means = [field for field in fields if field.row.kind is RowKind.MEAN]
    is_scale = bool(shares) and bool(means)
    if shares:
        subtype = "clustered" if question.multiple else "percent_stacked"
        chart = workbook.add_chart({"type": "bar", "subtype": subtype})
        plotted = shares
        colours = diverging(len(shares)) if is_scale else _qualitative(len(shares))
        height = 110 + len(results.columns) * (
            8 * len(shares) + 6 if question.multiple else 20
        )
    elif means:
        chart = workbook.add_chart({"type": "column"})
        plotted = means
        colours = [QUALITATIVE[0]]
        height = 380
    else:
        return None
    for field, colour in zip(plotted, colours, strict=True):
        col = dims + list(fields).index(field)
        chart.add_series(
            {
                "name": field.row.label,
                "categories": [sheet_name, first_row, 0, last_row, dims - 1],
                "categories_data": categories,
                "values": [sheet_name, first_row, col, last_row, col],
                "values_data": [
                    None if cell.hidden else getattr(cell, field.figure)
                    for cell in field.row.cells
                ],
                "fill": {"color": colour},
                "border": {"color": "#FFFFFF"} if shares else {"none": True},
                "gap": 60,
            }
        )
    title = f"{question.code} — {question.label}"
    chart.set_title({"name": title[:120], "name_font": {"size": 11, "bold": True}})
    chart.set_legend({"position": "bottom"} if shares else {"none": True})
    if shares:
        # Bars: y is the category axis; keep the table's order, top to bottom.
        chart.set_y_axis({"reverse": True, "num_font": {"size": 8}})
        chart.set_x_axis({"num_format": "0%", "min": 0})
    else:
        chart.set_x_axis({"num_font": {"size": 8, "rotation": -45}})
        chart.set_y_axis({"num_format": "0.0", "min": 0})
    chart.set_size({"width": _WIDTH, "height": min(max(height, 320), 1600)})
    return chart


def _categories(results: Results, dims: int) -> list:
    """Cached category labels: one list per dimension (outer first) when there
    are several, the outer label only where it changes, as Excel groups them."""
    labels = [value_labels(column) for column in results.columns]
    if dims == 1:
        return [row[0] for row in labels]
    levels = []
    for level in range(dims):
        values = [row[level] for row in labels]
        if level < dims - 1:
            values = [
                value if i == 0 or values[i - 1] != value else None
                for i, value in enumerate(values)
            ]
        levels.append(values)
    return levels


def _qualitative(count: int) -> list[str]:
    return [QUALITATIVE[i % len(QUALITATIVE)] for i in range(count)]


def diverging(count: int) -> list[str]:
    """``count`` colours from red (disagree) through grey to green (agree)."""
    colours = []
    for index in range(count):
        # Position along the two segments red -> grey -> green, from 0 to 2.
        position = 1.0 if count == 1 else 2 * index / (count - 1)
        segment = min(int(position), 1)
        fraction = position - segment
        low, high = _DIVERGING[segment], _DIVERGING[segment + 1]
        rgb = [round(a + (b - a) * fraction) for a, b in zip(low, high, strict=True)]
        colours.append("#{:02X}{:02X}{:02X}".format(*rgb))
    return colours
