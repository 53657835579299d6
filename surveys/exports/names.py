"""Sheet names Excel accepts: unique, at most 31 characters, no []:*?/\\."""

import re

SHEET_NAME_MAX = 31
_FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


class SheetNames:
    """Valid, unique sheet names: no []:*?/\\, at most 31 characters."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def add(self, wanted: str) -> str:
        base = " ".join(_FORBIDDEN_IN_SHEET_NAMES.sub(" ", wanted).split())
        base = base.strip("'") or "Feuille"
        name = _cut(base, SHEET_NAME_MAX)
        number = 1
        while name.casefold() in self._taken:
            number += 1
            suffix = f" ({number})"
            name = _cut(base, SHEET_NAME_MAX - len(suffix)) + suffix
        self._taken.add(name.casefold())
        return name


def _cut(text: str, length: int) -> str:
    """Shorten without leaving a trailing space or apostrophe (Excel refuses it)."""
    return text[:length].rstrip(" '")
