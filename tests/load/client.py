"""A small asyncio JSON-RPC client for the load test (standard library only).

Each ``Session`` is one person: their own login and session cookie, one
request at a time, as the web client sends them (``/web/dataset/call_kw``).
Requests are HTTP/1.1 over asyncio streams; Odoo's workers close the
connection after each answer, so each request opens its own.
"""

import asyncio
import json
from contextlib import suppress


class RpcError(Exception):
    """A request that did not succeed: an HTTP error or an Odoo error."""


class Session:
    def __init__(self, host, port, database, login, password, timeout=120):
        self.host = host
        self.port = port
        self.database = database
        self.login = login
        self.password = password
        self.timeout = timeout
        self.cookie = None
        self.uid = None

    async def authenticate(self):
        result = await self.post(
            "/web/session/authenticate",
            {"db": self.database, "login": self.login, "password": self.password},
        )
        if not result or not result.get("uid"):
            raise RpcError(f"{self.login} could not log in")
        self.uid = result["uid"]
        return self

    async def call(self, model, method, *args, **kwargs):
        return await self.post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    async def post(self, path, params):
        body = json.dumps(
            {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        ).encode()
        status, headers, payload = await asyncio.wait_for(
            self._exchange(path, body), self.timeout
        )
        for name, value in headers:
            if name == "set-cookie" and value.startswith("session_id="):
                self.cookie = value.split(";", 1)[0].split("=", 1)[1]
        if status != 200:
            raise RpcError(f"HTTP {status} on {path}")
        answer = json.loads(payload)
        if "error" in answer:
            error = answer["error"]
            raise RpcError(error.get("data", {}).get("message") or error["message"])
        return answer["result"]

    async def _exchange(self, path, body):
        reader, writer = await asyncio.open_connection(self.host, self.port)
        try:
            head = [
                f"POST {path} HTTP/1.1",
                f"Host: {self.host}:{self.port}",
                "Content-Type: application/json",
                f"Content-Length: {len(body)}",
                "Connection: close",
            ]
            if self.cookie:
                head.append(f"Cookie: session_id={self.cookie}")
            writer.write("\r\n".join([*head, "", ""]).encode("latin-1") + body)
            await writer.drain()
            return await read_response(reader)
        finally:
            writer.close()
            with suppress(ConnectionError):
                await writer.wait_closed()


async def read_response(reader):
    """Status, headers (lower-case names) and body of an HTTP/1.x response."""
    status_line = await reader.readline()
    parts = status_line.split()
    if len(parts) < 2 or not parts[1].isdigit():
        raise RpcError(f"not an HTTP answer: {status_line[:80]!r}")
    headers = []
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _sep, value = line.decode("latin-1").partition(":")
        headers.append((name.strip().lower(), value.strip()))
    fields = dict(headers)
    if "chunked" in fields.get("transfer-encoding", ""):
        body = b""
        while size := int((await reader.readline()).split(b";")[0], 16):
            body += await reader.readexactly(size)
            await reader.readline()
    elif "content-length" in fields:
        body = await reader.readexactly(int(fields["content-length"]))
    else:
        body = await reader.read()
    return int(parts[1]), headers, body
