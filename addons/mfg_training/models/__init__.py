from . import hr_course
from . import hr_course_schedule
from . import hr_course_attendee
from . import mfg_training_plan
from . import mfg_training_need
from . import mfg_appraisal
from . import mfg_kpi_provider
