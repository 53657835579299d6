"""The accessibility check itself finds what it must (no silent pass)."""

import pytest

from tests.browser.accessibility import assert_accessible, axe_violations

pytestmark = pytest.mark.browser

BAD_PAGE = """<!doctype html><html lang="fr"><head><title>Mauvaise page</title></head>
<body><main>
  <h1>Réponse</h1>
  <input type="text" name="q_1">
  <p style="color:#bbb;background:#fff">Texte pâle</p>
  <label><input type="radio" name="q_2"> Oui</label>
  <button style="width:14px;height:14px;padding:0;position:absolute;left:10px;top:200px"
          aria-label="Fermer"></button>
  <button style="width:14px;height:14px;padding:0;position:absolute;left:26px;top:200px"
          aria-label="Ouvrir"></button>
</main></body></html>"""


def test_a_page_with_known_faults_fails_with_each_rule_and_element(new_phone):
    page = new_phone()
    page.set_content(BAD_PAGE)

    rules = {violation["id"] for violation in axe_violations(page)}
    assert {"label", "color-contrast", "target-size"} <= rules
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_accessible(page, "a page made to fail")
    message = str(failure.value)
    assert "a page made to fail" in message
    assert "- label [critical]" in message
    assert 'input[type="text"]' in message


def test_a_clean_page_passes(new_phone):
    page = new_phone()
    page.set_content(
        '<!doctype html><html lang="fr"><head><title>Bonne page</title></head>'
        "<body><main><h1>Merci</h1><p>Votre réponse est enregistrée.</p></main>"
        "</body></html>"
    )

    assert_accessible(page, "a clean page")
