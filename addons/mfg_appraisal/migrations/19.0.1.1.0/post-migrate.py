# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.1.0: each seed sheet belongs to its appraisal system; the team-member exclusion rules
(第2条) apply to the team-member sheets only.

The seed sheets are ``noupdate`` data: set the system of the eight sheets the earlier release
shipped (sheets a company made itself stay without a system until HR sets it).
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    systems = {
        "template_workshop_director": "workshop_staff",
        "template_equipment_admin": "workshop_staff",
        "template_safety_officer": "workshop_staff",
        "template_process_technician": "workshop_staff",
        "template_maintenance_technician": "workshop_staff",
        "template_director_plan": "director_plan",
        "template_team_leader": "team_member",
        "template_operator": "team_member",
    }
    for name, system in systems.items():
        template = env.ref(f"mfg_appraisal.{name}", raise_if_not_found=False)
        if template:
            # The team-member exclusion rules follow from the system (computed).
            template.appraisal_system = system
    scopes = {
        "workshop_staff": (
            "job_workshop_director",
            "job_dispatcher",
            "job_equipment_admin",
            "job_maintenance_technician",
            "job_process_technician",
            "job_safety_officer",
        ),
        "team_member": ("job_team_leader", "job_statistician", "job_operator"),
    }
    for scope, names in scopes.items():
        for name in names:
            job = env.ref(f"mfg_org.{name}", raise_if_not_found=False)
            if job and not job.mfg_appraisal_scope:
                job.mfg_appraisal_scope = scope
    # 车间人员 第7条(3): superior, subordinates and peers rate the attitude items; their share is
    # part of the seed's superior 70% (superior 50, peers 10, subordinates 10). Only sheets still
    # as shipped (self 30 / superior 70) change.
    for code in (
        "workshop_director",
        "equipment_admin",
        "safety_officer",
        "process_technician",
        "maintenance_technician",
    ):
        section = env.ref(
            f"mfg_appraisal.template_{code}_section_attitude", raise_if_not_found=False
        )
        if not section:
            continue
        raters = {rater.role: rater for rater in section.rater_ids}
        weights = {role: rater.weight for role, rater in raters.items()}
        # The upgrade has just created the (new) peer and subordinate rows of the data file,
        # while the existing superior row kept its 70: bring it to 50.
        if weights == {"self": 30.0, "superior": 70.0, "peer": 10.0, "subordinate": 10.0}:
            raters["superior"].weight = 50.0
        elif weights == {"self": 30.0, "superior": 70.0}:
            raters["superior"].weight = 50.0
            env["mfg.appraisal.template.rater"].create(
                [
                    {"section_id": section.id, "role": "peer", "weight": 10.0},
                    {"section_id": section.id, "role": "subordinate", "weight": 10.0},
                ]
            )
    # The operator's work attitude line is fed by the late arrivals / early departures count.
    line = env.ref(
        "mfg_appraisal.template_operator_line_attitude_late_early", raise_if_not_found=False
    )
    if line and not line.kpi_id and not line.kpi_code:
        line.kpi_code = "LATE_EARLY_COUNT"
    # The director plan's material bands print as the seed writes them.
    labels = {
        "template_director_plan_line_material_consumption_band_1": (
            "B ≤ 100%",
            {"en_US": "B = 100%", "zh_CN": "B=100%"},
        ),
        "template_director_plan_line_material_consumption_band_2": (
            "100% < B < 105%",
            {"en_US": "100% ≤ B < 105%", "zh_CN": "100%≤B<105%"},
        ),
        "template_director_plan_line_material_consumption_band_4": (
            "110% ≤ B ≤ 120%",
            {"en_US": "110% ≤ B < 120%", "zh_CN": "110%≤B<120%"},
        ),
    }
    installed = {code for code, _name in env["res.lang"].get_installed()}
    for name, (old, new) in labels.items():
        band = env.ref(f"mfg_appraisal.{name}", raise_if_not_found=False)
        if band and band.with_context(lang="en_US").label == old:
            band.update_field_translations(
                "label", {lang: text for lang, text in new.items() if lang in installed}
            )
    # The sheets state these costs in 万元 while the KPIs measure yuan.
    for name in (
        "template_equipment_admin_line_repair_cost",
        "template_process_technician_line_development_cost",
    ):
        line = env.ref(f"mfg_appraisal.{name}", raise_if_not_found=False)
        if line and line.kpi_scale == 1.0:
            line.kpi_scale = 0.0001
