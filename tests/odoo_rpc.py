"""A minimal JSON-RPC client, as an outside system would talk to Odoo."""

import itertools
import json
import urllib.request


class RpcError(Exception):
    """An error answered by the server: ``name`` is the Python exception class."""

    def __init__(self, error):
        data = error.get("data", {})
        self.name = data.get("name", "")
        super().__init__(data.get("message") or error.get("message"))


class OdooClient:
    _ids = itertools.count(1)

    def __init__(self, url, database, login, password):
        self.url = url.rstrip("/")
        self.database = database
        self.login = login
        self.password = password
        self.uid = self.call("common", "authenticate", database, login, password, {})
        if not self.uid:
            raise RpcError({"message": f"authentication failed for {login}"})

    def call(self, service, method, *args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": next(self._ids),
            "params": {"service": service, "method": method, "args": list(args)},
        }
        request = urllib.request.Request(
            f"{self.url}/jsonrpc",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            answer = json.load(response)
        if "error" in answer:
            raise RpcError(answer["error"])
        return answer["result"]

    def execute(self, model, method, *args, **kwargs):
        return self.call(
            "object",
            "execute_kw",
            self.database,
            self.uid,
            self.password,
            model,
            method,
            list(args),
            kwargs,
        )

    def ref(self, xmlid):
        """Database id of an external identifier ``module.name``."""
        module, name = xmlid.split(".")
        rows = self.execute(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            fields=["res_id"],
        )
        if not rows:
            raise LookupError(xmlid)
        return rows[0]["res_id"]

    def as_user(self, login, password):
        return OdooClient(self.url, self.database, login, password)
