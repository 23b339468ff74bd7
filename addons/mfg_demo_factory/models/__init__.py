from . import mfg_demo_factory
