from . import test_zh_cn_screens
from . import test_translatable_names
