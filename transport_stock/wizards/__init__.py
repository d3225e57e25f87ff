from . import transport_stock_issue
from . import transport_stock_issue_line
