"""A small HTTP/1.1 client for the live benchmark: one keep-alive connection
and one cookie jar per simulated phone, on asyncio, with no dependency.

Thousands of them run in one process; each request is a few hundred bytes.
"""

import asyncio
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

_COOKIE_RE = re.compile(r"^([^=;\s]+)=([^;]*)")


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Browser:
    """A phone (or the projector): its connection, its cookies."""

    host: str
    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    _reader: asyncio.StreamReader | None = None
    _writer: asyncio.StreamWriter | None = None

    async def get(self, path: str, headers: dict[str, str] | None = None) -> Reply:
        return await self.request("GET", path, headers=headers)

    async def post(
        self, path: str, data: dict[str, str], headers: dict[str, str] | None = None
    ) -> Reply:
        body = urlencode(data).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            **(headers or {}),
        }
        return await self.request("POST", path, body, headers)

    async def request(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
    ) -> Reply:
        """Send one request on the kept-alive connection (reopened if closed)."""
        for attempt in (1, 2):
            if self._writer is None:
                self._reader, self._writer = await asyncio.open_connection(
                    self.host, self.port, limit=2**20
                )
            started = time.perf_counter()
            try:
                self._writer.write(self._head(method, path, body, headers) + body)
                await self._writer.drain()
                reply = await self._read_reply(started)
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                if attempt == 2:
                    raise
                continue
            if reply.headers.get("connection", "").lower() == "close":
                self.close()
            return reply
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None

    def _head(
        self, method: str, path: str, body: bytes, headers: dict[str, str] | None
    ) -> bytes:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        if self.cookies:
            jar = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
            lines.append(f"Cookie: {jar}")
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    async def _read_reply(self, started: float) -> Reply:
        status_line = await self._reader.readline()
        if not status_line:
            raise ConnectionError("connection closed")
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        while True:
            line = (await self._reader.readline()).decode("latin-1").rstrip("\r\n")
            if not line:
                break
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                self._keep_cookie(value)
            else:
                headers[name] = value
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = await self._read_chunks()
        else:
            body = await self._reader.readexactly(int(headers.get("content-length", 0)))
        return Reply(status, headers, body, time.perf_counter() - started)

    async def _read_chunks(self) -> bytes:
        parts = []
        while True:
            size = int((await self._reader.readline()).strip().split(b";")[0], 16)
            if size == 0:
                await self._reader.readline()
                return b"".join(parts)
            parts.append(await self._reader.readexactly(size))
            await self._reader.readline()

    def _keep_cookie(self, value: str) -> None:
        match = _COOKIE_RE.match(value)
        if match is None:
            return
        name, cookie = match.groups()
        if "max-age=0" in value.lower() or "expires=thu, 01 jan 1970" in value.lower():
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = cookie
