"""How the application is served: waitress, set for a room of phones.

``flask serve`` (``make run``) and the live benchmark both serve through here,
so the benchmark measures the server a workshop really gets.
"""

from flask import Flask
from waitress import serve as waitress_serve

# Worker threads: requests of phones, projector and facilitator at once.
THREADS = 8
# A room's phones each keep a connection open to follow the session:
# waitress's default of 100 connections would queue the rest.
CONNECTION_LIMIT = 2000
# Connections waiting to be accepted when a room joins within seconds.
BACKLOG = 2048


def serve(app: Flask, host: str, port: int, threads: int = THREADS) -> None:
    waitress_serve(
        app,
        host=host,
        port=port,
        threads=threads,
        connection_limit=CONNECTION_LIMIT,
        backlog=BACKLOG,
        # poll() rather than select(), which cannot watch more than 1,024
        # connections at once.
        asyncore_use_poll=True,
    )
