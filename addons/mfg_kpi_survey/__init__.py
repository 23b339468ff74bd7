from . import models
from . import wizard


def uninstall_hook(env):
    """The campaigns and the survey invitations go first: the rules, surveys and activity
    type they use are data of this module, removed before the tables."""
    env.cr.execute("DELETE FROM mfg_kpi_survey_campaign")
    env.cr.execute(
        """DELETE FROM mail_activity
            WHERE activity_type_id IN (
                  SELECT res_id FROM ir_model_data
                   WHERE module = 'mfg_kpi_survey' AND model = 'mail.activity.type')"""
    )
