"""WTForms' own messages speak the interface language, read once per process."""

from babel.support import Translations

from facilitator import i18n
from tests.conftest import csrf_token, post_form


def _empty_login(client) -> str:
    return post_form(client, "/login", {"email": "", "password": ""}).get_data(
        as_text=True
    )


def test_builtin_messages_in_french_then_english(client):
    assert "Ce champ est requis." in _empty_login(client)
    page = client.get("/").get_data(as_text=True)
    client.post("/lang/en", data={"csrf_token": csrf_token(page)})
    assert "This field is required." in _empty_login(client)
    assert "Ce champ est requis." not in _empty_login(client)


def test_builtin_messages_are_read_once_per_language(client, monkeypatch):
    i18n.wtforms_translations.cache_clear()
    domains = []
    real_load = Translations.load

    def counting_load(*args, **kwargs):
        domains.append(kwargs.get("domain"))
        return real_load(*args, **kwargs)

    monkeypatch.setattr(Translations, "load", counting_load)
    for _ in range(3):
        _empty_login(client)
    assert domains.count("wtforms") == 1
