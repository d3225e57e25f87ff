from . import transport_trip_report
from . import transport_vehicle_cost_report
from . import transport_fleet_utilisation_report
