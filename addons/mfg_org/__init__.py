from . import models, report
from .hooks import uninstall_hook
