from . import test_demo_factory
