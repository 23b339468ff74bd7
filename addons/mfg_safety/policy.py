# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who may change what on the safety records: the checks every model of the addon shares."""

from odoo.exceptions import UserError

OFFICER = "mfg_safety.group_safety_officer"
MANAGER = "mfg_safety.group_safety_manager"


def is_officer(env):
    return env.su or env.user.has_group(OFFICER)


def is_manager(env):
    return env.su or env.user.has_group(MANAGER)


def mail_fields(env):
    """Fields of the chatter and activities, which everyone who may read a record uses."""
    return set(env["mail.thread"]._fields) | set(env["mail.activity.mixin"]._fields)


def set_fields(vals):
    """The fields a create really sets (the web client sends every field, empty ones too)."""
    return {name for name, value in vals.items() if value}


def refuse_fields(env, record_label, fields_, allowed):
    """Raise a translated error naming the fields of ``fields_`` not in ``allowed``."""
    refused = sorted(set(fields_) - set(allowed) - mail_fields(env))
    if refused:
        raise UserError(
            env._(
                "You may not change %(fields)s of %(record)s.",
                fields=", ".join(refused),
                record=record_label,
            )
        )


def require_officer(env, action):
    if not is_officer(env):
        raise UserError(env._("Only a safety officer may %(action)s.", action=action))
