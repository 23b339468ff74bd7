from . import test_survey_kpis
from . import test_survey_campaign
from . import test_survey_security_api
