"""Exports of a questionnaire's results: the xlsx workbook and the tidy CSV."""

from surveys.exports.context import (
    Comparison,
    ExtraSheet,
    ReadmeSection,
    RecordTable,
    WorkbookContext,
)
from surveys.exports.names import SheetNames
from surveys.exports.sheets.readme import anonymity_rule
from surveys.exports.workbook import WORKBOOK_OPTIONS, write_results_workbook

__all__ = [
    "WORKBOOK_OPTIONS",
    "Comparison",
    "ExtraSheet",
    "ReadmeSection",
    "RecordTable",
    "SheetNames",
    "WorkbookContext",
    "anonymity_rule",
    "write_results_workbook",
]
