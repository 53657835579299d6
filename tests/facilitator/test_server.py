"""The production server holds a whole room of phones at once."""

import resource
import socket
import subprocess
import sys
import time

import pytest

SERVER = """
import sys
from facilitator import create_app
from facilitator.server import serve
app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite:///%s"})
serve(app, "127.0.0.1", int(sys.argv[1]))
"""
PHONES = 1100  # more than select() can watch (1,024)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def open_files():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 4 * PHONES
    if hard != resource.RLIM_INFINITY and hard < wanted:
        pytest.skip(f"this machine allows only {hard} open files")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, wanted), hard))
    yield
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_more_than_a_thousand_phones_connect_at_once(tmp_path, open_files):
    port = _free_port()
    code = SERVER % (tmp_path / "room.sqlite")
    # The server inherits the raised limit of open files.
    server = subprocess.Popen(  # noqa: S603 (this interpreter, our own code)
        [sys.executable, "-c", code, str(port)]
    )
    phones: list[socket.socket] = []
    try:
        _wait_for(port)
        for _ in range(PHONES):
            phone = socket.create_connection(("127.0.0.1", port), timeout=30)
            phones.append(phone)
        # Every connection is open at once; each asks for the home page.
        for phone in phones:
            phone.sendall(b"GET / HTTP/1.1\r\nHost: room\r\n\r\n")
        statuses = [phone.recv(12) for phone in phones]
    finally:
        for phone in phones:
            phone.close()
        server.terminate()
        server.wait(timeout=10)
    assert statuses == [b"HTTP/1.1 200"] * PHONES


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError("the server did not start")
