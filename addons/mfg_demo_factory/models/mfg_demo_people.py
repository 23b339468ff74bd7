# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo factory's people: its logins, departments and employees (demo data only).

Loaded by ``mfg.demo.factory._demo_load`` (called from the demo XML files, in their place), in
this order, in batches of consecutive records: loading them one ``<record>`` at a time took
about a seventh of the demo factory's install. Each entry is (model, xml id in this module,
values); ``Ref("x")`` is the database id of the xml id ``x`` (this module's when it has no
module), ``Refs(...)`` sets a many2many to those xml ids' records, ``QUARTER_START`` is the first
day of the demo quarter (``_demo_quarter_start``). An entry of an xml id loaded before updates
that record, as a second ``<record>`` of the same id would.
"""


class Ref(str):
    """The id of the record of an xml id, resolved when its entry is loaded."""


class Refs(tuple):
    """A many2many set to the records of these xml ids."""

    def __new__(cls, *names):
        return super().__new__(cls, names)


QUARTER_START = object()  # the first day of the demo quarter, when loaded

# The rights of an operator's login.
OPERATOR_GROUPS = Refs(
    "base.group_user",
    "mrp.group_mrp_user",
    "mfg_appraisal.group_appraisal_user",
    "mfg_duty.group_duty_user",
)
# The rights of a workshop director's login.
DIRECTOR_GROUPS = Refs(
    "base.group_user",
    "mfg_kpi.group_kpi_steward",
    "mfg_appraisal.group_appraisal_appraiser",
    "mfg_duty.group_duty_user",
    "mrp.group_mrp_user",
)

ROLES = [
    (
        "res.users",
        "user_hr_demo",
        {
            "name": "Li Na (HR)",
            "login": "mfg_hr",
            "email": "mfg_hr@example.com",
            "group_ids": Refs(
                "base.group_user",
                "hr.group_hr_manager",
                "mfg_kpi.group_kpi_manager",
                "mfg_appraisal.group_appraisal_hr_manager",
                "mfg_duty.group_duty_manager",
            ),
        },
    ),
    (
        "res.users",
        "user_manager_demo",
        {
            "name": "Wang Qiang (Production Manager)",
            "login": "mfg_manager",
            "email": "mfg_manager@example.com",
            "group_ids": Refs(
                "base.group_user",
                "mfg_kpi.group_kpi_manager",
                "mfg_appraisal.group_appraisal_production",
                "mfg_duty.group_duty_manager",
                "mrp.group_mrp_user",
                "purchase.group_purchase_user",
                "stock.group_stock_user",
            ),
        },
    ),
    (
        "res.users",
        "user_director_demo",
        {
            "name": "Zhang Wei (Workshop Director)",
            "login": "mfg_director",
            "email": "mfg_director@example.com",
            "group_ids": DIRECTOR_GROUPS,
        },
    ),
    (
        "res.users",
        "user_leader_demo",
        {
            "name": "Liu Yang (Team Leader)",
            "login": "mfg_leader",
            "email": "mfg_leader@example.com",
            "group_ids": Refs(
                "base.group_user",
                "mfg_appraisal.group_appraisal_appraiser",
                "mfg_duty.group_duty_user",
            ),
        },
    ),
    (
        "res.users",
        "user_operator_demo",
        {
            "name": "Chen Jie (Operator)",
            "login": "mfg_operator",
            "email": "mfg_operator@example.com",
            "group_ids": Refs(
                "base.group_user", "mfg_appraisal.group_appraisal_user", "mfg_duty.group_duty_user"
            ),
        },
    ),
    (
        "hr.employee",
        "employee_manager_demo",
        {
            "job_id": Ref("mfg_org.job_production_manager"),
            "department_id": Ref("mfg_org.dept_production_management"),
            "name": "Wang Qiang (Production Manager)",
            "user_id": Ref("user_manager_demo"),
        },
    ),
    (
        "hr.employee",
        "employee_director_demo",
        {
            "job_id": Ref("mfg_org.job_workshop_director"),
            "department_id": Ref("mfg_org.dept_production_management"),
            "name": "Zhang Wei (Workshop Director)",
            "user_id": Ref("user_director_demo"),
            "parent_id": Ref("employee_manager_demo"),
        },
    ),
    (
        "hr.employee",
        "employee_leader_demo",
        {
            "job_id": Ref("mfg_org.job_team_leader"),
            "department_id": Ref("mfg_org.dept_production_management"),
            "name": "Liu Yang (Team Leader)",
            "user_id": Ref("user_leader_demo"),
            "parent_id": Ref("employee_director_demo"),
        },
    ),
    (
        "hr.employee",
        "employee_operator_demo",
        {
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("mfg_org.dept_production_management"),
            "name": "Chen Jie (Operator)",
            "user_id": Ref("user_operator_demo"),
            "parent_id": Ref("employee_leader_demo"),
        },
    ),
    (
        "hr.employee",
        "employee_hr_demo",
        {
            "name": "Li Na (HR)",
            "user_id": Ref("user_hr_demo"),
        },
    ),
]
TEAMS = [
    (
        "hr.department",
        "dept_workshop_machining_demo",
        {
            "name": "Machining Workshop",
            "parent_id": Ref("mfg_org.dept_production_management"),
        },
    ),
    (
        "hr.department",
        "dept_workshop_assembly_demo",
        {
            "name": "Assembly Workshop",
            "parent_id": Ref("mfg_org.dept_production_management"),
        },
    ),
    (
        "hr.department",
        "dept_team_turning_demo",
        {
            "name": "Turning Team",
            "parent_id": Ref("dept_workshop_machining_demo"),
        },
    ),
    (
        "hr.department",
        "dept_team_milling_demo",
        {
            "name": "Milling Team",
            "parent_id": Ref("dept_workshop_machining_demo"),
        },
    ),
    (
        "hr.department",
        "dept_team_assembly_demo",
        {
            "name": "Assembly Team",
            "parent_id": Ref("dept_workshop_assembly_demo"),
        },
    ),
    (
        "hr.department",
        "dept_team_testing_demo",
        {
            "name": "Testing Team",
            "parent_id": Ref("dept_workshop_assembly_demo"),
        },
    ),
    (
        "res.users",
        "user_director2_demo",
        {
            "name": "Zhao Min (Workshop Director)",
            "login": "mfg_director2",
            "email": "mfg_director2@example.com",
            "group_ids": DIRECTOR_GROUPS,
        },
    ),
    (
        "res.users",
        "user_buyer_demo",
        {
            "name": "Sun Li (Buyer)",
            "login": "mfg_buyer",
            "email": "mfg_buyer@example.com",
            "group_ids": Refs(
                "base.group_user",
                "purchase.group_purchase_user",
                "stock.group_stock_user",
                "mfg_duty.group_duty_user",
            ),
        },
    ),
    (
        "res.users",
        "user_keeper_demo",
        {
            "name": "Zhou Hui (Warehouse Keeper)",
            "login": "mfg_keeper",
            "email": "mfg_keeper@example.com",
            "group_ids": Refs(
                "base.group_user", "stock.group_stock_user", "mfg_duty.group_duty_user"
            ),
        },
    ),
    (
        "res.users",
        "user_inspector_demo",
        {
            "name": "Wu Lei (Quality Inspector)",
            "login": "mfg_inspector",
            "email": "mfg_inspector@example.com",
            "group_ids": Refs(
                "base.group_user",
                "quality_control_oca.group_quality_control_user",
                "stock.group_stock_user",
                "mfg_duty.group_duty_user",
            ),
        },
    ),
    (
        "res.users",
        "user_technician_demo",
        {
            "name": "Xu Gang (Maintenance Technician)",
            "login": "mfg_technician",
            "email": "mfg_technician@example.com",
            "group_ids": Refs(
                "base.group_user", "maintenance.group_equipment_manager", "mfg_duty.group_duty_user"
            ),
        },
    ),
    (
        "res.users",
        "user_equipment_admin_demo",
        {
            "name": "He Jun (Equipment Administrator)",
            "login": "mfg_equipment_admin",
            "email": "mfg_equipment_admin@example.com",
            "group_ids": Refs(
                "base.group_user", "maintenance.group_equipment_manager", "mfg_duty.group_duty_user"
            ),
        },
    ),
    (
        "res.users",
        "user_operator_milling_demo",
        {
            "name": "Guo Tao (Operator)",
            "login": "mfg_op_milling",
            "email": "mfg_op_milling@example.com",
            "group_ids": OPERATOR_GROUPS,
        },
    ),
    (
        "res.users",
        "user_operator_assembly_demo",
        {
            "name": "Ma Lin (Operator)",
            "login": "mfg_op_assembly",
            "email": "mfg_op_assembly@example.com",
            "group_ids": OPERATOR_GROUPS,
        },
    ),
    (
        "res.users",
        "user_operator_testing_demo",
        {
            "name": "Lin Feng (Operator)",
            "login": "mfg_op_testing",
            "email": "mfg_op_testing@example.com",
            "group_ids": OPERATOR_GROUPS,
        },
    ),
    (
        "hr.employee",
        "employee_director_demo",
        {
            "name": "Zhang Wei (Workshop Director)",
            "job_id": Ref("mfg_org.job_workshop_director"),
            "department_id": Ref("dept_workshop_machining_demo"),
            "parent_id": Ref("employee_manager_demo"),
            "user_id": Ref("user_director_demo"),
            "mfg_is_key_staff": True,
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_director2_demo",
        {
            "name": "Zhao Min (Workshop Director)",
            "job_id": Ref("mfg_org.job_workshop_director"),
            "department_id": Ref("dept_workshop_assembly_demo"),
            "parent_id": Ref("employee_manager_demo"),
            "user_id": Ref("user_director2_demo"),
            "mfg_is_key_staff": True,
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.department",
        "dept_workshop_machining_demo",
        {
            "name": "Machining Workshop",
            "manager_id": Ref("employee_director_demo"),
        },
    ),
    (
        "hr.department",
        "dept_workshop_assembly_demo",
        {
            "name": "Assembly Workshop",
            "manager_id": Ref("employee_director2_demo"),
        },
    ),
    (
        "hr.employee",
        "employee_leader_demo",
        {
            "name": "Liu Yang (Team Leader)",
            "job_id": Ref("mfg_org.job_team_leader"),
            "department_id": Ref("dept_team_turning_demo"),
            "parent_id": Ref("employee_director_demo"),
            "user_id": Ref("user_leader_demo"),
            "mfg_is_key_staff": True,
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_operator_demo",
        {
            "name": "Chen Jie (Operator)",
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("dept_team_turning_demo"),
            "parent_id": Ref("employee_leader_demo"),
            "user_id": Ref("user_operator_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.department",
        "dept_team_turning_demo",
        {
            "name": "Turning Team",
            "manager_id": Ref("employee_leader_demo"),
        },
    ),
    (
        "hr.employee",
        "employee_turning_1_demo",
        {
            "name": "Huang Bo",
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("dept_team_turning_demo"),
            "parent_id": Ref("employee_leader_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_turning_2_demo",
        {
            "name": "Song Jia",
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("dept_team_turning_demo"),
            "parent_id": Ref("employee_leader_demo"),
            "mfg_is_key_staff": True,
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_turning_3_demo",
        {
            "name": "Tang Ning",
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("dept_team_turning_demo"),
            "parent_id": Ref("employee_leader_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_turning_4_demo",
        {
            "name": "Feng Yu",
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("dept_team_turning_demo"),
            "parent_id": Ref("employee_leader_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_leader_milling_demo",
        {
            "name": "Ye Qing (Team Leader)",
            "job_id": Ref("mfg_org.job_team_leader"),
            "department_id": Ref("dept_team_milling_demo"),
            "parent_id": Ref("employee_director_demo"),
            "mfg_is_key_staff": True,
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.department",
        "dept_team_milling_demo",
        {
            "name": "Milling Team",
            "manager_id": Ref("employee_leader_milling_demo"),
        },
    ),
    (
        "hr.employee",
        "employee_milling_1_demo",
        {
            "name": "Guo Tao (Operator)",
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("dept_team_milling_demo"),
            "parent_id": Ref("employee_leader_milling_demo"),
            "user_id": Ref("user_operator_milling_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_milling_2_demo",
        {
            "name": "Cao Rui",
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("dept_team_milling_demo"),
            "parent_id": Ref("employee_leader_milling_demo"),
            "mfg_is_key_staff": True,
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_milling_3_demo",
        {
            "name": "Deng Hao",
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("dept_team_milling_demo"),
            "parent_id": Ref("employee_leader_milling_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_milling_4_demo",
        {
            "name": "Peng Fei",
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("dept_team_milling_demo"),
            "parent_id": Ref("employee_leader_milling_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_milling_5_demo",
        {
            "name": "Lu Yan",
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("dept_team_milling_demo"),
            "parent_id": Ref("employee_leader_milling_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_leader_assembly_demo",
        {
            "name": "Luo Jian (Team Leader)",
            "job_id": Ref("mfg_org.job_team_leader"),
            "department_id": Ref("dept_team_assembly_demo"),
            "parent_id": Ref("employee_director2_demo"),
            "mfg_is_key_staff": True,
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.department",
        "dept_team_assembly_demo",
        {
            "name": "Assembly Team",
            "manager_id": Ref("employee_leader_assembly_demo"),
        },
    ),
    (
        "hr.employee",
        "employee_assembly_1_demo",
        {
            "name": "Ma Lin (Operator)",
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("dept_team_assembly_demo"),
            "parent_id": Ref("employee_leader_assembly_demo"),
            "user_id": Ref("user_operator_assembly_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_assembly_2_demo",
        {
            "name": "Han Xue",
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("dept_team_assembly_demo"),
            "parent_id": Ref("employee_leader_assembly_demo"),
            "mfg_is_key_staff": True,
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_assembly_3_demo",
        {
            "name": "Yuan Kai",
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("dept_team_assembly_demo"),
            "parent_id": Ref("employee_leader_assembly_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_assembly_4_demo",
        {
            "name": "Jiang Hong",
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("dept_team_assembly_demo"),
            "parent_id": Ref("employee_leader_assembly_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_assembly_5_demo",
        {
            "name": "Xie Ping",
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("dept_team_assembly_demo"),
            "parent_id": Ref("employee_leader_assembly_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_leader_testing_demo",
        {
            "name": "Liang Wen (Team Leader)",
            "job_id": Ref("mfg_org.job_team_leader"),
            "department_id": Ref("dept_team_testing_demo"),
            "parent_id": Ref("employee_director2_demo"),
            "mfg_is_key_staff": True,
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.department",
        "dept_team_testing_demo",
        {
            "name": "Testing Team",
            "manager_id": Ref("employee_leader_testing_demo"),
        },
    ),
    (
        "hr.employee",
        "employee_testing_1_demo",
        {
            "name": "Lin Feng (Operator)",
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("dept_team_testing_demo"),
            "parent_id": Ref("employee_leader_testing_demo"),
            "user_id": Ref("user_operator_testing_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_testing_2_demo",
        {
            "name": "Qian Mei",
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("dept_team_testing_demo"),
            "parent_id": Ref("employee_leader_testing_demo"),
            "mfg_is_key_staff": True,
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_testing_3_demo",
        {
            "name": "Shen Bin",
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("dept_team_testing_demo"),
            "parent_id": Ref("employee_leader_testing_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_testing_4_demo",
        {
            "name": "Pan Yi",
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("dept_team_testing_demo"),
            "parent_id": Ref("employee_leader_testing_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_testing_5_demo",
        {
            "name": "Du Juan",
            "job_id": Ref("mfg_org.job_operator"),
            "department_id": Ref("dept_team_testing_demo"),
            "parent_id": Ref("employee_leader_testing_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_buyer_demo",
        {
            "name": "Sun Li (Buyer)",
            "job_id": Ref("mfg_org.job_buyer"),
            "department_id": Ref("mfg_org.dept_production_management"),
            "parent_id": Ref("employee_manager_demo"),
            "user_id": Ref("user_buyer_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_keeper_demo",
        {
            "name": "Zhou Hui (Warehouse Keeper)",
            "job_id": Ref("mfg_org.job_warehouse_keeper"),
            "department_id": Ref("mfg_org.dept_production_management"),
            "parent_id": Ref("employee_manager_demo"),
            "user_id": Ref("user_keeper_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_planner_demo",
        {
            "name": "Lin Tao (Planner)",
            "job_id": Ref("mfg_org.job_planner"),
            "department_id": Ref("mfg_org.dept_production_management"),
            "parent_id": Ref("employee_manager_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_dispatcher_demo",
        {
            "name": "He Jun (Dispatcher)",
            "job_id": Ref("mfg_org.job_dispatcher"),
            "department_id": Ref("mfg_org.dept_production_management"),
            "parent_id": Ref("employee_manager_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_statistician_demo",
        {
            "name": "Luo Yan (Statistician)",
            "job_id": Ref("mfg_org.job_statistician"),
            "department_id": Ref("mfg_org.dept_production_management"),
            "parent_id": Ref("employee_manager_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_process_technician_demo",
        {
            "name": "Gao Peng (Process Technician)",
            "job_id": Ref("mfg_org.job_process_technician"),
            "department_id": Ref("mfg_org.dept_production_management"),
            "parent_id": Ref("employee_manager_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_designer_demo",
        {
            "name": "Ma Lei (Designer)",
            "job_id": Ref("mfg_org.job_designer"),
            "department_id": Ref("mfg_org.dept_production_management"),
            "parent_id": Ref("employee_manager_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_inspector_demo",
        {
            "name": "Wu Lei (Quality Inspector)",
            "job_id": Ref("mfg_org.job_quality_inspector"),
            "department_id": Ref("mfg_org.dept_production_management"),
            "parent_id": Ref("employee_manager_demo"),
            "user_id": Ref("user_inspector_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_technician_demo",
        {
            "name": "Xu Gang (Maintenance Technician)",
            "job_id": Ref("mfg_org.job_maintenance_technician"),
            "department_id": Ref("mfg_org.dept_production_management"),
            "parent_id": Ref("employee_manager_demo"),
            "user_id": Ref("user_technician_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
    (
        "hr.employee",
        "employee_equipment_admin_demo",
        {
            "name": "He Jun (Equipment Administrator)",
            "job_id": Ref("mfg_org.job_equipment_admin"),
            "department_id": Ref("mfg_org.dept_production_management"),
            "parent_id": Ref("employee_manager_demo"),
            "user_id": Ref("user_equipment_admin_demo"),
            "contract_date_start": QUARTER_START,
        },
    ),
]
