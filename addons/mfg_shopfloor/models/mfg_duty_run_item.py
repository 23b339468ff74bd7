# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import binascii

from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools.mimetypes import guess_mimetype

MAX_PHOTO_BYTES = 10 * 1024 * 1024
KIOSK_RESULTS = {
    "done": "action_mark_done",
    "na": "action_mark_na",
    "pending": "action_reset",
}


class MfgDutyRunItem(models.Model):
    _inherit = "mfg.duty.run.item"

    @api.model
    def _mfg_kiosk_browse(self, session, item_id):
        """The checklist item ``item_id`` when it is one of the session employee's own;
        AccessError otherwise (another employee's item, a deleted one, a bad id)."""
        if not isinstance(item_id, int) or isinstance(item_id, bool):
            raise AccessError(self.env._("This checklist item is not yours."))
        item = self.sudo().browse(item_id).exists()
        if not item or item.employee_id != session.employee_id:
            raise AccessError(self.env._("This checklist item is not yours."))
        return item

    def _mfg_kiosk_attach_photo(self, session, photo):
        """Store a photo taken on the kiosk on the item's checklist; returns the attachment."""
        self.ensure_one()
        if not isinstance(photo, dict) or not photo.get("data"):
            raise UserError(self.env._("The photo is missing."))
        data = photo["data"]
        if isinstance(data, str) and data.startswith("data:") and "," in data:
            data = data.split(",", 1)[1]
        try:
            raw = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError, TypeError) as error:
            raise UserError(self.env._("The photo could not be read.")) from error
        if len(raw) > MAX_PHOTO_BYTES:
            raise UserError(self.env._("The photo is larger than 10 MB."))
        mimetype = guess_mimetype(raw)
        if not mimetype.startswith("image/"):
            raise UserError(self.env._("Only a photo (an image) can be attached here."))
        name = str(photo.get("name") or "photo")[:120]
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": name,
                    "raw": raw,
                    "mimetype": mimetype,
                    "res_model": "mfg.duty.run",
                    "res_id": self.run_id.id,
                    "description": self.env._(
                        "Photo taken %(evidence)s", evidence=session._mfg_evidence()
                    ),
                }
            )
        )

    def _mfg_kiosk_log(self, session, body):
        """Post on the checklist what the employee did on the kiosk, as the employee."""
        self.ensure_one()
        employee = session.employee_id.sudo()
        self.run_id.sudo().message_post(
            body=body,
            author_id=(employee.user_id.partner_id or employee.work_contact_id).id or None,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        session._mfg_count_action()

    def _mfg_kiosk_answer(self, session, result, photo=None):
        """Answer the item for the session's employee, through the backend's own actions."""
        self.ensure_one()
        if result not in KIOSK_RESULTS:
            raise UserError(self.env._("Unknown answer %(result)s.", result=result))
        item = session._mfg_as_employee(self)
        if photo:
            attachment = self._mfg_kiosk_attach_photo(session, photo)
            item.write({"attachment_ids": [Command.link(attachment.id)]})
        getattr(item, KIOSK_RESULTS[result])()
        labels = dict(self._fields["result"]._description_selection(self.env))
        self._mfg_kiosk_log(
            session,
            self.env._(
                "%(employee)s answered “%(item)s”: %(result)s, %(evidence)s.",
                employee=session.employee_id.name,
                item=self.name,
                result=labels[result],
                evidence=session._mfg_evidence(),
            ),
        )
        return True

    def _mfg_kiosk_report_problem(self, session, note, kind, photo=None):
        """Record a problem found with its description and photo and raise the follow-up
        ``kind`` the backend knows (a maintenance request, an activity, …), all or nothing."""
        self.ensure_one()
        note = (note or "").strip() if isinstance(note, str) else ""
        if not note:
            raise UserError(self.env._("Describe the problem you found."))
        kinds = dict(self._get_followup_kinds())
        if kind not in kinds:
            raise UserError(self.env._("Choose what to raise for the problem."))
        if self.followup_date:
            raise UserError(self.env._("A follow-up was already raised for this problem."))
        item = session._mfg_as_employee(self)
        vals = {"result": "problem", "note": note}
        attachment = self.env["ir.attachment"]
        if photo:
            attachment = self._mfg_kiosk_attach_photo(session, photo)
            vals["attachment_ids"] = [Command.link(attachment.id)]
        item.write(vals)
        record = item._create_followup(kind)
        if record and record._name != "mail.activity" and hasattr(record, "message_post"):
            # The follow-up shows who found the problem, and the photo, to whoever handles it.
            record.sudo().message_post(
                body=self.env._(
                    "Reported by %(employee)s %(evidence)s.",
                    employee=session.employee_id.name,
                    evidence=session._mfg_evidence(),
                ),
                attachments=[(attachment.name, attachment.raw)] if attachment else [],
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        self._mfg_kiosk_log(
            session,
            self.env._(
                "%(employee)s reported a problem on “%(item)s” and raised: %(kind)s, "
                "%(evidence)s.",
                employee=session.employee_id.name,
                item=self.name,
                kind=kinds[kind],
                evidence=session._mfg_evidence(),
            ),
        )
        return record
