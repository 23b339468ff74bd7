# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The KPI library shipped by mfg_kpi against the KPIs named by the requirement documents.

Seed 000 lists the key KPIs (关键业绩指标) of 19 positions; seed 004 names indicators in its
indicator tables (第5条 workshop staff, 第6条 team members), its score sheets (第7-9条) and the
workshop director's semi-annual plan. Every indicator exists once in the library, under the seed's
own Chinese term. Names that are the same indicator with an obviously equivalent wording (a
"生产" prefix, a missing "率" or "评分", a word dropped on a sheet, a typo) are merged into one KPI:
SEED_SYNONYMS maps such a seed term to the library term. Everything else stays distinct, e.g.
生产计划完成率 / 生产计划按时完成率 / 生产计划达成率 / 产量计划完成率 / 车间产量计划按时完成率,
or 劳动生产率 (output value per head) / 劳动生产效率 (pieces per day) / 个人劳动生产效率 (pieces
per hour).
"""

from odoo.tests import TransactionCase, tagged

# (code, Chinese term of the seed, unit, direction); the record's xml id is mfg_kpi.kpi_<code>.
KPI_LIBRARY = [
    # seed 000: key KPIs of the 19 position descriptions (94 distinct)
    ("PLAN_ON_TIME_COMPLETION_RATE", "生产计划按时完成率", "percent", "higher"),
    ("LABOUR_PRODUCTIVITY", "劳动生产率", "amount", "higher"),
    ("PRODUCTION_ACCIDENT_LOSS", "生产事故（包括质量和安全）损失", "amount", "zero"),
    ("PRODUCT_QUALITY_PASS_RATE", "产品质量合格率", "percent", "higher"),
    ("PRODUCTION_COST_CONTROL", "生产成本控制", "percent", "lower"),
    ("QMS_DEVELOPMENT", "质量管理体系建立与完善", "score", "higher"),
    ("INTERNAL_PROFIT_ACHIEVEMENT_RATE", "内部利润达成率", "percent", "higher"),
    ("OUTPUT_PLAN_COMPLETION_RATE", "产量计划完成率", "percent", "higher"),
    ("LABOUR_EFFICIENCY", "劳动生产效率", "pieces_per_day", "higher"),
    ("DELIVERY_DATE_ACHIEVEMENT_RATE", "生产交期达成率", "percent", "higher"),
    ("QUALITY_ACCIDENT_COUNT", "质量事故发生次数", "count", "zero"),
    ("SAFETY_ACCIDENT_COUNT", "安全事故发生次数", "count", "zero"),
    ("PRODUCTION_COST_REDUCTION_RATE", "生产成本下降率", "percent", "higher"),
    ("WIP_QUALITY_PASS_RATE", "在产品质量合格率", "percent", "higher"),
    ("WIP_TURNOVER_RATE", "在制品周转率", "count", "higher"),
    ("ON_TIME_DELIVERY_RATE", "产品交货及时率", "percent", "higher"),
    ("WORKSHOP_TRAINING_PLAN_COMPLETION_RATE", "车间培训计划完成率", "percent", "higher"),
    ("ORDER_TRANSMISSION_RATE", "生产指令传达及时率、准确率", "percent", "higher"),
    ("PLAN_COMPLETION_RATE", "生产计划完成率", "percent", "higher"),
    ("CAPACITY_LOAD_ANALYSIS_ACCURACY", "产能负荷分析准确率", "percent", "higher"),
    ("RUSH_ORDER_HANDLING_TIMELINESS", "紧急订单处理及时率", "percent", "higher"),
    ("PROGRESS_REPORT_TIMELINESS", "生产进度报表提交及时率", "percent", "higher"),
    ("PRODUCTION_DOCUMENT_COMPLETENESS", "生产资料完备率", "percent", "higher"),
    ("TECHNICAL_SERVICE_SATISFACTION", "技术服务满意度", "score", "higher"),
    ("PROCESS_DOCUMENT_ACCURACY", "工艺文件编制准确率", "percent", "higher"),
    ("ONSITE_PROBLEM_TIMELINESS", "现场技术问题解决及时率", "percent", "higher"),
    ("PROCESS_IMPROVEMENT_COST_REDUCTION_RATE", "工艺改进成本降低率", "percent", "higher"),
    ("PROCESS_TRAINING_ON_TIME_RATE", "工艺技术培训按时完成率", "percent", "higher"),
    ("SCHEDULE_ACHIEVEMENT_RATE", "生产排程达成率", "percent", "higher"),
    ("MATERIAL_EXPEDITING_TIMELINESS", "物料跟催及时率", "percent", "higher"),
    ("RUSH_ORDER_ON_TIME_RATE", "紧急订单按时完成率", "percent", "higher"),
    ("DISPATCH_MINUTES_TIMELINESS", "调度会议纪要下发及时率", "percent", "higher"),
    ("RAW_MATERIAL_STATS_ERROR_RATE", "原材料统计差错率", "percent", "lower"),
    ("PRODUCT_STATS_ERROR_RATE", "产品统计差错率", "percent", "lower"),
    ("ATTENDANCE_STATS_ERROR_RATE", "考勤统计差错率", "percent", "lower"),
    ("STATS_REPORT_TIMELINESS", "统计报表上报及时率", "percent", "higher"),
    ("PRODUCT_REWORK_RATE", "产品返工率", "percent", "lower"),
    ("STANDARD_HOURS_ACHIEVEMENT_RATE", "工时标准达成率", "percent", "higher"),
    ("SUBORDINATE_VIOLATION_COUNT", "下属违规次数", "count", "zero"),
    ("SAFE_CIVILISED_PRODUCTION_RESULT", "安全文明生产考核结果", "score", "higher"),
    ("PLAN_ACHIEVEMENT_RATE", "生产计划达成率", "percent", "higher"),
    ("ACCEPTANCE_PASS_RATE", "产品交验合格率", "percent", "higher"),
    ("QUOTA_COMPLETION_RATE", "生产定额完成率", "percent", "higher"),
    ("SKILL_TRAINING_PASS_RATE", "技能培训考核合格率", "percent", "higher"),
    ("PURCHASE_PLAN_ON_TIME_RATE", "物料采购计划按时完成率", "percent", "higher"),
    ("PURCHASE_SAVINGS_AMOUNT", "采购资金节约额", "amount", "higher"),
    ("PURCHASE_QUALITY_PASS_RATE", "采购质量合格率", "percent", "higher"),
    ("SUPPLIER_FILE_COMPLETENESS", "供应商档案完备率", "percent", "higher"),
    ("SUPPLIER_SATISFACTION", "供应商满意度", "score", "higher"),
    ("PURCHASE_QUALITY_COMPLIANCE", "采购质量是否合格、符合使用要求", "score", "higher"),
    ("PURCHASE_PRICE_CONTROL", "采购单价控制情况", "percent", "lower"),
    ("PURCHASE_ORDER_ERROR_COUNT", "采购订单差错次数", "count", "zero"),
    ("PURCHASE_ON_TIME_ARRIVAL_RATE", "采购到货及时率", "percent", "higher"),
    ("RECEIPT_INSPECTION_ACCURACY", "物料数量、质量验收准确率", "percent", "higher"),
    ("MARKET_REPORT_TIMELINESS", "供应市场调查报告及时提交率", "percent", "higher"),
    ("STOCK_LOSS_RATE", "库存物资损耗率", "percent", "lower"),
    ("STOCK_COUNT_ACCURACY", "仓库盘点账实相符率", "percent", "higher"),
    ("WAREHOUSE_LOSS_TARGET_RATE", "仓库事故损失额控制目标达成率", "percent", "higher"),
    ("STORAGE_FACILITY_INTACT_RATE", "仓储设施完好率", "percent", "higher"),
    ("STOCK_MOVE_ERROR_RATE", "物资出入库差错率", "percent", "lower"),
    ("GOODS_INTACT_RATE", "物资完好率", "percent", "higher"),
    ("DOCUMENT_TRANSFER_TIMELINESS", "单据传递及时率", "percent", "higher"),
    ("WAREHOUSE_SAFETY_ACCIDENT_RATE", "安全事故率", "percent", "zero"),
    ("STORAGE_LOSS_CONTROL_RATE", "物资仓储损失控制率", "percent", "lower"),
    ("MAINTENANCE_PLAN_COMPLETION_RATE", "设备保养、检修计划完成率", "percent", "higher"),
    ("EQUIPMENT_INTACT_RATE", "设备完好率", "percent", "higher"),
    ("MAINTENANCE_COST_CONTROL", "设备维修费用控制", "percent", "lower"),
    ("EQUIPMENT_FILE_ARCHIVING_RATE", "设备档案归档率", "percent", "higher"),
    ("EMERGENCY_REPAIR_TIMELINESS", "设备事故抢修及时率", "percent", "higher"),
    ("QUALITY_COMPLAINT_RATE", "产品质量问题投诉率", "percent", "lower"),
    ("QUALITY_ACCIDENT_LOSS", "质量事故损失金额", "amount", "zero"),
    ("QUALITY_ACCIDENT_HANDLING_TIMELINESS", "质量事故处理及时率", "percent", "higher"),
    ("INSPECTION_ON_TIME_RATE", "检验工作按时完成率", "percent", "higher"),
    ("QUALITY_RECORD_COMPLETENESS", "质量记录完备率", "percent", "higher"),
    ("INSPECTION_TIMELY_COMPLETION_RATE", "质量检验工作及时完成率", "percent", "higher"),
    ("INSPECTION_ERROR_RATE", "检验工作差错率", "percent", "lower"),
    ("INSPECTION_ERROR_LOSS", "检验差错损失额", "amount", "zero"),
    ("LATE_INSPECTION_COMPLAINT_COUNT", "未及时检验被投诉的次数", "count", "zero"),
    ("MATERIAL_ONSITE_PASS_RATE", "原辅材料、零部件现场使用合格率", "percent", "higher"),
    ("INSPECTION_TOOL_INTACT_RATE", "检验工具完好率", "percent", "higher"),
    ("SAFETY_ACCIDENT_LOSS_RATE", "安全事故损失率", "percent", "lower"),
    ("SAFETY_INSPECTION_PLAN_RATE", "安全检查计划完成率", "percent", "higher"),
    ("HAZARD_RECTIFICATION_RATE", "安全隐患整改率", "percent", "higher"),
    ("SAFETY_ACCIDENT_HANDLING_TIMELINESS", "安全事故处理及时率", "percent", "higher"),
    ("SAFETY_TRAINING_PLAN_RATE", "安全培训计划完成率", "percent", "higher"),
    ("RD_SCHEDULE_COMPLETION_RATE", "产品研发进度计划完成率", "percent", "higher"),
    ("RD_CYCLE_TIME", "产品研发周期", "days", "lower"),
    ("RD_COST_CONTROL_RATE", "研发成本控制率", "percent", "lower"),
    ("TECHNICAL_STANDARD_ACCURACY", "产品技术标准准确率", "percent", "higher"),
    ("DRAWING_COMPLIANCE", "图纸绘制是否规范、符合要求", "score", "higher"),
    ("TEAM_COLLABORATION_SATISFACTION", "团队协作满意度", "score", "higher"),
    ("TECH_DOCUMENT_LOSS_RATE", "技术资料保管缺损率", "percent", "lower"),
    ("MAJOR_INNOVATION_COUNT", "产品技术的重大创新", "count", "higher"),
    ("RD_TASK_ON_TIME_RATE", "研发工作任务按时完成率", "percent", "higher"),
    # seed 004: indicator tables (第5条, 第6条), score sheets (第7-9条), director's plan
    ("OPERATING_PROCEDURE_ERROR_COUNT", "操作规程出错处数", "count", "zero"),
    ("OPERATING_PROCEDURE_ERROR_LOSS", "因操作规程出错造成的经济损失额", "amount", "zero"),
    ("EQUIPMENT_CHECK_COUNT", "设备检查次数", "count", "higher"),
    ("EQUIPMENT_AVAILABILITY_RATE", "设备可动率", "percent", "higher"),
    ("EQUIPMENT_BREAKDOWN_RATE", "设备坏机率", "percent", "lower"),
    ("EQUIPMENT_UTILISATION_RATE", "设备有效利用率", "percent", "higher"),
    ("OVERALL_EQUIPMENT_EFFECTIVENESS", "设备综合效率", "percent", "higher"),
    ("MAINTENANCE_COST_PER_OUTPUT", "单位产量维修费用", "amount", "lower"),
    ("EQUIPMENT_FAILURE_RATE", "设备故障率", "percent", "lower"),
    ("CHANGEOVER_TIME", "设备切换时间", "hours", "lower"),
    ("EQUIPMENT_TRAINING_PLAN_RATE", "设备操作培训计划完成率", "percent", "higher"),
    ("SAFETY_DOCUMENT_TIMELINESS", "安全文件编制及时率", "percent", "higher"),
    ("INJURY_RATE_PER_THOUSAND", "千人工伤事故率", "count", "zero"),
    ("SAFETY_ACCIDENT_LOSS", "生产安全事故经济损失额", "amount", "zero"),
    ("ACCIDENT_REPORT_TIMELINESS", "生产安全事故调查报告提交及时率", "percent", "higher"),
    ("SAFETY_TRAINING_COVERAGE", "安全生产培训覆盖率", "percent", "higher"),
    ("PROCESS_DOCUMENT_ERROR_COUNT", "工艺技术文件编制出错次数", "count", "zero"),
    ("PROCESS_DOCUMENT_ERROR_LOSS", "工艺技术文件出错造成的经济损失额", "amount", "zero"),
    ("PROCESS_TRIAL_TIMELINESS", "工艺试验及时完成率", "percent", "higher"),
    ("STANDARD_TIME_REDUCTION_RATE", "标准工时降低率", "percent", "higher"),
    ("PROCESS_PROBLEM_RESOLUTION_RATE", "工艺技术问题及时解决率", "percent", "higher"),
    ("NEW_PROCESS_DEVELOPMENT_COST", "新工艺技术开发费用", "amount", "lower"),
    ("PROCESS_UPGRADE_COST_SAVING_RATE", "工艺技改费用节省率", "percent", "higher"),
    ("PROCESS_ARCHIVING_TIMELINESS", "工艺技术资料归档及时率", "percent", "higher"),
    ("PROCESS_RECORD_COMPLETENESS", "工艺技术资料完整率", "percent", "higher"),
    ("COST_BUDGET_ACHIEVEMENT_RATE", "成本预算达成率", "percent", "higher"),
    ("BATCH_PASS_RATE", "批次合格率", "percent", "higher"),
    ("MATERIAL_STANDARD_ACHIEVEMENT_RATE", "物耗标准达成率", "percent", "higher"),
    ("PRODUCTION_ACCIDENT_COUNT", "生产事故发生次数", "count", "zero"),
    ("FIVE_S_SATISFACTION", "5S管理推行效果满意度评分", "score", "higher"),
    ("KEY_STAFF_TURNOVER_RATE", "核心员工流失率", "percent", "lower"),
    ("DISCIPLINE_VIOLATION_COUNT", "车间员工违纪次数", "count", "zero"),
    ("MAINTENANCE_COVERAGE_RATE", "保养覆盖率", "percent", "higher"),
    ("IMPROVED_EQUIPMENT_COUNT", "改良设备台数", "units", "higher"),
    ("FAULT_REPAIR_TIMELINESS", "故障设备维修及时率", "percent", "higher"),
    ("EMERGENCY_HANDLING_SATISFACTION", "上级领导对突发情况处理的满意度评分", "score", "higher"),
    ("EQUIPMENT_LEDGER_ACCURACY", "设备台账准确率", "percent", "higher"),
    ("REPAIR_RECORD_ACCURACY", "设备维修记录准确率", "percent", "higher"),
    ("WORKSHOP_OUTPUT_PLAN_ON_TIME_RATE", "车间产量计划按时完成率", "percent", "higher"),
    ("MATERIAL_CONSUMPTION_QUOTA_RATIO", "物料消耗占材料消耗定额比率", "percent", "lower"),
    ("WORKSHOP_SAMPLING_PASS_RATE", "车间产品质量抽检合格率", "percent", "higher"),
    (
        "WORKSHOP_MANAGEMENT_STANDARDISATION",
        "车间生产管理、流程管理、文件管理的合理性、规范性",
        "score",
        "higher",
    ),
    ("STAFF_MANAGEMENT", "部门员工管理", "score", "higher"),
    ("WORK_ATTITUDE", "工作态度", "score", "higher"),
    ("FIVE_S_SPOT_CHECK_PASS_RATE", "5S执行情况的抽查合格率", "percent", "higher"),
    ("COST_REDUCTION_PLAN_COMPLETION_RATE", "降耗减费计划完成率", "percent", "higher"),
    ("MANUFACTURING_OVERHEAD_RATE", "制造费用率", "percent", "lower"),
    ("SAMPLING_PASS_RATE", "抽检合格率", "percent", "higher"),
    ("REWORK_COUNT", "产品返工次数", "count", "lower"),
    ("TEAM_MAJOR_QUALITY_ACCIDENT_COUNT", "班组重大质量事故发生次数", "count", "zero"),
    ("EMPLOYEE_SATISFACTION", "员工满意度评分", "score", "higher"),
    ("NEW_EMPLOYEE_TRAINING_PLAN_RATE", "新员工培训计划完成率", "percent", "higher"),
    ("WORK_HOUR_EFFICIENCY_RATE", "工时效率达标率", "percent", "higher"),
    ("PRODUCTION_STATS_ACCURACY", "生产统计准确率", "percent", "higher"),
    ("OUTPUT_STATS_ACCURACY", "产量统计准确率", "percent", "higher"),
    ("PRODUCTION_STATS_TIMELINESS", "生产统计及时率", "percent", "higher"),
    ("ITEM_STATS_ACCURACY", "物品统计准确率", "percent", "higher"),
    ("STATS_ENTRY_ERROR_COUNT", "统计信息录入出错次数", "count", "zero"),
    ("STATS_ARCHIVING_TIMELINESS", "统计资料归档及时率", "percent", "higher"),
    ("PRODUCTION_RECORD_COMPLETENESS", "生产记录资料完整性", "percent", "higher"),
    ("TASK_ON_TIME_COMPLETION_RATE", "生产任务按时完成率", "percent", "higher"),
    ("WORK_TASK_COMPLETION_RATE", "工作任务完成率", "percent", "higher"),
    ("INDIVIDUAL_LABOUR_EFFICIENCY", "个人劳动生产效率", "pieces_per_hour", "higher"),
    ("OPERATING_RULE_VIOLATION_COUNT", "违反操作规程的次数", "count", "zero"),
]

# Seed terms merged into the library term of the same indicator.
SEED_SYNONYMS = {
    "生产计划按时完成": "生产计划按时完成率",  # 生产班长 (seed 000)
    "交期达成率": "生产交期达成率",  # 车间主任 sheet
    "生产设备完好率": "设备完好率",  # 车间主任 and 班组长 sheets
    "质量投诉率": "产品质量问题投诉率",  # 车间主任 sheet
    "生产安全事故发生次数": "安全事故发生次数",  # 第5条, 第6条, sheets, director's plan
    "生产安全检查计划完成率": "安全检查计划完成率",
    "生产安全隐患整改率": "安全隐患整改率",
    "生产安全事故处理及时率": "安全事故处理及时率",
    "安全生产培训计划完成率": "安全培训计划完成率",
    "生产安全事故造成的经济损失额": "生产安全事故经济损失额",  # 第6条
    "技术服务满意度评分": "技术服务满意度",  # 工艺技术员 sheet
    "工艺技术服务满意度评分": "技术服务满意度",  # 第5条
    "新工艺开发费用": "新工艺技术开发费用",  # 工艺技术员 sheet
    "归档及时率": "工艺技术资料归档及时率",  # 工艺技术员 sheet (工艺技术档案资料管理)
    "档案完整率": "工艺技术资料完整率",  # 工艺技术员 sheet (工艺技术档案资料管理)
    "5S管理推行效果满意度": "5S管理推行效果满意度评分",  # 班组长 sheet
    "返工率": "产品返工率",  # 操作工 sheet
    "统计报表上级及时率": "统计报表上报及时率",  # 第6条 (typo of 上报)
}

# The indicator tables of seed 004, term by term (第5条 then 第6条).
SEED_004_INDICATOR_TABLES = [
    # 第5条 生产设备使用与管理相关工作人员
    "操作规程出错处数",
    "因操作规程出错造成的经济损失额",
    "设备检查次数",
    "设备可动率",
    "设备完好率",
    "设备坏机率",
    "设备有效利用率",
    "设备综合效率",
    "单位产量维修费用",
    "设备故障率",
    "设备切换时间",
    "设备操作培训计划完成率",
    # 第5条 生产安全管理相关工作人员
    "安全文件编制及时率",
    "生产安全检查计划完成率",
    "生产安全隐患整改率",
    "千人工伤事故率",
    "生产安全事故发生次数",
    "生产安全事故经济损失额",
    "生产安全事故调查报告提交及时率",
    "生产安全事故处理及时率",
    "安全生产培训计划完成率",
    "安全生产培训覆盖率",
    # 第5条 生产技术支持与服务相关工作人员
    "工艺技术文件编制出错次数",
    "工艺技术文件出错造成的经济损失额",
    "工艺试验及时完成率",
    "标准工时降低率",
    "工艺技术问题及时解决率",
    "工艺技术服务满意度评分",
    "新工艺技术开发费用",
    "工艺技改费用节省率",
    "工艺技术资料归档及时率",
    "工艺技术资料完整率",
    # 第6条 生产班组人员量化考核指标
    "5S管理推行效果满意度评分",
    "5S执行情况的抽查合格率",
    "降耗减费计划完成率",
    "制造费用率",
    "工艺技改费用节省率",
    "抽检合格率",
    "产品质量合格率",
    "产品返工次数",
    "班组重大质量事故发生次数",
    "工艺技术问题及时解决率",
    "生产安全事故发生次数",
    "生产安全事故造成的经济损失额",
    "设备完好率",
    "设备有效利用率",
    "员工满意度评分",
    "新员工培训计划完成率",
    "工时效率达标率",
    "劳动生产效率",
    "生产统计准确率",
    "产量统计准确率",
    "生产统计及时率",
    "物品统计准确率",
    "统计信息录入出错次数",
    "统计报表上级及时率",
    "统计资料归档及时率",
    "生产记录资料完整性",
]


@tagged("post_install", "-at_install")
class TestKpiLibrary(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["mfg_kpi"], ["zh_CN"], overwrite=True)
        cls.library = cls.env["ir.model.data"].search(
            [("module", "=", "mfg_kpi"), ("model", "=", "mfg.kpi")]
        )
        cls.kpis = cls.env["mfg.kpi"].browse(cls.library.mapped("res_id"))
        cls.zh_names = {kpi.code: kpi.name for kpi in cls.kpis.with_context(lang="zh_CN")}

    def test_library_loaded_without_creation_messages(self):
        """The KPIs of a module's data are created without a "created" message (install mode);
        one created by hand has it, and changes to either are tracked."""
        Kpi = self.env["mfg.kpi"]
        vals = {"name": "Loaded", "unit": "count", "direction": "higher"}
        loaded = Kpi.with_context(install_mode=True).create({**vals, "code": "TEST_LOADED"})
        by_hand = Kpi.create({**vals, "code": "TEST_BY_HAND"})
        self.env.flush_all()
        self.env.cr.precommit.run()  # what a commit posts
        self.assertFalse(loaded.message_ids)
        self.assertEqual(len(by_hand.message_ids), 1)
        Kpi.browse((loaded | by_hand).ids).write({"unit": "percent"})
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written at commit time
        self.env.invalidate_all()
        self.assertTrue(loaded.message_ids.tracking_value_ids)
        self.assertEqual(
            loaded.message_ids.tracking_value_ids.field_id,
            by_hand.message_ids.tracking_value_ids.field_id,
        )

    def test_table_is_consistent(self):
        codes = [code for code, *__ in KPI_LIBRARY]
        names = [name for __, name, *__ in KPI_LIBRARY]
        self.assertEqual(len(set(codes)), len(codes), "a code is listed twice")
        self.assertEqual(len(set(names)), len(names), "a seed term is listed twice")
        self.assertFalse(set(SEED_SYNONYMS) & set(names), "a merged seed term is also a KPI")

    def test_library_matches_seed_table(self):
        self.assertEqual(len(self.kpis), len(KPI_LIBRARY))
        self.assertEqual(len(KPI_LIBRARY), 158)
        by_code = {kpi.code: kpi for kpi in self.kpis}
        for code, zh_name, unit, direction in KPI_LIBRARY:
            with self.subTest(code=code):
                kpi = by_code.get(code)
                self.assertTrue(kpi, f"{code} is missing")
                self.assertEqual(kpi, self.env.ref(f"mfg_kpi.kpi_{code.lower()}"))
                self.assertEqual(kpi.unit, unit)
                self.assertEqual(kpi.direction, direction)
                self.assertEqual(self.zh_names[code], zh_name)

    def test_plan_completion_rate_kept(self):
        kpi = self.env.ref("mfg_kpi.kpi_plan_completion_rate")
        self.assertEqual(kpi.code, "PLAN_COMPLETION_RATE")
        self.assertEqual(self.zh_names["PLAN_COMPLETION_RATE"], "生产计划完成率")

    def test_english_names_definitions_and_translations(self):
        zh_kpis = self.kpis.with_context(lang="zh_CN")
        en_kpis = self.kpis.with_context(lang="en_US")
        for kpi_en, kpi_zh in zip(en_kpis, zh_kpis, strict=True):
            with self.subTest(code=kpi_en.code):
                self.assertRegex(kpi_en.code, r"^[A-Z0-9]+(_[A-Z0-9]+)*$")
                for fname in ("name", "definition", "formula"):
                    en, zh = kpi_en[fname], kpi_zh[fname]
                    self.assertTrue(en, f"{fname} is empty")
                    self.assertRegex(en, r"^[^\u4e00-\u9fff]+$", f"English {fname} has Chinese")
                    self.assertRegex(zh, r"[\u4e00-\u9fff]", f"{fname} is not translated")

    def test_every_seed_004_table_indicator_exists(self):
        library_names = set(self.zh_names.values())
        for term in SEED_004_INDICATOR_TABLES:
            with self.subTest(term=term):
                self.assertIn(SEED_SYNONYMS.get(term, term), library_names)

    def test_qualitative_criteria_are_scores(self):
        for code in (
            "WORKSHOP_MANAGEMENT_STANDARDISATION",
            "STAFF_MANAGEMENT",
            "WORK_ATTITUDE",
            "QMS_DEVELOPMENT",
        ):
            self.assertEqual(self.env.ref(f"mfg_kpi.kpi_{code.lower()}").unit, "score")

    def test_data_sources_named_by_the_seeds(self):
        def sources(code):
            return set(
                self.env.ref(f"mfg_kpi.kpi_{code.lower()}").source_ids.mapped(
                    lambda s: s.get_external_id()[s.id]
                )
            )

        expected = {
            # 车间主任工作业绩考核量表 (数据来源)
            "COST_BUDGET_ACHIEVEMENT_RATE": {
                "mfg_kpi.kpi_source_production",
                "mfg_kpi.kpi_source_finance",
            },
            "QUALITY_COMPLAINT_RATE": {"mfg_kpi.kpi_source_customer_service"},
            "KEY_STAFF_TURNOVER_RATE": {"mfg_kpi.kpi_source_hr"},
            "DISCIPLINE_VIOLATION_COUNT": {
                "mfg_kpi.kpi_source_production",
                "mfg_kpi.kpi_source_hr",
            },
            "PLAN_COMPLETION_RATE": {"mfg_kpi.kpi_source_production"},
            # 车间主任绩效考核指标表 (资料来源)
            "WORKSHOP_OUTPUT_PLAN_ON_TIME_RATE": {"mfg_kpi.kpi_source_production"},
            "MATERIAL_CONSUMPTION_QUOTA_RATIO": {"mfg_kpi.kpi_source_material_control"},
            "WORKSHOP_SAMPLING_PASS_RATE": {"mfg_kpi.kpi_source_quality"},
            "SAFETY_ACCIDENT_COUNT": {"mfg_kpi.kpi_source_workshop"},
            "WORKSHOP_MANAGEMENT_STANDARDISATION": {"mfg_kpi.kpi_source_production_manager"},
            "STAFF_MANAGEMENT": {"mfg_kpi.kpi_source_hr"},
            "WORK_ATTITUDE": {"mfg_kpi.kpi_source_hr"},
        }
        for code, refs in expected.items():
            with self.subTest(code=code):
                self.assertEqual(sources(code), refs)
