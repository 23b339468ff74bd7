from . import mfg_rfq_waiver_wizard
