from . import test_near_expiry
