from . import mfg_kpi_survey_launch
