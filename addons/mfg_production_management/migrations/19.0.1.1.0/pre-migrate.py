# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.1.0: the demo factory (its loader model ``mfg.demo.factory``, its demo people,
machines, products and operations) moves to the demo-only module ``mfg_demo_factory``.

In a database with demo data, every external id of this module (all of them belong to the demo
factory) moves to ``mfg_demo_factory``, and that module is marked "to upgrade" with demo data:
its data is already in the database, so the loader upgrades it in this same run (modules marked
while loading are loaded before the run ends) and, in update mode, leaves the demo records as
they are and does not generate the demo quarter a second time. Without demo data there is
nothing to move: the loader model stays with this module, whose upgrade removes it.
"""

import logging

_logger = logging.getLogger(__name__)

OLD, NEW = "mfg_production_management", "mfg_demo_factory"


def migrate(cr, version):
    if not version:
        return
    cr.execute("SELECT demo FROM ir_module_module WHERE name = %s", (OLD,))
    row = cr.fetchone()
    if not (row and row[0]):
        return
    cr.execute(
        """UPDATE ir_model_data d SET module = %s
            WHERE d.module = %s
              AND NOT EXISTS (
                  SELECT 1 FROM ir_model_data n WHERE n.module = %s AND n.name = d.name
              )""",
        (NEW, OLD, NEW),
    )
    moved = cr.rowcount
    cr.execute(
        """UPDATE ir_module_module SET state = 'to upgrade', demo = TRUE
            WHERE name = %s AND state = 'uninstalled'""",
        (NEW,),
    )
    _logger.info(
        "Demo factory: %s external ids moved from %s to %s (%s)",
        moved,
        OLD,
        NEW,
        "marked to upgrade" if cr.rowcount else "module not available",
    )
