# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tools import SQL


def uninstall_hook(env):
    """Positions and departments someone holds outlive the module.

    The seed positions (``hr.job``) and the production department are this module's data, so
    uninstalling would delete them and leave their employees without a job or department. Those
    in use by an employee (any version of an employee's contract data, archived ones included),
    and the existing ones the job mapping adopted, are released from the module instead and stay
    as ordinary jobs and departments."""
    versions = env["hr.version"].with_context(active_test=False)
    for model, field in (("hr.job", "job_id"), ("hr.department", "department_id")):
        env.cr.execute(
            SQL(
                "SELECT res_id FROM ir_model_data WHERE module = %s AND model = %s",
                "mfg_org",
                model,
            )
        )
        seeded = [row[0] for row in env.cr.fetchall()]
        used = [record.id for [record] in versions._read_group([(field, "in", seeded)], [field])]
        # Jobs and departments the company had before the suite (mapped onto the seed) stay.
        env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE mfg_adopted AND id = ANY(%s)",
                SQL.identifier(env[model]._table),
                seeded,
            )
        )
        used += [row[0] for row in env.cr.fetchall()]
        if used:
            env.cr.execute(
                SQL(
                    """DELETE FROM ir_model_data
                        WHERE module = %s AND model = %s AND res_id IN %s""",
                    "mfg_org",
                    model,
                    tuple(used),
                )
            )
