from . import test_exclusion
