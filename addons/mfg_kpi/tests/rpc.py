# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Calls through the real external API (``/jsonrpc``, ``execute_kw``) as a given user.

Security tests of the suite probe every guard the way an integration or a curious user would:
over HTTP, with the user's login and password, so the access rules, record rules and model
guards run exactly as in production (no ``with_user`` shortcut, no ``sudo``).
"""

from odoo.tests import HttpCase


class RpcRefused(Exception):
    """The server refused the call: ``kind`` is the exception class name (``UserError``,
    ``AccessError``, ``ValidationError``…), ``message`` its translated text."""

    def __init__(self, kind, message):
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.message = message


class RpcCase(HttpCase):
    """An HttpCase with :meth:`rpc` and :meth:`refused` helpers."""

    def rpc(self, user, model, method, *args, password=None, **kwargs):
        """Call ``model.method(*args, **kwargs)`` through ``/jsonrpc`` as ``user`` (a res.users
        record whose password is the one ``new_test_user`` gives by default, unless given)."""
        password = password or user.login + "x" * (8 - len(user.login))
        params = {
            "service": "object",
            "method": "execute_kw",
            "args": [self.env.cr.dbname, user.id, password, model, method, list(args), kwargs],
        }
        # Let the HTTP worker see what the test wrote; drop what it cached before the call.
        self.env.flush_all()
        payload = {"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}
        try:
            response = self.url_open("/jsonrpc", json=payload, timeout=60)
            response.raise_for_status()
            answer = response.json()
        finally:
            self.env.invalidate_all()
        if "error" in answer:
            data = answer["error"].get("data") or {}
            name = (data.get("name") or "").rsplit(".", 1)[-1]
            raise RpcRefused(name or "Error", data.get("message") or answer["error"].get("message"))
        return answer.get("result")

    def refused(self, user, model, method, *args, kinds=None, **kwargs):
        """Assert the call is refused; return the :class:`RpcRefused` for message checks."""
        kinds = kinds or ("UserError", "AccessError", "ValidationError")
        with self.assertRaises(RpcRefused) as caught:
            self.rpc(user, model, method, *args, **kwargs)
        self.assertIn(caught.exception.kind, kinds, caught.exception)
        return caught.exception

    def snapshot(self, records, fields=None):
        """Stored values of ``records`` re-read from the database (as superuser), to compare
        before and after a refused call."""
        self.env.invalidate_all()
        records = records.sudo()
        names = fields or [
            name
            for name, field in records._fields.items()
            if field.store and name not in ("write_date", "__last_update")
        ]
        return records.read(names)
