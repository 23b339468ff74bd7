# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MfgKpiSource(models.Model):
    """The department that provides the data of a KPI (数据来源), e.g. 生产部, 财务部, 质量管理部."""

    _name = "mfg.kpi.source"
    _description = "KPI Data Source"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    department_id = fields.Many2one(
        "hr.department",
        help="The department of this company that delivers the data, when it exists in Odoo.",
    )

    _name_uniq = models.Constraint("UNIQUE(name)", "A data source with this name already exists.")
