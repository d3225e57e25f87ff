from . import transport_client_timeline
from . import transport_client_profit_report
