from tests.conftest import PASSWORD, post_form


def test_login_page_is_french_by_default(client):
    page = client.get("/login").get_data(as_text=True)
    assert "Connexion animateur·rice" in page
    assert 'lang="fr"' in page


def test_wrong_password_keeps_email_and_says_why(client, make_facilitator):
    make_facilitator("anim@example.org")
    response = post_form(
        client, "/login", {"email": "anim@example.org", "password": "nope"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect." in page
    assert 'value="anim@example.org"' in page


def test_login_then_logout(client, make_facilitator, auth):
    make_facilitator("anim@example.org")
    response = auth.login("anim@example.org", PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/workshops/")
    response = auth.logout()
    assert response.status_code == 302
    assert client.get("/workshops/").status_code in (200, 302)


def test_login_does_not_redirect_off_site(client, make_facilitator):
    make_facilitator("anim@example.org")
    response = post_form(
        client,
        "/login",
        {
            "email": "anim@example.org",
            "password": PASSWORD,
            "next": "https://evil.example/",
        },
    )
    assert response.headers["Location"].endswith("/workshops/")


def test_login_without_csrf_token_is_refused(client, make_facilitator):
    make_facilitator("anim@example.org")
    response = client.post(
        "/login", data={"email": "anim@example.org", "password": PASSWORD}
    )
    assert response.status_code == 400
    assert "Formulaire expiré" in response.get_data(as_text=True)


def test_english_on_request(client):
    response = post_form(client, "/lang/en", {"next": "/login"}, page="/login")
    assert response.headers["Location"].endswith("/login")
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "Facilitator login" in page
