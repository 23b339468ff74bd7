"""Write the spreadsheet dashboards of mfg_dashboard (data/files/*_dashboard.json).

Run from the repository root after changing a layout: ``python3 scripts/build_dashboards.py``.
The JSON is the Odoo 19 spreadsheet format (as the core ``spreadsheet_dashboard_*`` addons ship
theirs): Odoo pivots spilled by ``=PIVOT(id)``, ``_t`` titles (extracted into the addon's .pot),
drill-down links to the native graph/pivot views.
"""

import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "addons/mfg_dashboard/data/files"

# The cockpit's KPIs: the company roll-up of each (duty checklists are measured per employee
# only: their ratio over the employees is the company's).
COCKPIT_CODES = [
    "PLAN_COMPLETION_RATE",
    "PLAN_ON_TIME_COMPLETION_RATE",
    "PRODUCT_QUALITY_PASS_RATE",
    "WIP_QUALITY_PASS_RATE",
    "INCOMING_INSPECTION_PASS_RATE",
    "MRP_SCRAP_RATE",
    "MRP_REWORK_RATE",
    "EQUIPMENT_INTACT_RATE",
    "EQUIPMENT_FAILURE_RATE",
    "MAINTENANCE_PLAN_COMPLETION_RATE",
    "DUTY_CHECKLIST_COMPLETION",
]
EMPLOYEE_ONLY = ["DUTY_CHECKLIST_COMPLETION"]
COMPANY_DOMAIN = [
    ["kpi_id.code", "in", COCKPIT_CODES],
    ["period_kind", "=", "month"],
    "|",
    ["subject_type", "=", "company"],
    "&",
    ["kpi_id.code", "in", EMPLOYEE_ONLY],
    ["subject_type", "=", "employee"],
]
WORKSHOP_DOMAIN = [
    ["kpi_id.code", "in", COCKPIT_CODES],
    ["period_kind", "=", "month"],
    ["subject_type", "=", "department"],
    ["department_id.child_ids", "!=", False],
    ["department_id.parent_id", "!=", False],
]
PERIOD_FILTER = "6f1c2a10-5b1e-4c3a-9e61-0d5a7c1b2e01"
NAME_UNIT = {"mfg_kpi_name_unit": True}
STYLES = {
    "1": {"textColor": "#01666b", "bold": True, "fontSize": 16},
    "2": {"textColor": "#434343", "fontSize": 11, "bold": True},
}


def pivot(pid, model, domain, rows, columns, measures, name, context=None, dated=None):
    matching = {}
    if dated:
        matching[PERIOD_FILTER] = {"chain": dated, "type": "date", "offset": 0}
    return {
        "type": "ODOO",
        "fieldMatching": matching,
        "context": context or {},
        "domain": domain,
        "id": str(pid),
        "measures": [m if isinstance(m, dict) else {"id": m, "fieldName": m} for m in measures],
        "model": model,
        "name": name,
        "sortedColumn": None,
        "formulaId": str(pid),
        "columns": columns,
        "rows": rows,
    }


def link(title, model, domain, view, context):
    action = {
        "viewType": view,
        "action": {
            "domain": domain,
            "context": context,
            "modelName": model,
            "views": [[False, view], [False, "pivot"], [False, "list"], [False, "form"]],
        },
        "threshold": 0,
        "name": title,
    }
    return f"[{title}](odoo://view/{json.dumps(action, separators=(',', ':'))})"


def line_chart(chart_id, title, model, domain, group_by, measure, context, row):
    return {
        "id": chart_id,
        "width": 1000,
        "height": 340,
        "tag": "chart",
        "data": {
            "title": {"text": title},
            "background": "#FFFFFF",
            "legendPosition": "top",
            "metaData": {
                "groupBy": group_by,
                "measure": measure,
                "order": None,
                "resModel": model,
                "mode": "line",
                "cumulatedStart": False,
            },
            "searchParams": {
                "comparison": None,
                "context": context,
                "domain": domain,
                "groupBy": group_by,
                "orderBy": [],
            },
            "type": "odoo_line",
            "dataSets": [{}],
            "verticalAxisPosition": "left",
            "stacked": False,
            "cumulatedStart": False,
            "chartId": chart_id,
            "fieldMatching": {PERIOD_FILTER: {"chain": "period_date_start", "type": "date"}},
        },
        "offset": {"x": 0, "y": 0},
        "col": 0,
        "row": row,
    }


def spreadsheet(sheet_name, cells, styles, pivots, figures, rows=90):
    return {
        "version": "18.5.10",
        "sheets": [
            {
                "id": "sheet1",
                "name": sheet_name,
                "colNumber": 16,
                "rowNumber": rows,
                "rows": {},
                "cols": {
                    "0": {"size": 400},
                    "1": {"size": 110},
                    "2": {"size": 110},
                    "3": {"size": 110},
                },
                "merges": [],
                "cells": cells,
                "styles": styles,
                "formats": {},
                "borders": {},
                "conditionalFormats": [],
                "dataValidationRules": [],
                "figures": figures,
                "tables": [],
                "areGridLinesVisible": False,
                "isVisible": True,
                "headerGroups": {"ROW": [], "COL": []},
                "comments": {},
            }
        ],
        "styles": STYLES,
        "formats": {},
        "borders": {},
        "revisionId": "START_REVISION",
        "uniqueFigureIds": True,
        "settings": {},
        "pivots": {str(p["id"]): p for p in pivots},
        "pivotNextId": len(pivots) + 1,
        "customTableStyles": {},
        "globalFilters": [
            {
                "id": PERIOD_FILTER,
                "type": "date",
                "label": "Period",
                "defaultValue": "last_12_months",
            }
        ],
        "lists": {},
        "listNextId": 1,
        "chartOdooMenusReferences": {},
    }


def production():
    trend_ctx = {
        **NAME_UNIT,
        "graph_mode": "line",
        "graph_groupbys": ["period_date_start:month", "kpi_id"],
        "pivot_row_groupby": ["kpi_id"],
        "pivot_column_groupby": ["period_date_start:month"],
    }
    shop_ctx = {
        **NAME_UNIT,
        "pivot_row_groupby": ["kpi_id", "department_id"],
        "pivot_column_groupby": ["period_date_start:month"],
    }
    pivots = [
        pivot(
            1,
            "mfg.kpi.value",
            COMPANY_DOMAIN,
            [{"fieldName": "kpi_id"}],
            [{"fieldName": "period_date_start", "granularity": "month"}],
            ["value"],
            "Company KPIs by month",
            NAME_UNIT,
            dated="period_date_start",
        ),
        pivot(
            2,
            "mfg.kpi.value",
            WORKSHOP_DOMAIN,
            [{"fieldName": "department_id"}, {"fieldName": "kpi_id"}],
            [{"fieldName": "period_date_start", "granularity": "month"}],
            ["value"],
            "Workshop KPIs by month",
            NAME_UNIT,
            dated="period_date_start",
        ),
        pivot(
            3,
            "mfg.kpi.target",
            [["kpi_id.code", "in", COCKPIT_CODES], ["period_id", "=", False]],
            [{"fieldName": "kpi_id"}],
            [],
            ["target", "threshold_warning"],
            "Targets",
            NAME_UNIT,
        ),
        pivot(
            4,
            "mfg.safety.hazard",
            [["state", "in", ["reported", "assigned", "rectified"]]],
            [{"fieldName": "mfg_department_id"}],
            [{"fieldName": "state"}],
            ["__count"],
            "Open hazards",
        ),
        pivot(
            5,
            "mfg.duty.run.item",
            [["result", "=", "problem"]],
            [{"fieldName": "run_state"}],
            [],
            ["__count"],
            "Problems found on checklists",
        ),
        pivot(
            6,
            "maintenance.request",
            [["maintenance_type", "=", "corrective"]],
            [{"fieldName": "request_date", "granularity": "month"}],
            [{"fieldName": "stage_id"}],
            ["__count"],
            "Equipment failures by month",
            dated="request_date",
        ),
    ]
    cells = {
        "A1": '=_t("Production cockpit")',
        "A2": link(
            "Company KPIs by month (drill down)",
            "mfg.kpi.value",
            COMPANY_DOMAIN,
            "pivot",
            trend_ctx,
        ),
        "A3": "=PIVOT(1, 30)",
        "A19": link(
            "Workshops (drill down)",
            "mfg.kpi.value",
            WORKSHOP_DOMAIN,
            "pivot",
            shop_ctx,
        ),
        "A20": "=PIVOT(2, 40, FALSE)",
        "A50": '=_t("Targets (warning threshold beside)")',
        "A51": "=PIVOT(3, 20, FALSE)",
        "A66": '=_t("Open hazards per department")',
        "A67": "=PIVOT(4, 10)",
        "A75": '=_t("Problems found on duty checklists")',
        "A76": "=PIVOT(5, 10)",
        "A82": '=_t("Equipment failures (corrective requests) by month")',
        "A83": "=PIVOT(6, 13)",
    }
    styles = {c: 1 for c in ("A1",)} | {c: 2 for c in ("A2", "A19", "A50", "A66", "A75", "A82")}
    figures = [
        line_chart(
            "c0ckp1t-trend",
            "Trend of the company KPIs",
            "mfg.kpi.value",
            COMPANY_DOMAIN,
            ["period_date_start:month", "kpi_id"],
            "value",
            NAME_UNIT,
            100,
        )
    ]
    return spreadsheet("Cockpit", cells, styles, pivots, figures, rows=130)


def hr():
    done = ["published", "interview", "done"]
    pivots = [
        pivot(
            1,
            "mfg.appraisal",
            [["state", "!=", "cancelled"]],
            [{"fieldName": "cycle_id"}],
            [{"fieldName": "state"}],
            ["__count"],
            "Appraisal progress",
        ),
        pivot(
            2,
            "mfg.appraisal",
            [["state", "in", done]],
            [{"fieldName": "cycle_id"}],
            [{"fieldName": "grade"}],
            ["__count"],
            "Grade distribution",
        ),
        pivot(
            3,
            "mfg.appraisal",
            [["state", "in", done]],
            [{"fieldName": "department_id"}],
            [],
            [
                "__count",
                {"id": "final_score:avg", "fieldName": "final_score", "aggregator": "avg"},
            ],
            "Scores per department",
        ),
        pivot(
            4,
            "mfg.appraisal.appeal",
            [],
            [{"fieldName": "cycle_id"}],
            [{"fieldName": "state"}],
            ["__count"],
            "Appeals",
        ),
    ]
    cells = {
        "A1": '=_t("Appraisals")',
        "A2": link(
            "Appraisal progress (drill down)",
            "mfg.appraisal",
            [["state", "!=", "cancelled"]],
            "pivot",
            {"pivot_row_groupby": ["cycle_id"], "pivot_column_groupby": ["state"]},
        ),
        "A3": "=PIVOT(1, 20)",
        "A25": link(
            "Grade distribution (drill down)",
            "mfg.appraisal",
            [["state", "in", done]],
            "pivot",
            {"pivot_row_groupby": ["cycle_id"], "pivot_column_groupby": ["grade"]},
        ),
        "A26": "=PIVOT(2, 20)",
        "A48": '=_t("Average final score per department")',
        "A49": "=PIVOT(3, 20)",
        "A71": '=_t("Appeals")',
        "A72": "=PIVOT(4, 20)",
    }
    styles = {"A1": 1} | {c: 2 for c in ("A2", "A25", "A48", "A71")}
    data = spreadsheet("Appraisals", cells, styles, pivots, [], rows=95)
    data["globalFilters"] = []
    return data


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in (
        ("production_cockpit_dashboard.json", production()),
        ("hr_appraisal_dashboard.json", hr()),
    ):
        (OUT / name).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
