"""Where QR codes point, and the QR images themselves."""

import io
import ipaddress
import socket
from urllib.parse import urlsplit

import qrcode
from flask import Flask, Request, has_request_context
from flask import request as current_request
from qrcode.image.pil import PilImage
from qrcode.image.svg import SvgPathFillImage

from workshops.models import WorkshopSession

ALL_INTERFACES = ("0.0.0.0", "::")  # noqa: S104 (compared with, never bound here)
# TEST-NET-1 (RFC 5737): never routed, and connect() on UDP sends no packet.
_PROBE_ADDRESS = ("192.0.2.1", 9)
# Pixels per QR module in the PNG: sharp on a projector and on an A4 print.
PNG_BOX_SIZE = 20
QR_BORDER = 4


def detect_lan_address() -> str | None:
    """This machine's address on the local network, or None if it has none.

    Asks the kernel which source address it would use to reach the outside
    (a UDP "connection" only picks a route), then falls back to the address
    the host name resolves to. Loopback and unspecified addresses don't count.
    """
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(_PROBE_ADDRESS)
            address = probe.getsockname()[0]
        if _is_reachable(address):
            return address
    except OSError:
        pass
    try:
        address = socket.gethostbyname(socket.gethostname())
    except OSError:
        return None
    return address if _is_reachable(address) else None


def _is_reachable(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return not (ip.is_loopback or ip.is_unspecified)


def public_base_url(app: Flask, request: Request | None = None) -> str:
    """The address phones use to reach this server, without a trailing slash.

    In order:
    1. ``PUBLIC_URL`` when configured (a public server, a tunnel, a fixed name);
    2. when the server listens on all interfaces (``LISTEN_HOST`` 0.0.0.0 or ::,
       set by ``flask serve``), ``http://<LAN address>:<LISTEN_PORT>``, so that
       phones in the room can reach the facilitator's laptop (127.0.0.1 only if
       no LAN address can be found);
    3. inside a request, the host the facilitator's browser used;
    4. otherwise ``http://<LISTEN_HOST or 127.0.0.1>:<LISTEN_PORT or 5000>``.
    """
    public_url = app.config.get("PUBLIC_URL")
    if public_url:
        return public_url.rstrip("/")
    host = app.config.get("LISTEN_HOST")
    port = app.config.get("LISTEN_PORT") or 5000
    if host in ALL_INTERFACES:
        return _http_url(detect_lan_address() or "127.0.0.1", port)
    if request is None and has_request_context():
        request = current_request
    if request is not None:
        return request.host_url.rstrip("/")
    return _http_url(host or "127.0.0.1", port)


def _http_url(host: str, port: int) -> str:
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    return f"http://{host}:{port}"


def is_local_only(url: str) -> bool:
    """Whether a URL points to this machine only (phones could not reach it)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def join_url(app: Flask, session: WorkshopSession) -> str:
    """The short address participants open: the QR code's content."""
    return f"{public_base_url(app)}/j/{session.join_code}"


def _make_qr(data: str, box_size: int) -> qrcode.QRCode:
    qr = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=box_size,
        border=QR_BORDER,
    )
    qr.add_data(data)
    qr.make(fit=True)
    return qr


def qr_png(data: str) -> bytes:
    """A black-on-white PNG QR code of ``data``, sized for a projector."""
    image = _make_qr(data, PNG_BOX_SIZE).make_image(image_factory=PilImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


def qr_svg(data: str) -> bytes:
    """A scalable SVG QR code of ``data``: one path on a white background."""
    image = _make_qr(data, 10).make_image(image_factory=SvgPathFillImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()
