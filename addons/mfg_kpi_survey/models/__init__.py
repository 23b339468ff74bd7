from . import mfg_kpi_survey_rule
from . import mfg_kpi_survey_campaign
from . import survey_user_input
from . import mfg_kpi_provider
