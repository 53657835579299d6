"""The English interface: every French text has its English translation.

The French texts are the gettext msgids; English comes from
``facilitator/translations/en/LC_MESSAGES/messages.po``. After adding or changing
a French text, run ``make extract-messages`` and translate the new entries.
"""

import os
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from facilitator.extensions import babel
from tests.conftest import post_form

ROOT = Path(__file__).resolve().parents[2]
EN_DIR = ROOT / "facilitator" / "translations" / "en" / "LC_MESSAGES"
EN_PO = EN_DIR / "messages.po"
EN_MO = EN_DIR / "messages.mo"
# The same keywords as `make extract-messages`.
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
# Named printf-style placeholders: %(name)s, %(count)d, %(value).1f ...
PLACEHOLDER_RE = re.compile(r"%\(\w+\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]")


def _read_catalog():
    with EN_PO.open("rb") as po:
        return read_po(po, locale="en")


def _forms(value) -> tuple[str, ...]:
    """A msgid or msgstr as a tuple: one item, or one per plural form."""
    return tuple(value) if isinstance(value, list | tuple) else (value,)


def _extracted_messages() -> dict[str, tuple[str, ...]]:
    """French texts in the source, as ``pybabel extract -F babel.cfg`` finds them.

    Keyed by the msgid (the singular one for plurals); the value holds every form.
    """
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, cfg.name)
    messages = {}
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        ROOT, method_map, options_map, keywords=KEYWORDS
    ):
        forms = _forms(message)
        if forms[0]:
            messages[forms[0]] = forms
    return messages


@pytest.fixture(scope="module", autouse=True)
def english_mo():
    """Compile the English catalogue (git-ignored) when missing or out of date.

    Flask-Babel caches the loaded translations on its ``Domain``, held by the
    shared ``Babel`` object across apps: drop it, so that the fresh file is read.
    """
    if not EN_MO.exists() or EN_MO.stat().st_mtime < EN_PO.stat().st_mtime:
        tmp = EN_MO.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as mo:
            write_mo(mo, _read_catalog())
        tmp.replace(EN_MO)
    vars(babel).pop("domain_instance", None)
    yield
    vars(babel).pop("domain_instance", None)


def test_source_messages_are_found():
    messages = _extracted_messages()
    assert "Connexion animateur·rice" in messages
    assert "Entrez le code" in messages  # lazy_gettext, as _l
    assert messages["%(num)d question"] == ("%(num)d question", "%(num)d questions")


def test_every_french_text_has_an_english_translation():
    catalog = _read_catalog()
    missing = []
    for msgid, forms in sorted(_extracted_messages().items()):
        entry = catalog.get(msgid)
        if (
            entry is None
            or entry.fuzzy
            or _forms(entry.id) != forms
            or not all(_forms(entry.string))
        ):
            missing.append(msgid)
    assert not missing, (
        "French texts without an English translation in "
        f"{EN_PO} (run `make extract-messages`, then translate):\n"
        + "\n".join(f"  {msgid!r}" for msgid in missing)
    )


def test_catalogue_has_no_fuzzy_or_empty_entry():
    problems = [
        entry.id
        for entry in _read_catalog()
        if entry.id and (entry.fuzzy or not all(_forms(entry.string)))
    ]
    assert not problems


def test_placeholders_are_kept():
    mismatches = []
    for entry in _read_catalog():
        if not entry.id:
            continue
        msgids, msgstrs = _forms(entry.id), _forms(entry.string)
        if len(msgstrs) != len(msgids):
            mismatches.append((msgids, msgstrs))
            continue
        for msgid, msgstr in zip(msgids, msgstrs, strict=True):
            if sorted(PLACEHOLDER_RE.findall(msgid)) != sorted(
                PLACEHOLDER_RE.findall(msgstr)
            ):
                mismatches.append((msgid, msgstr))
    assert not mismatches, "Placeholders differ between French and English:\n" + (
        "\n".join(f"  {msgid!r}\n  -> {msgstr!r}" for msgid, msgstr in mismatches)
    )


def _switch_language(client, code: str, page: str):
    response = post_form(client, f"/lang/{code}", {"next": page}, page=page)
    assert response.status_code == 302
    return client.get(page).get_data(as_text=True)


def test_login_page_in_english(client):
    page = _switch_language(client, "en", "/login")
    assert '<html lang="en">' in page
    assert "Facilitator login" in page
    assert "Email address" in page
    assert "Password" in page
    assert ">Log in</button>" in page
    assert "enter the session code" in page
    for french in ("Connexion animateur·rice", "Mot de passe", "Se connecter"):
        assert french not in page


def test_home_page_in_english(client):
    page = _switch_language(client, "en", "/")
    assert 'lang="en"' in page
    assert "Welcome to Regards croisés" in page
    assert "Enter the code" in page
    assert "Join the session" in page
    assert "Facilitator area" in page
    for french in ("Bienvenue", "Entrez le code", "Rejoindre la séance"):
        assert french not in page


def test_back_to_french(client):
    _switch_language(client, "en", "/")
    page = _switch_language(client, "fr", "/")
    assert 'lang="fr"' in page
    assert "Bienvenue sur Regards croisés" in page
    assert "Welcome" not in page
