from . import mfg_duty_run_item
