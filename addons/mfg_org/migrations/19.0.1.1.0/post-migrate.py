# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""19.0.1.1.0: the KPI lines of the appraisal sheets carry the name the seed's sheet writes
where the library merged two names of one measure (the data is ``noupdate``)."""

from odoo import SUPERUSER_ID, api

NAMES = {
    "job_kpi_workshop_director_performance_03": ("Delivery date achievement rate", "交期达成率"),
    "job_kpi_workshop_director_performance_08": (
        "Production equipment intact rate",
        "生产设备完好率",
    ),
    "job_kpi_workshop_director_performance_09": ("Quality complaint rate", "质量投诉率"),
    "job_kpi_safety_officer_performance_01": (
        "Production safety inspection plan completion rate",
        "生产安全检查计划完成率",
    ),
    "job_kpi_safety_officer_performance_02": (
        "Production safety hazard rectification rate",
        "生产安全隐患整改率",
    ),
    "job_kpi_safety_officer_performance_03": (
        "Number of production safety accidents",
        "生产安全事故发生次数",
    ),
    "job_kpi_safety_officer_performance_06": (
        "Production safety accident handling timeliness",
        "生产安全事故处理及时率",
    ),
    "job_kpi_safety_officer_performance_07": (
        "Safety training plan completion rate",
        "安全生产培训计划完成率",
    ),
    "job_kpi_process_technician_performance_05": (
        "Technical service satisfaction score",
        "技术服务满意度评分",
    ),
    "job_kpi_process_technician_performance_06": ("New process development cost", "新工艺开发费用"),
    "job_kpi_process_technician_performance_08": ("Archiving timeliness", "归档及时率"),
    "job_kpi_process_technician_performance_09": ("Record completeness", "档案完整率"),
    "job_kpi_workshop_director_plan_01": (
        "Workshop output plan on-time completion rate (A)",
        "车间产量计划按时完成率（A）",
    ),
    "job_kpi_workshop_director_plan_02": (
        "Material consumption to quota ratio (B)",
        "物料消耗占材料消耗定额比率（B）",
    ),
    "job_kpi_workshop_director_plan_03": (
        "Workshop product quality sampling pass rate (C)",
        "车间产品质量抽检合格率（C）",
    ),
    "job_kpi_workshop_director_plan_04": (
        "Number of production safety accidents",
        "生产安全事故发生次数",
    ),
    "job_kpi_team_leader_performance_06": ("Production equipment intact rate", "生产设备完好率"),
    "job_kpi_team_leader_performance_07": (
        "Number of production safety accidents",
        "生产安全事故发生次数",
    ),
    "job_kpi_team_leader_performance_08": (
        "5S implementation satisfaction",
        "5S管理推行效果满意度",
    ),
    "job_kpi_operator_performance_04": ("Rework rate", "返工率"),
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    installed = {code for code, _name in env["res.lang"].get_installed()}
    for name, (english, chinese) in NAMES.items():
        line = env.ref(f"mfg_org.{name}", raise_if_not_found=False)
        if line and not line.name:
            line.with_context(lang="en_US").name = english
            if "zh_CN" in installed:
                line.update_field_translations("name", {"zh_CN": chinese})
