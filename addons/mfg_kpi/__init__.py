from . import models, wizard
from .code_translations import post_load

# Odoo calls post_load only when its loader is the first to import the module; an earlier import
# (a test module of another addon, a script) would skip it. Installing the overlay is idempotent.
post_load()
