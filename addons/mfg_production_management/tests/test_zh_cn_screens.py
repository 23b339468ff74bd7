# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A Chinese user sees no English on the screens the suite adds or extends.

With zh_CN loaded, this walks every menu of the suite's addons, every action they define or open
(window, client, server and report actions: names and help), renders every view of each window
action as the web client asks for it (``get_views`` of each view type, search view and toolbar
included) and every view the suite adds to another module's model (its whole combined view), and
reads what a person sees there: labels, buttons, filters, pages, placeholders, help tooltips,
confirmations, literal text, field strings, help and selection values. It also reads every
translatable field of the records the suite's addons ship (KPIs, positions, functions, duties,
sheets and their sections and lines, grades, checklists, e-mail templates, groups, demo data …)
and the scoring rule text of the sheets' lines. Every string with an English word is listed in
the failure message, with where it was found.

Only genuine non-words are allowed (``ALLOWED``, each with its reason).
"""

import re

from lxml import etree
from markupsafe import Markup

from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools import html2plaintext
from odoo.tools.translate import code_translations

LANG = "zh_CN"

# Latin-letter tokens a Chinese screen may show, with the reason each is not English.
ALLOWED = {
    "KPI": "the abbreviation Chinese factories use as such (关键绩效指标 KPI)",
    "PDF": "file format name",
    "XLSX": "file format name",
    "Excel": "product name of the spreadsheet format",
    "Odoo": "product name",
    "OCA": "proper noun: the Odoo Community Association",
    "CNY": "ISO 4217 currency code",
    "ISO": "standard's name (ISO 9001)",
    "ID": "identifier, shown as such in Odoo's own zh_CN",
    "HR": "department abbreviation used as such in Chinese offices",
    "BOM": "bill of materials, used as such in Chinese factories",
    "QC": "quality control abbreviation used as such in Chinese factories",
    "PPE": "protective equipment abbreviation used as such in Chinese safety rules",
    "XML": "file format name",
    "JSON": "data format name",
    "CSV": "file format name",
    "URL": "web address, shown as such in Odoo's own zh_CN",
    "OK": "button word shown as such in Odoo's own zh_CN",
    "OEE": "overall equipment effectiveness, used as such in Chinese factories",
    "SQL": "name of the database query language",
    "PIN": "personal identification number, PIN 码 in Chinese",
    "bar": "unit of pressure",
    "min": "the minimum function of a formula, written so in Chinese formulas too",
}
# Attributes of view elements whose value a person reads.
SHOWN_ATTRIBUTES = ("string", "help", "placeholder", "title", "confirm", "sum", "avg")
# Placeholders, e-mail addresses, web addresses, QWeb and format expressions, technical names
# (with a dot or an underscore: field paths, module names, codes) and model numbers of products
# and machines (letters with digits: VMC850, GP-100): not words.
NOT_WORDS = re.compile(
    r"%\(\w+\)[sdfr]|%[sdfr]|\{\{.*?\}\}|\{[\w.]*\}|\S+@\S+|https?://\S+|\$\{.*?\}|&\w+;"
    r"|\b\w+(?:[._]\w+)+\b|\b[A-Za-z]+-?\d[\w-]*"
)
WORD = re.compile(r"[A-Za-z]{2,}")
# Technical models whose records a person does not read.
UNSEEN_MODELS = (
    "ir.model.access",
    "ir.rule",
    "ir.ui.view",
    "ir.model.fields",
    "ir.model.fields.selection",
    "ir.model.constraint",
    "ir.model.relation",
    "ir.config_parameter",
    "ir.default",
    "ir.asset",
    "ir.attachment",
    "ir.sequence",
)
INVISIBLE = ("1", "True", "true")


def english_words(text):
    """The English words of ``text`` (allowed tokens, placeholders and addresses left out)."""
    if not text:
        return []
    text = NOT_WORDS.sub(" ", str(text))
    return [word for word in WORD.findall(text) if word not in ALLOWED]


@tagged("post_install", "-at_install")
class TestZhCnScreens(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Module = cls.env["ir.module.module"]
        installed = Module.search([("state", "=", "installed")])
        cls.env["res.lang"]._activate_lang(LANG)
        Module._load_module_terms(installed.mapped("name"), [LANG])
        cls.suite = set(installed.filtered(lambda m: m.name.startswith("mfg_")).mapped("name"))
        # A user who sees every element of the suite's screens: administrator and every group
        # the suite defines.
        groups = cls.env["ir.model.data"].search(
            [("module", "in", list(cls.suite)), ("model", "=", "res.groups")]
        )
        cls.user = cls.env.ref("base.user_admin")
        cls.user.group_ids |= cls.env["res.groups"].browse(groups.mapped("res_id"))
        cls.user.lang = LANG
        cls.zh = cls.env(user=cls.user, context={"lang": LANG})
        cls.found = {}
        cls.languages = set(cls.env["res.lang"].search([]).mapped("name"))

    # ------------------------------------------------------------------
    # Collecting
    # ------------------------------------------------------------------
    def _see(self, where, text):
        if isinstance(text, Markup) or (isinstance(text, str) and "<" in text and ">" in text):
            text = html2plaintext(str(text))
        if english_words(text):
            self.found.setdefault(str(text).strip(), set()).add(where)

    def _suite_records(self, model):
        data = self.env["ir.model.data"].search(
            [("module", "in", list(self.suite)), ("model", "=", model)]
        )
        return self.zh[model].browse(data.mapped("res_id")).exists()

    def _see_arch(self, where, arch, model, models):
        """Read what a person sees in the combined view ``arch`` of ``model``."""
        fields = models.get(model, {}).get("fields", {})
        kanban = arch.tag == "kanban"

        def walk(node, model, fields):
            if not isinstance(node.tag, str):
                return
            if node.get("invisible") in INVISIBLE or node.get("column_invisible") in INVISIBLE:
                return
            for attribute in SHOWN_ATTRIBUTES:
                # The web client never shows the title of a search view.
                if node.get(attribute) and not (node.tag == "search" and attribute == "string"):
                    self._see(f"{where}: <{node.tag} {attribute}>", node.get(attribute))
            if node.tag not in ("field", "t") and node.text and node.text.strip():
                self._see(f"{where}: <{node.tag}> text", node.text)
            if node.tail and node.tail.strip() and node.getparent() is not None:
                self._see(f"{where}: text after <{node.tag}>", node.tail)
            child_model, child_fields = model, fields
            if node.tag == "field" and node.get("name") in fields:
                field = fields[node.get("name")]
                label = f"{where}: field {model}.{node.get('name')}"
                if not kanban and not node.get("nolabel") and not node.get("string"):
                    self._see(f"{label} string", field.get("string"))
                if not kanban:
                    self._see(f"{label} help", field.get("help"))
                for _value, name in field.get("selection") or []:
                    # A language is listed by its own name (Odoo's language names).
                    if name not in self.languages:
                        self._see(f"{label} selection", name)
                if field.get("relation"):
                    child_model = field["relation"]
                    child_fields = models.get(child_model, {}).get("fields", {})
            for child in node:
                walk(child, child_model, child_fields)

        walk(arch, model, fields)

    def _see_views(self, where, model, views):
        result = self.zh[model].get_views(views, {"toolbar": True, "load_filters": True})
        for view_type, view in result["views"].items():
            arch = etree.fromstring(view["arch"])
            self._see_arch(f"{where} {view_type} view", arch, model, result["models"])
            for kind, actions in (view.get("toolbar") or {}).items():
                for action in actions:
                    self._see(f"{where} {view_type} {kind} menu", action.get("name"))

    def _see_actions(self):
        actions = self._suite_records("ir.actions.act_window")
        for menu in self._suite_records("ir.ui.menu"):
            if menu.action and menu.action._name == "ir.actions.act_window":
                actions |= menu.action
        for action in actions.sudo().with_context(lang=LANG):
            where = f"action {action.get_external_id().get(action.id) or action.id}"
            self._see(f"{where} name", action.name)
            self._see(f"{where} help", action.help)
            views = [[view_id, view_type] for view_id, view_type in action.views]
            views.append([action.search_view_id.id, "search"])
            self._see_views(where, action.res_model, views)
        for model in ("ir.actions.client", "ir.actions.server", "ir.actions.report"):
            for action in self._suite_records(model).sudo().with_context(lang=LANG):
                self._see(f"{model} {action.get_external_id()[action.id]}", action.name)

    def _see_extended_views(self):
        """Views of the suite: a primary view of its own whole, as the web client gets it; a view
        that extends another module's view (or a primary view built on one) by what it adds."""
        for view in self._suite_records("ir.ui.view").sudo():
            if view.type == "qweb" or view.model not in self.env:
                continue
            where = f"view {view.get_external_id()[view.id]}"
            if view.mode == "primary" and not view.inherit_id:
                self._see_views(where, view.model, [[view.id, view.type]])
                continue
            arch = etree.fromstring(view.with_context(lang=LANG).arch_db)
            fields = self.zh[view.model].fields_get(
                attributes=["string", "help", "selection", "relation"]
            )
            models = {view.model: {"fields": fields}}
            for spec in list(arch) if arch.tag == "data" else [arch]:
                if not isinstance(spec.tag, str):
                    continue
                if spec.get("position") == "attributes":
                    for attribute in spec.iter("attribute"):
                        if attribute.get("name") in SHOWN_ATTRIBUTES:
                            self._see(f"{where}: attribute {attribute.get('name')}", attribute.text)
                    continue
                for child in spec:
                    if isinstance(child.tag, str) and child.get("position") != "move":
                        self._see_arch(where, child, view.model, models)

    def _see_menus(self):
        for menu in self._suite_records("ir.ui.menu"):
            self._see(f"menu {menu.get_external_id()[menu.id]}", menu.name)

    def _see_records(self):
        data = self.env["ir.model.data"].search(
            [("module", "in", list(self.suite)), ("model", "not in", UNSEEN_MODELS)]
        )
        by_model = {}
        for row in data:
            by_model.setdefault(row.model, []).append((row.res_id, f"{row.module}.{row.name}"))
        for model, rows in sorted(by_model.items()):
            if model not in self.env or model.startswith("ir.actions") or model == "ir.ui.menu":
                continue
            Model = self.zh[model].sudo()
            shown = [
                name
                for name, field in Model._fields.items()
                if field.translate and field.type in ("char", "text", "html") and field.store
            ]
            if not shown:
                continue
            records = Model.browse([res_id for res_id, _xmlid in rows]).exists()
            xmlids = dict(rows)
            for record in records:
                for name in shown:
                    self._see(f"{model} {xmlids[record.id]} {name}", record[name])
        lines = self._suite_records("mfg.appraisal.template.line").sudo()
        for line in lines:
            self._see(f"sheet line {line.get_external_id()[line.id]} rule", line.rule_text)

    # ------------------------------------------------------------------
    # The check
    # ------------------------------------------------------------------
    def test_english_word_detection(self):
        """The detector itself: English words found, Chinese, codes and placeholders not."""
        self.assertEqual(english_words("Pending validation"), ["Pending", "validation"])
        self.assertEqual(english_words("设备完好率 %(value)s %"), [])
        self.assertEqual(english_words("KPI 库"), [])
        self.assertEqual(english_words("2026 Q1"), [])
        self.assertEqual(english_words("关键 Target 值"), ["Target"])
        self.assertEqual(english_words("数控车床 CK6150，齿轮泵 GP-100"), [])
        self.assertEqual(english_words('例如 [("approval_chain_id.code", "=", "x")]'), [])
        self.assertEqual(english_words("mfg_kpi_hr 的 Late arrivals"), ["Late", "arrivals"])

    def test_dependency_code_strings_in_chinese(self):
        """The suite's zh_CN of base_tier_validation's code strings (``i18n_extra`` overlay, see
        mfg_kpi/code_translations.py) is what that module's code shows: the reviewer of a pending
        review and the approval banner read in Chinese."""
        group = self.env["res.groups"].create({"name": "审批组"})
        review = self.zh["tier.review"].new({"reviewer_group_id": group.id})
        self.assertEqual(review.todo_by, "用户组 审批组")
        banner = code_translations.get_python_translations("base_tier_validation", LANG)
        self.assertEqual(
            banner["%(icon)s Pending validation by %(todo_by)s"], "%(icon)s 待 %(todo_by)s 审批"
        )
        # The review widget's own (JavaScript) strings too.
        web = code_translations.get_web_translations("base_tier_validation", LANG)
        self.assertIn({"id": "Todo by", "string": "待处理人"}, web["messages"])
        # Upstream translations win over the overlay's.
        self.assertEqual(banner["A review was accepted"], "审批已通过")

    def test_no_english_on_chinese_screens(self):
        self._see_menus()
        self._see_actions()
        self._see_extended_views()
        self._see_records()
        report = "\n".join(
            f"{text[:100]!r}  ← {sorted(wheres)[0]}"
            + (f" (+{len(wheres) - 1})" if len(wheres) > 1 else "")
            for text, wheres in sorted(self.found.items())
        )
        self.assertFalse(
            self.found,
            f"{len(self.found)} English strings on zh_CN screens of the suite:\n{report}",
        )
