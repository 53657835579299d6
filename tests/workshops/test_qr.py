"""Where QR codes point (public_base_url) and the QR images themselves."""

import io
import re
import socket

import pytest
from PIL import Image

from facilitator.extensions import db
from workshops.models import WorkshopSession
from workshops.sessions import qr

ANY_IPV4, ANY_IPV6 = qr.ALL_INTERFACES


@pytest.fixture
def lan(monkeypatch):
    """Pretend this machine is on a LAN at 192.168.1.20."""
    monkeypatch.setattr(qr, "detect_lan_address", lambda: "192.168.1.20")


def test_public_url_wins(app, lan):
    app.config.update(PUBLIC_URL="https://atelier.example.org/", LISTEN_HOST=ANY_IPV4)

    assert qr.public_base_url(app) == "https://atelier.example.org"
    with app.test_request_context("/", base_url="http://10.0.0.5:8000"):
        assert qr.public_base_url(app) == "https://atelier.example.org"


@pytest.mark.parametrize("host", [ANY_IPV4, ANY_IPV6])
def test_all_interfaces_gives_the_lan_address(app, lan, host):
    app.config.update(LISTEN_HOST=host, LISTEN_PORT=8080)

    assert qr.public_base_url(app) == "http://192.168.1.20:8080"
    # Even when the facilitator browses on localhost, phones get the LAN address.
    with app.test_request_context("/", base_url="http://127.0.0.1:8080"):
        assert qr.public_base_url(app) == "http://192.168.1.20:8080"


def test_all_interfaces_without_any_network_falls_back_to_loopback(app, monkeypatch):
    monkeypatch.setattr(qr, "detect_lan_address", lambda: None)
    app.config.update(LISTEN_HOST=ANY_IPV4, LISTEN_PORT=5000)

    assert qr.public_base_url(app) == "http://127.0.0.1:5000"


def test_request_host_otherwise(app):
    app.config.update(LISTEN_HOST="127.0.0.1", LISTEN_PORT=5000)

    with app.test_request_context("/", base_url="http://atelier.local:5000"):
        assert qr.public_base_url(app) == "http://atelier.local:5000"


def test_explicit_request_is_used(app):
    with app.test_request_context("/", base_url="http://10.1.2.3:9000") as ctx:
        assert qr.public_base_url(app, ctx.request) == "http://10.1.2.3:9000"


def test_outside_a_request_uses_the_listening_address(app):
    assert qr.public_base_url(app) == "http://127.0.0.1:5000"
    app.config.update(LISTEN_HOST="::1", LISTEN_PORT=8000)
    assert qr.public_base_url(app) == "http://[::1]:8000"


class FakeUdpSocket:
    def __init__(self, address=None, error=None):
        self.address, self.error = address, error

    def __call__(self, family, kind):
        assert kind == socket.SOCK_DGRAM
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def connect(self, target):
        if self.error:
            raise self.error

    def getsockname(self):
        return (self.address, 54321)


def test_detection_reads_the_udp_source_address(monkeypatch):
    monkeypatch.setattr(qr.socket, "socket", FakeUdpSocket("192.168.1.20"))

    assert qr.detect_lan_address() == "192.168.1.20"


def test_detection_falls_back_to_the_host_name(monkeypatch):
    monkeypatch.setattr(
        qr.socket, "socket", FakeUdpSocket(error=OSError("Network is unreachable"))
    )
    monkeypatch.setattr(qr.socket, "gethostname", lambda: "portable")
    monkeypatch.setattr(qr.socket, "gethostbyname", lambda name: "10.0.0.7")

    assert qr.detect_lan_address() == "10.0.0.7"


def test_detection_ignores_loopback_addresses(monkeypatch):
    monkeypatch.setattr(qr.socket, "socket", FakeUdpSocket("127.0.0.1"))
    monkeypatch.setattr(qr.socket, "gethostname", lambda: "portable")
    monkeypatch.setattr(qr.socket, "gethostbyname", lambda name: "127.0.1.1")

    assert qr.detect_lan_address() is None


def test_detection_survives_an_unresolvable_host_name(monkeypatch):
    monkeypatch.setattr(qr.socket, "socket", FakeUdpSocket(error=OSError()))

    def unresolvable(name):
        raise socket.gaierror("no such host")

    monkeypatch.setattr(qr.socket, "gethostbyname", unresolvable)

    assert qr.detect_lan_address() is None


def test_real_detection_never_returns_loopback():
    address = qr.detect_lan_address()

    assert address is None or not address.startswith("127.")


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://localhost/j/ABC234", True),
        ("http://127.0.0.1:5000/j/ABC234", True),
        ("http://[::1]:5000/j/ABC234", True),
        ("http://192.168.1.20:5000/j/ABC234", False),
        ("https://atelier.example.org/j/ABC234", False),
    ],
)
def test_is_local_only(url, local):
    assert qr.is_local_only(url) is local


def test_join_url(app, lan):
    app.config.update(LISTEN_HOST=ANY_IPV4, LISTEN_PORT=5000)
    session = WorkshopSession(label="Plénière", join_code="ABC234")

    assert qr.join_url(app, session) == "http://192.168.1.20:5000/j/ABC234"


def test_png_is_a_large_black_and_white_png():
    data = qr.qr_png("http://192.168.1.20:5000/j/ABC234")

    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(data))
    assert image.width == image.height >= 500
    # A white quiet zone of 4 modules, then the black corner of a finder pattern.
    edge = qr.QR_BORDER * qr.PNG_BOX_SIZE
    assert image.getpixel((edge - 1, edge - 1)) == 255
    assert image.getpixel((edge, edge)) == 0


def test_svg_is_one_path_on_white():
    svg = qr.qr_svg("http://192.168.1.20:5000/j/ABC234").decode()

    assert "<svg" in svg
    assert 'viewBox="0 0' in svg
    assert svg.count("<path") == 1
    assert 'fill="white"' in svg


@pytest.fixture
def session(facilitator, make_workshop, make_session):
    workshop = make_workshop(owner=facilitator, title="Savoie × Bignona")
    db.session.commit()
    return make_session(workshop, label="Atelier de Bignona", join_code="BGN234")


def session_url(session, suffix=""):
    return f"/workshops/{session.workshop_id}/sessions/{session.id}{suffix}"


def test_png_download_is_a_png_named_after_the_code(client, session):
    response = client.get(session_url(session, "/qr.png?download=1"))

    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert response.data.startswith(b"\x89PNG\r\n\x1a\n")
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert "BGN234" in disposition
    assert "png" in disposition


def test_svg_is_shown_inline_and_downloadable(client, session):
    inline = client.get(session_url(session, "/qr.svg"))
    download = client.get(session_url(session, "/qr.svg?download=1"))

    assert inline.mimetype == "image/svg+xml"
    assert "Content-Disposition" not in inline.headers
    svg = inline.get_data(as_text=True)
    assert "<svg" in svg
    assert re.search(r'<path d="M[\d.]', svg)
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert "BGN234.svg" in download.headers["Content-Disposition"]


def test_poster_is_a_printable_a4_page(client, session):
    response = client.get(session_url(session, "/poster"))

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "size: A4" in page
    assert "Savoie × Bignona" in page
    assert "Atelier de Bignona" in page
    assert "BGN234" in page
    assert "http://localhost/j/BGN234" in page
    assert "Scannez le QR code" in page
    assert "ou allez sur http://localhost et entrez le code BGN234" in page
    assert "c’est anonyme" in page
    assert "window.print()" in page
    assert re.search(r'<img class="qr" src="[^"]*qr[^"]*"', page)


def test_qr_image_follows_a_new_server_address(app, client, session):
    url = session_url(session, "/qr.svg")
    first = client.get(url)
    etag = first.headers["ETag"]
    assert "no-cache" in first.headers["Cache-Control"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304

    app.config["PUBLIC_URL"] = "https://atelier.example.org"
    moved = client.get(url, headers={"If-None-Match": etag})

    assert moved.status_code == 200
    assert moved.data != first.data
