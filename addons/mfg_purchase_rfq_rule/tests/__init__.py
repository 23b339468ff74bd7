from . import test_rfq_rule
