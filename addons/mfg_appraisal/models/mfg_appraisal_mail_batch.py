# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import fields, models
from odoo.exceptions import MissingError

# Context key under which the mail framework's one-by-one subscription of each to-do's assignee
# is skipped: ``_batch_schedule_activities`` subscribes them all in one insert instead.
SKIP_ACTIVITY_SUBSCRIBE = "mfg_appraisal_batch_subscribe"


class MfgAppraisalMailBatch(models.AbstractModel):
    """Chatter, followers, activities and notifications of a cohort of documents in a number of
    queries that does not grow with the cohort: tracking messages of a bulk write, to-dos with
    their assignees subscribed and notified, to-dos marked done. A cycle moves thousands of
    appraisals at once; the mail framework would do each of these one record at a time."""

    _name = "mfg.appraisal.mail.batch"
    _inherit = ["mail.thread"]
    _description = "Appraisal Chatter in Batches"

    # ------------------------------------------------------------------
    # Tracking: one batch of log messages for a bulk write
    # ------------------------------------------------------------------
    def _message_track(self, fields_iter, initial_values_dict):
        """Track the changes of a bulk write like the mail framework, but log the messages of
        all records in one create. Records whose change has a subtype (a notified message)
        keep the framework's one-by-one posting."""
        if not fields_iter or len(self) < 2:
            return super()._message_track(fields_iter, initial_values_dict)
        tracked = self.fields_get(
            fields_iter, attributes=("string", "type", "selection", "currency_field")
        )
        tracking = {}
        for record in self:
            try:
                tracking[record.id] = record._mail_track(tracked, initial_values_dict[record.id])
            except MissingError:
                continue
        data = self.env.cr.precommit.data
        bodies = data.pop(f"mail.tracking.message.{self._name}", {})
        authors = data.pop(f"mail.tracking.author.{self._name}", {})
        logs = {}
        for record in self:
            changes, values = tracking.get(record.id, (None, None))
            if not changes:
                continue
            initial = initial_values_dict[record.id]
            subtype = record._track_subtype({name: initial[name] for name in changes})
            author = authors.get(record.id)
            body = (
                bodies[record.id]
                if record.id in bodies
                else record._track_get_default_log_message(changes)
            )
            if subtype:
                if subtype.exists():
                    record.message_post(
                        body=body,
                        author_id=author.id if author else None,
                        subtype_id=subtype.id,
                        tracking_value_ids=values,
                    )
            elif values:
                logs.setdefault(author.id if author else None, []).append((record, body, values))
        for author_id, entries in logs.items():
            self._batch_log(entries, author_id)
        return tracking

    def _batch_log(self, entries, author_id=None, **values):
        """Log notes on many records in one create: ``entries`` is a list of (record, body,
        tracking value commands)."""
        author_id, email_from = self._message_compute_author(author_id)
        base = {
            "author_id": author_id,
            "email_from": email_from,
            "model": self._name,
            "record_alias_domain_id": False,
            "record_company_id": False,
            "message_type": "notification",
            "is_internal": True,
            "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
            "email_add_signature": False,
            "reply_to": self.env["mail.thread"]._notify_get_reply_to(
                default=email_from, author_id=author_id
            )[False],
            **values,
        }
        messages = self.sudo()._message_create(
            [dict(base, res_id=record.id, body=escape(body or "")) for record, body, _t in entries]
        )
        # The tracking values of all the messages in one create (given as commands on each
        # message, the ORM would insert them message by message).
        self.env["mail.tracking.value"].sudo().create(
            [
                dict(command[2], mail_message_id=message.id)
                for message, (_record, _body, tracking) in zip(messages, entries, strict=True)
                for command in tracking or []
            ]
        )
        return messages

    # ------------------------------------------------------------------
    # Followers
    # ------------------------------------------------------------------
    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        """While a cohort's activities are created, the mail framework subscribes each assignee
        to their documents one user at a time: ``_batch_schedule_activities`` subscribes them
        all together instead (``_batch_subscribe``)."""
        if self.env.context.get(SKIP_ACTIVITY_SUBSCRIBE) and partner_ids and not subtype_ids:
            return True
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def _batch_subscribe(self, pairs):
        """Subscribe partners to documents of this model with their default subtypes, in one
        insert: ``pairs`` is a set of (res_id, partner_id); existing followers are kept."""
        if not pairs:
            return self.env["mail.followers"]
        Followers = self.env["mail.followers"].sudo()
        res_ids = {res_id for res_id, _partner in pairs}
        partners = self.env["res.partner"].sudo().browse({partner for _res, partner in pairs})
        existing = {
            (follower.res_id, follower.partner_id.id)
            for follower in Followers.search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", list(res_ids)),
                    ("partner_id", "in", partners.ids),
                ],
                ["res_id", "partner_id"],
            )
        }
        default, _internal, external = self.env["mail.message.subtype"]._default_subtypes(
            self._name
        )
        share = {partner.id: partner.partner_share for partner in partners}
        return Followers.with_context(default_partner_id=False).create(
            [
                {
                    "res_model": self._name,
                    "res_id": res_id,
                    "partner_id": partner_id,
                    "subtype_ids": [(6, 0, external if share[partner_id] else default)],
                }
                for res_id, partner_id in sorted(pairs - existing)
            ]
        )

    # ------------------------------------------------------------------
    # Activities
    # ------------------------------------------------------------------
    def _activity_users(self, users):
        """``users`` who may get a to-do on documents of this model (all, unless the model
        says otherwise): nobody gets a to-do they could not open."""
        return users

    def _schedule_activities(self, todo, deadline=None):
        """Create to-dos in one batch: ``todo`` is a list of (document of this model, user,
        summary). Their assignees are subscribed and notified in batches too (``_batch_*``);
        users ``_activity_users`` leaves out get none."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        allowed = self._activity_users(
            self.env["res.users"].union(*(user for _r, user, _s in todo if user))
        )
        vals = [
            {
                "res_model_id": model_id,
                "res_id": record.id,
                "user_id": user.id,
                "activity_type_id": activity_type.id,
                "summary": summary,
                "date_deadline": deadline or fields.Date.context_today(self),
            }
            for record, user, summary in todo
            if user in allowed
        ]
        return self._batch_schedule_activities(vals)

    def _batch_schedule_activities(self, vals_list):
        """Create the to-dos ``vals_list`` (``mail.activity`` values of documents of this model)
        in one create, subscribe their assignees in one insert and notify them in one batch of
        messages, notifications and e-mails, instead of one notification and one subscription
        per to-do."""
        if not vals_list:
            return self.env["mail.activity"]
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True, **{SKIP_ACTIVITY_SUBSCRIBE: True})
            .create(vals_list)
            .with_env(self.env)
            .sudo()
        )
        by_model = {}
        for activity in activities.filtered(lambda a: a.res_model and a.res_id and a.user_id):
            by_model.setdefault(activity.res_model, set()).add(
                (activity.res_id, activity.user_id.partner_id.id)
            )
        for model, pairs in by_model.items():
            if hasattr(self.env[model], "_batch_subscribe"):
                self.env[model]._batch_subscribe(pairs)
            else:
                for res_id, partner_id in pairs:
                    self.env[model].browse(res_id).message_subscribe(partner_ids=[partner_id])
        self._batch_notify_activities(activities.filtered(lambda a: a.user_id != self.env.user))
        return activities

    def _batch_notify_activities(self, activities):
        """Tell the assignees of ``activities`` (to-dos of documents of this model) that a to-do
        was assigned to them, as the mail framework does for each to-do, in batches: one create
        of messages, one of e-mails (assignees notified by e-mail) and one of notifications."""
        activities = activities.sudo().filtered(lambda a: a.user_id and a.res_id)
        if not activities:
            return self.env["mail.message"]
        author_id, email_from = self._message_compute_author()
        reply_to = self.env["mail.thread"]._notify_get_reply_to(
            default=email_from, author_id=author_id
        )[False]
        model_name = self.env["ir.model"]._get(self._name).display_name
        records = self.browse(activities.mapped("res_id")).sudo()
        names = dict(zip(records.ids, records.mapped("display_name"), strict=True))
        values = []
        for activity in activities:
            user = activity.user_id
            env = activity.with_context(lang=user.lang or self.env.lang).env
            summary = activity.summary or activity.activity_type_id.name or ""
            subject = env._(
                '"%(name)s: %(summary)s" assigned to you',
                name=names.get(activity.res_id, ""),
                summary=summary,
            )
            body = Markup("<p>%s</p><p>%s</p>") % (
                env._(
                    "%(model)s %(name)s: %(summary)s, due %(deadline)s.",
                    model=model_name,
                    name=names.get(activity.res_id, ""),
                    summary=summary,
                    deadline=fields.Date.to_string(activity.date_deadline),
                ),
                activity.note or "",
            )
            values.append(
                {
                    "author_id": author_id,
                    "email_from": email_from,
                    "model": self._name,
                    "res_id": activity.res_id,
                    "body": body,
                    "subject": subject,
                    "is_internal": True,
                    "message_type": "user_notification",
                    "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
                    "partner_ids": [user.partner_id.id],
                    "record_alias_domain_id": False,
                    "record_company_id": False,
                    "email_add_signature": False,
                    "reply_to": reply_to,
                }
            )
        messages = self.sudo()._message_create(values)
        by_email = [
            (message, activity.user_id.partner_id)
            for message, activity in zip(messages, activities, strict=True)
            if activity.user_id.notification_type == "email" and activity.user_id.partner_id.email
        ]
        mails = (
            self.env["mail.mail"]
            .sudo()
            .create(
                [
                    {
                        "mail_message_id": message.id,
                        "body_html": message.body,
                        "recipient_ids": [(4, partner.id)],
                        "is_notification": True,
                        "auto_delete": True,
                        "state": "outgoing",
                    }
                    for message, partner in by_email
                ]
            )
        )
        mail_of = {message.id: mail.id for (message, _p), mail in zip(by_email, mails, strict=True)}
        self.env["mail.notification"].sudo().create(
            [
                {
                    "author_id": author_id,
                    "mail_message_id": message.id,
                    "res_partner_id": activity.user_id.partner_id.id,
                    "notification_type": "email" if message.id in mail_of else "inbox",
                    "notification_status": "ready" if message.id in mail_of else "sent",
                    "mail_mail_id": mail_of.get(message.id, False),
                    "is_read": message.id in mail_of,
                }
                for message, activity in zip(messages, activities, strict=True)
            ]
        )
        return messages

    def _batch_close_activities(self, activities, feedback=False):
        """Mark ``activities`` (of documents of this model) done: one log message per to-do,
        created together, then the to-dos archived with the feedback. To-dos that chain a next
        activity or carry attachments go through the framework's own step."""
        activities = activities.sudo().filtered("active")
        if not activities:
            return
        attached = set(
            self.env["ir.attachment"]
            .sudo()
            .search_fetch(
                [("res_model", "=", "mail.activity"), ("res_id", "in", activities.ids)],
                ["res_id"],
            )
            .mapped("res_id")
        )
        special = activities.filtered(
            lambda a: a.id in attached or a.chaining_type == "trigger" or a.res_model != self._name
        )
        if special:
            special.with_env(self.env).action_feedback(feedback=feedback)
        simple = activities - special
        if not simple:
            return
        records = self.browse(simple.mapped("res_id")).sudo().exists()
        alive = set(records.ids)
        subtype = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_activities")
        for activity_type, done in simple.grouped("activity_type_id").items():
            entries = []
            for activity in done.filtered(lambda a: a.res_id in alive):
                body = Markup("<p>%s</p>") % self.env._(
                    "%(type)s done: %(summary)s",
                    type=activity_type.name or "",
                    summary=activity.summary or "",
                )
                if feedback:
                    body += Markup("<p>%s</p>") % feedback
                entries.append((self.browse(activity.res_id), body, False))
            if entries:
                # The to-do's type stays on its message, as the framework's own step keeps it.
                self._batch_log(entries, subtype_id=subtype, mail_activity_type_id=activity_type.id)
        simple.action_archive()
        if feedback:
            simple.write({"feedback": feedback})
