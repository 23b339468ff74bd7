from . import mfg_duty_run_item, mfg_duty_template_line
