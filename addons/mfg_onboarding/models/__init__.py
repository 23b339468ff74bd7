from . import mfg_onboarding, mfg_onboarding_item
