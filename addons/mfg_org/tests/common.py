# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Fixtures and the organisation tables derived from the requirement documents.

Seed 000 (生产管理部职能 / 岗位职责): the 8 functions with their sub-duties and 19 positions, each
with its duties (主要工作, numbered （1）…（n）) and key KPIs (关键业绩指标). Seed 004 adds the
workshop maintenance technician (维修工) and the weighted score sheets of 车间主任 (also the
semi-annual plan), 设备管理员, 安全监察员 (= 安全管理员), 工艺技术员 (= 生产技术员), 维修工,
班组长 (= 生产班长) and 操作工.

What a position ships:
- duties: one per （n） item of seed 000; 维修工 has 6 duties derived from the three areas and
  seven indicators of its seed 004 sheet (it has no seed 000 entry);
- KPI lines: exactly the seed 000 list of the position description (维修工: none);
- the position's seed 004 performance sheet and the workshop director's semi-annual plan, with
  their weights (``sheet`` and ``plan`` below), are the lines of its appraisal sheets: they are
  checked by mfg_appraisal (test_position_kpis), where the sheets live.
The KPI names below are the seeds' terms; SEED_SYNONYMS (mfg_kpi tests) says which seed terms are
the same library indicator.
"""

from collections import namedtuple

from odoo.addons.mfg_kpi.tests.test_kpi_library import SEED_SYNONYMS
from odoo.tests import TransactionCase, new_test_user

# (code, Chinese name, number of sub-duties (职能细化)), in the seed's order.
FUNCTIONS = [
    ("F1", "生产计划管理", 4),
    ("F2", "产品研发与生产技术管理", 4),
    ("F3", "物料采购", 3),
    ("F4", "仓储管理", 2),
    ("F5", "生产实施与调度管理", 2),
    ("F6", "生产过程及质量控制", 4),
    ("F7", "设备管理", 4),
    ("F8", "安全管理", 5),
]

Position = namedtuple("Position", "name level parent duties kpis sheet plan aliases")

# slug: (Chinese name, level, reports-to slug, number of duties, seed 000 KPIs,
#        performance sheet [(KPI, weight %)], semi-annual plan [(KPI, weight %)], Chinese aliases)
_POSITION_ROWS = {
    "vp_production": (
        "生产副总",
        "company",
        None,
        7,
        [
            "生产计划按时完成率",
            "劳动生产率",
            "生产事故（包括质量和安全）损失",
            "产品质量合格率",
            "生产成本控制",
            "质量管理体系建立与完善",
        ],
        [],
        [],
        [],
    ),
    "production_manager": (
        "生产经理",
        "department",
        "vp_production",
        8,
        [
            "内部利润达成率",
            "产量计划完成率",
            "劳动生产效率",
            "生产交期达成率",
            "质量事故发生次数",
            "安全事故发生次数",
            "生产成本下降率",
        ],
        [],
        [],
        [],
    ),
    "workshop_director": (
        "车间主任",
        "workshop",
        "production_manager",
        9,
        [
            "在产品质量合格率",
            "在制品周转率",
            "生产成本下降率",
            "产品交货及时率",
            "安全事故发生次数",
            "车间培训计划完成率",
        ],
        [
            ("成本预算达成率", 10),
            ("生产计划完成率", 15),
            ("交期达成率", 15),
            ("批次合格率", 10),
            ("物耗标准达成率", 10),
            ("生产事故发生次数", 10),
            ("5S管理推行效果满意度评分", 10),
            ("生产设备完好率", 5),
            ("质量投诉率", 5),
            ("核心员工流失率", 5),
            ("车间员工违纪次数", 5),
        ],
        [
            ("车间产量计划按时完成率", 20),
            ("物料消耗占材料消耗定额比率", 20),
            ("车间产品质量抽检合格率", 20),
            ("生产安全事故发生次数", 10),
            ("车间生产管理、流程管理、文件管理的合理性、规范性", 10),
            ("部门员工管理", 10),
            ("工作态度", 10),
        ],
        [],
    ),
    "planner": (
        "生产计划员",
        "department",
        "production_manager",
        7,
        [
            "生产指令传达及时率、准确率",
            "生产计划完成率",
            "产能负荷分析准确率",
            "紧急订单处理及时率",
            "生产进度报表提交及时率",
            "生产资料完备率",
        ],
        [],
        [],
        [],
    ),
    "process_technician": (
        "生产技术员",
        "department",
        "technical_supervisor",
        8,
        [
            "技术服务满意度",
            "工艺文件编制准确率",
            "现场技术问题解决及时率",
            "工艺改进成本降低率",
            "工艺技术培训按时完成率",
        ],
        [
            ("工艺技术文件编制出错次数", 10),
            ("工艺技术文件出错造成的经济损失额", 10),
            ("工艺试验及时完成率", 15),
            ("工艺技术问题及时解决率", 15),
            ("技术服务满意度评分", 15),
            ("新工艺开发费用", 10),
            ("工艺技改费用节省率", 5),
            ("归档及时率", 10),
            ("档案完整率", 10),
        ],
        [],
        ["工艺技术员"],
    ),
    "dispatcher": (
        "生产调度员",
        "department",
        "production_manager",
        7,
        [
            "生产计划完成率",
            "生产排程达成率",
            "物料跟催及时率",
            "紧急订单按时完成率",
            "调度会议纪要下发及时率",
        ],
        [],
        [],
        ["计划调度员"],
    ),
    "statistician": (
        "生产统计员",
        "workshop",
        "workshop_director",
        10,
        ["原材料统计差错率", "产品统计差错率", "考勤统计差错率", "统计报表上报及时率"],
        [],
        [],
        ["统计员"],
    ),
    "team_leader": (
        "生产班长",
        "team",
        "workshop_director",
        9,
        [
            "生产计划按时完成",
            "产品返工率",
            "工时标准达成率",
            "下属违规次数",
            "安全文明生产考核结果",
        ],
        [
            ("生产任务按时完成率", 15),
            ("抽检合格率", 15),
            ("产品返工次数", 10),
            ("劳动生产效率", 10),
            ("工时效率达标率", 10),
            ("生产设备完好率", 10),
            ("生产安全事故发生次数", 10),
            ("5S管理推行效果满意度", 10),
            ("新员工培训计划完成率", 5),
            ("员工满意度评分", 5),
        ],
        [],
        ["班组长"],
    ),
    "operator": (
        "操作工",
        "team",
        "team_leader",
        9,
        ["生产计划达成率", "产品交验合格率", "生产定额完成率", "技能培训考核合格率"],
        [
            ("工作任务完成率", 20),
            ("生产定额完成率", 20),
            ("产品交验合格率", 15),
            ("返工率", 15),
            ("个人劳动生产效率", 10),
            ("违反操作规程的次数", 10),
            ("工作态度", 10),
        ],
        [],
        [],
    ),
    "purchasing_supervisor": (
        "物料采购主管",
        "department",
        "production_manager",
        7,
        [
            "物料采购计划按时完成率",
            "采购资金节约额",
            "采购质量合格率",
            "供应商档案完备率",
            "供应商满意度",
        ],
        [],
        [],
        [],
    ),
    "buyer": (
        "采购专员",
        "department",
        "purchasing_supervisor",
        8,
        [
            "采购质量是否合格、符合使用要求",
            "采购单价控制情况",
            "采购订单差错次数",
            "采购到货及时率",
            "物料数量、质量验收准确率",
            "供应市场调查报告及时提交率",
        ],
        [],
        [],
        [],
    ),
    "warehouse_supervisor": (
        "仓库主管",
        "department",
        "vp_production",
        6,
        ["库存物资损耗率", "仓库盘点账实相符率", "仓库事故损失额控制目标达成率", "仓储设施完好率"],
        [],
        [],
        [],
    ),
    "warehouse_keeper": (
        "仓库管理员",
        "department",
        "warehouse_supervisor",
        8,
        ["物资出入库差错率", "物资完好率", "单据传递及时率", "安全事故率", "物资仓储损失控制率"],
        [],
        [],
        [],
    ),
    "equipment_admin": (
        "设备管理员",
        "department",
        "production_manager",
        8,
        [
            "设备保养、检修计划完成率",
            "设备完好率",
            "设备维修费用控制",
            "设备档案归档率",
            "设备事故抢修及时率",
        ],
        [
            ("操作规程出错处数", 10),
            ("因操作规程出错造成的经济损失额", 10),
            ("设备检查次数", 15),
            ("设备完好率", 15),
            ("设备有效利用率", 15),
            ("单位产量维修费用", 15),
            ("设备故障率", 5),
            ("设备切换时间", 5),
            ("设备操作培训计划完成率", 10),
        ],
        [],
        [],
    ),
    "quality_supervisor": (
        "质量主管",
        "department",
        "vp_production",
        9,
        [
            "产品质量问题投诉率",
            "质量事故损失金额",
            "质量事故处理及时率",
            "检验工作按时完成率",
            "质量记录完备率",
        ],
        [],
        [],
        [],
    ),
    "quality_inspector": (
        "质量检验员",
        "department",
        "quality_supervisor",
        7,
        [
            "质量检验工作及时完成率",
            "检验工作差错率",
            "检验差错损失额",
            "未及时检验被投诉的次数",
            "原辅材料、零部件现场使用合格率",
            "检验工具完好率",
        ],
        [],
        [],
        [],
    ),
    "safety_officer": (
        "安全管理员",
        "department",
        "production_manager",
        10,
        [
            "安全事故发生次数",
            "安全事故损失率",
            "安全检查计划完成率",
            "安全隐患整改率",
            "安全事故处理及时率",
            "安全培训计划完成率",
        ],
        [
            ("生产安全检查计划完成率", 15),
            ("生产安全隐患整改率", 15),
            ("生产安全事故发生次数", 15),
            ("生产安全事故经济损失额", 15),
            ("生产安全事故调查报告提交及时率", 10),
            ("生产安全事故处理及时率", 10),
            ("安全生产培训计划完成率", 10),
            ("安全生产培训覆盖率", 10),
        ],
        [],
        ["生产安全员", "安全监察员"],
    ),
    "technical_supervisor": (
        "技术主管",
        "department",
        "vp_production",
        8,
        [
            "产品研发进度计划完成率",
            "产品研发周期",
            "研发成本控制率",
            "产品技术标准准确率",
            "技术服务满意度",
        ],
        [],
        [],
        [],
    ),
    "designer": (
        "设计员",
        "department",
        "technical_supervisor",
        6,
        [
            "图纸绘制是否规范、符合要求",
            "团队协作满意度",
            "技术资料保管缺损率",
            "产品技术的重大创新",
            "研发工作任务按时完成率",
        ],
        [],
        [],
        [],
    ),
    "maintenance_technician": (
        "维修工",
        "workshop",
        "equipment_admin",
        6,
        [],
        [
            ("设备完好率", 20),
            ("保养覆盖率", 20),
            ("改良设备台数", 15),
            ("故障设备维修及时率", 15),
            ("上级领导对突发情况处理的满意度评分", 10),
            ("设备台账准确率", 10),
            ("设备维修记录准确率", 10),
        ],
        [],
        ["维修员"],
    ),
}


POSITIONS = {slug: Position(*row) for slug, row in _POSITION_ROWS.items()}


def library_term(seed_term):
    """The Chinese name of the library KPI a seed term stands for."""
    return SEED_SYNONYMS.get(seed_term, seed_term)


class MfgOrgCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department = cls.env.ref("mfg_org.dept_production_management")
        cls.jobs = {slug: cls.env.ref(f"mfg_org.job_{slug}") for slug in POSITIONS}
        cls.employee_user = new_test_user(
            cls.env, login="mfg_org_employee", groups="base.group_user"
        )
        cls.kpi_user = new_test_user(
            cls.env, login="mfg_org_kpi_user", groups="mfg_kpi.group_kpi_user"
        )
        cls.hr_manager = new_test_user(
            cls.env, login="mfg_org_hr_manager", groups="hr.group_hr_manager"
        )
        cls.kpi_manager = new_test_user(
            cls.env, login="mfg_org_kpi_manager", groups="mfg_kpi.group_kpi_manager"
        )

    @classmethod
    def load_chinese(cls):
        """Activate zh_CN and load the Chinese terms of the suite's organisation and KPIs."""
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            ["mfg_kpi", "mfg_org"], ["zh_CN"], overwrite=True
        )
