from . import transport_order_plan_wizard
from . import transport_order_delivery_wizard
from . import transport_manager_summary_wizard
from . import transport_manager_summary_line
from . import transport_activity_result_wizard
from . import transport_pay_statement_generate
