from . import test_background
