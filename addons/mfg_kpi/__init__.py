from . import models, wizard
from .code_translations import post_load
