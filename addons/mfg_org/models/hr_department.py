# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from .hr_job import copy_translations


class HrDepartment(models.Model):
    _inherit = "hr.department"

    mfg_seed_department_id = fields.Many2one(
        "hr.department",
        string="Seed Department",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        readonly=True,
        help="The suite's production department this department stands for in its company.",
    )
    mfg_adopted = fields.Boolean(
        string="Adopted Department",
        copy=False,
        readonly=True,
        help="A department that existed before the suite and was mapped onto its production "
        "department: it stays when the suite is uninstalled.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        self._mfg_check_mapping_fields(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._mfg_check_mapping_fields([vals])
        return super().write(vals)

    @api.model
    def _mfg_check_mapping_fields(self, vals_list):
        """The link to the seed department and the adopted flag are set by the job mapping
        only (run as superuser once the user's rights were checked)."""
        if self.env.su:
            return
        if any({"mfg_seed_department_id", "mfg_adopted"} & set(vals) for vals in vals_list):
            raise AccessError(
                self.env._(
                    "The seed department and the adopted flag of a department are set by the "
                    "job mapping (Production Management ▸ Configuration ▸ Map Positions)."
                )
            )

    @api.model
    def _mfg_production_department(self, company, department=None):
        """The production department of ``company``: the suite's (its own company), the
        company's copy, or ``department`` (an existing one, which then takes the suite's place:
        the suite's department or the company's copy is merged into it). Created when missing."""
        seed = self.env.ref("mfg_org.dept_production_management", raise_if_not_found=False)
        Job = self.env["hr.job"]
        if not seed:
            return department or self.browse()
        seed = seed.sudo()
        if not seed.company_id or seed.company_id == company:
            current = seed
        else:
            current = self.sudo().search(
                [("mfg_seed_department_id", "=", seed.id), ("company_id", "=", company.id)],
                order="id",
                limit=1,
            )
        department = department and department.sudo()
        if department and department.company_id and department.company_id != company:
            department = None
        if department and department != current:
            vals = {"mfg_adopted": True}
            if current != seed:
                vals["mfg_seed_department_id"] = seed.id
            if current:
                # Sub-departments through the ORM (parent paths), every other link in SQL.
                current.child_ids.write({"parent_id": department.id})
                Job._mfg_repoint("hr.department", current, department)
                Job._mfg_move_xmlids("hr.department", current, department)
                current.unlink()
            department.write(vals)
            return department
        if current:
            return current
        copy = self.sudo().create(
            {"name": seed.name, "company_id": company.id, "mfg_seed_department_id": seed.id}
        )
        copy_translations(copy, seed, ["name"])
        self.env["ir.model.data"].sudo().create(
            {
                "module": "mfg_org",
                "name": f"dept_production_management_company_{company.id}",
                "model": "hr.department",
                "res_id": copy.id,
                "noupdate": True,
            }
        )
        return copy
