from . import (
    mfg_duty_run,
    mfg_duty_run_item,
    mfg_duty_template,
    mfg_duty_template_line,
    mfg_kpi_provider,
)
