from . import models
from . import report
from . import wizard


def uninstall_hook(env):
    """The appraisals and cycles go first: their sheets (data of this module) are removed
    before the tables, and an appraisal may not lose its sheet."""
    env.cr.execute("DELETE FROM mfg_appraisal")
    env.cr.execute("DELETE FROM mfg_appraisal_cycle")
