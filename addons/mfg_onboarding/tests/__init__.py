from . import test_acceptance, test_onboarding, test_tour
