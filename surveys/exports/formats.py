"""Cell styles and page setup shared by every sheet of the workbook."""

from flask_babel import gettext as _
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

_BORDER = {"border": 1, "border_color": "#B7BEC8"}
_HEADER = {"bold": True, "bg_color": "#E8ECF1", "text_wrap": True, "valign": "top"}
# Rows of a comparison table: breakdown cells, totals, the overall column.
_ROW_FILL = {"cell": {}, "total": {"bg_color": "#F3F5F8"}, "overall": {"bold": True}}

_STYLES: dict[str, dict] = {
    "title": {"bold": True, "font_size": 14},
    "heading": {"bold": True, "font_size": 12, "font_color": "#1F3A5F"},
    "bold": {"bold": True},
    "muted": {"font_color": "#545E6E", "italic": True},
    "warning": {"bold": True, "font_color": "#9C2A1C"},
    "wrap": {"text_wrap": True, "valign": "top"},
    "muted_wrap": {"text_wrap": True, "valign": "top", "font_color": "#545E6E"},
    "header": {**_HEADER, **_BORDER, "align": "center"},
    "header_left": {**_HEADER, **_BORDER},
    "group": {"bold": True, "bg_color": "#F3F5F8", "top": 1, "top_color": "#B7BEC8"},
    "group_count": {
        "italic": True,
        "font_color": "#545E6E",
        "bg_color": "#F3F5F8",
        "top": 1,
        "top_color": "#B7BEC8",
    },
    "verbatim": {"text_wrap": True, "valign": "top", "indent": 1},
}

# Figure styles of table cells: a number format, or the hidden "< k" mark.
_FIGURES: dict[str, dict] = {
    "label": {"text_wrap": True},
    "count": {"num_format": "0"},
    "percent": {"num_format": "0%"},
    "decimal": {"num_format": "0.0"},
    "score": {"num_format": "0%"},
    "text": {"text_wrap": True, "valign": "top"},
    "hidden": {"italic": True, "font_color": "#545E6E", "align": "center"},
    "empty": {},
}


class Formats:
    """The workbook's formats, made once each and reused (xlsxwriter keeps them)."""

    def __init__(self, workbook: Workbook) -> None:
        self._workbook = workbook
        self._cache: dict[tuple, object] = {}

    def __getitem__(self, name: str):
        return self._make(("style", name), _STYLES[name])

    def figure(self, name: str, row_kind: str = "cell", block_start: bool = False):
        """A bordered table cell; totals shaded, the overall row bold, a thicker
        line above the first row of each block."""
        key = ("figure", name, row_kind, block_start)
        properties = {**_BORDER, **_FIGURES[name], **_ROW_FILL[row_kind]}
        if block_start:
            properties.update({"top": 2, "top_color": "#8A94A6"})
        return self._make(key, properties)

    def _make(self, key: tuple, properties: dict):
        if key not in self._cache:
            self._cache[key] = self._workbook.add_format(properties)
        return self._cache[key]


def set_up_page(sheet: Worksheet, title: str, repeat: tuple[int, int] | None = None):
    """Landscape A4, one page wide, the workshop in the header, page numbers."""
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    # "&" starts a control code in headers and footers: double it in text.
    safe_title = title.replace("&", "&&")[:120]
    sheet.set_header(f"&L{safe_title}&R&A", {"margin": 0.3})
    page = _("Page %(page)s sur %(pages)s", page="&P", pages="&N")
    sheet.set_footer(f"&C{page}", {"margin": 0.3})
    if repeat is not None:
        sheet.repeat_rows(*repeat)
