# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from ..models.mfg_demo_factory import DEMO_PASSWORD_HASHES


@tagged("post_install", "-at_install")
class TestDemoLogins(HttpCase):
    """The demo logins get their passwords from pre-computed hashes: every demo user has one,
    and the README's passwords (each login's own name) sign them in."""

    def demo_users(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "mfg_demo_factory"), ("model", "=", "res.users")]
        )
        return self.env["res.users"].browse(data.mapped("res_id"))

    def test_every_demo_login_has_a_password(self):
        users = self.demo_users()
        self.assertEqual(set(users.mapped("login")), set(DEMO_PASSWORD_HASHES))
        self.env.cr.execute(
            "SELECT login, password FROM res_users WHERE id IN %s", [tuple(users.ids)]
        )
        stored = dict(self.env.cr.fetchall())
        self.assertEqual(stored, DEMO_PASSWORD_HASHES)
        context = self.env["res.users"]._crypt_context()
        for login, digest in stored.items():
            self.assertEqual(context.identify(digest), "pbkdf2_sha512", login)

    def test_demo_logins_sign_in(self):
        # One login of each demo file (res_users_demo.xml, mfg_factory_demo.xml), signed in over
        # HTTP with the README's password.
        for login, xmlid in (
            ("mfg_director", "user_director_demo"),
            ("mfg_director2", "user_director2_demo"),
        ):
            session = self.authenticate(login, login)
            self.assertEqual(session.uid, self.env.ref(f"mfg_demo_factory.{xmlid}").id)

    def test_kept_password_is_not_reset(self):
        """Loading the passwords again (demo data loaded over an existing demo database) keeps
        a password changed since."""
        user = self.env.ref("mfg_demo_factory.user_director_demo")
        user.password = "changed-password"
        self.env["mfg.demo.factory"]._demo_passwords()
        self.authenticate("mfg_director", "changed-password")
