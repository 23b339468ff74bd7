from . import test_zh_cn_screens
