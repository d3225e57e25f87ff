from . import transport_report_wizard
