from . import transport_client_timeline
from . import transport_client_profit_report
from . import transport_mailing_result_report
from . import transport_manager_performance_report
