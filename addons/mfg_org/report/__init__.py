from . import report_position_description
