from . import transport_order_plan_wizard
from . import transport_order_delivery_wizard
