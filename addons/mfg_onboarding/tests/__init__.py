from . import test_acceptance, test_onboarding, test_query_count, test_tour
