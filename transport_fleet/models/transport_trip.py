from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, float_compare

WINTER_MONTHS = (1, 2, 3, 11, 12)
ACTIVE_STATES = ("planned", "in_progress")


class TransportTrip(models.Model):
    _name = "transport.trip"
    _description = "Trip (Route Sheet)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_planned_departure desc, id desc"
    _rec_names_search = ["name", "origin", "destination"]
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("planned", "Planned"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        # kanban columns in the order of the workflow, empty ones included
        group_expand=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Dispatcher",
        default=lambda self: self.env.user,
        tracking=True,
    )
    vehicle_id = fields.Many2one(
        "fleet.vehicle",
        domain=[("is_towed", "=", False)],
        check_company=True,
        tracking=True,
        index=True,
        help="The tractor, truck or van that does the trip.",
    )
    trailer_ids = fields.Many2many(
        "fleet.vehicle",
        "transport_trip_trailer_rel",
        "trip_id",
        "vehicle_id",
        string="Trailers",
        domain=[("is_towed", "=", True)],
        check_company=True,
    )
    driver_id = fields.Many2one(
        "res.partner",
        domain=[("is_driver", "=", True)],
        check_company=True,
        tracking=True,
        index=True,
    )
    co_driver_id = fields.Many2one(
        "res.partner",
        string="Co-driver",
        domain=[("is_driver", "=", True)],
        check_company=True,
    )
    date_planned_departure = fields.Datetime(
        string="Planned Departure", default=fields.Datetime.now, tracking=True
    )
    date_planned_arrival = fields.Datetime(string="Planned Arrival", tracking=True)
    date_departure = fields.Datetime(string="Departure", copy=False)
    date_arrival = fields.Datetime(string="Arrival", copy=False)
    origin = fields.Char()
    destination = fields.Char()
    stop_ids = fields.One2many(
        "transport.trip.stop", "trip_id", string="Stops", copy=True
    )
    distance_planned = fields.Float(string="Planned Distance (km)", digits=(16, 1))
    odometer_start = fields.Float(string="Odometer Out", digits=(16, 1), copy=False)
    odometer_end = fields.Float(string="Odometer In", digits=(16, 1), copy=False)
    distance_actual = fields.Float(
        string="Distance (km)",
        digits=(16, 1),
        compute="_compute_distance_actual",
        store=True,
        aggregator="sum",
    )
    duration_hours = fields.Float(
        string="Duration (h)", compute="_compute_duration_hours", store=True
    )
    cargo_weight = fields.Float(string="Cargo Weight (t)", digits=(16, 2))
    season = fields.Selection(
        [("summer", "Summer"), ("winter", "Winter")],
        compute="_compute_season",
        store=True,
        readonly=False,
        help="Chooses the vehicle's seasonal coefficient. Winter is November to March.",
    )
    fuel_start = fields.Float(string="Fuel Out (l)", digits=(16, 2), copy=False)
    fuel_end = fields.Float(string="Fuel In (l)", digits=(16, 2), copy=False)
    fuel_added = fields.Float(
        string="Fuel Added (l)",
        digits=(16, 2),
        compute="_compute_fuel_added",
        store=True,
        readonly=False,
        copy=False,
        help="Litres filled on the way; the sum of the fuel cost lines unless "
        "typed in.",
    )
    fuel_norm = fields.Float(
        string="Norm Fuel (l)",
        digits=(16, 2),
        compute="_compute_fuel_norm",
        store=True,
        help="Distance × norm × season coefficient + cargo weight × distance × "
        "load addition.",
    )
    fuel_actual = fields.Float(
        string="Actual Fuel (l)",
        digits=(16, 2),
        compute="_compute_fuel_actual",
        store=True,
        help="Fuel out + fuel added - fuel in.",
    )
    fuel_deviation = fields.Float(
        string="Over-consumption (l)",
        digits=(16, 2),
        compute="_compute_fuel_actual",
        store=True,
        help="Positive when the trip burnt more than the norm.",
    )
    fuel_deviation_percent = fields.Float(
        string="Over-consumption (%)",
        digits=(16, 1),
        compute="_compute_fuel_actual",
        store=True,
        aggregator="avg",
    )
    cost_line_ids = fields.One2many("transport.trip.cost", "trip_id", string="Costs")
    cost_total = fields.Monetary(
        string="Total Cost", compute="_compute_cost_total", store=True
    )
    cost_per_km = fields.Monetary(
        string="Cost per km",
        compute="_compute_cost_total",
        store=True,
        aggregator="avg",
    )
    note = fields.Html()
    dispatch_warning = fields.Text(
        compute="_compute_dispatch_warning",
        help="What stops this trip from leaving, shown before anyone clicks Plan.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("odometer_start", "odometer_end")
    def _compute_distance_actual(self):
        for trip in self:
            trip.distance_actual = max(trip.odometer_end - trip.odometer_start, 0.0)

    @api.depends("date_departure", "date_arrival")
    def _compute_duration_hours(self):
        for trip in self:
            if trip.date_departure and trip.date_arrival:
                delta = trip.date_arrival - trip.date_departure
                trip.duration_hours = max(delta.total_seconds() / 3600.0, 0.0)
            else:
                trip.duration_hours = 0.0

    @api.depends("date_planned_departure", "date_departure")
    def _compute_season(self):
        for trip in self:
            date = trip.date_departure or trip.date_planned_departure
            if date:
                trip.season = "winter" if date.month in WINTER_MONTHS else "summer"
            elif not trip.season:
                trip.season = "summer"

    @api.depends("cost_line_ids.quantity", "cost_line_ids.cost_type")
    def _compute_fuel_added(self):
        for trip in self:
            fuel_lines = trip.cost_line_ids.filtered(lambda c: c.cost_type == "fuel")
            trip.fuel_added = sum(fuel_lines.mapped("quantity"))

    @api.depends(
        "distance_actual",
        "distance_planned",
        "season",
        "cargo_weight",
        "vehicle_id.fuel_norm",
        "vehicle_id.fuel_norm_winter_coef",
        "vehicle_id.fuel_norm_summer_coef",
        "vehicle_id.fuel_norm_per_tkm",
    )
    def _compute_fuel_norm(self):
        for trip in self:
            trip.fuel_norm = trip._get_fuel_norm()

    @api.depends("fuel_start", "fuel_end", "fuel_added", "fuel_norm", "state")
    def _compute_fuel_actual(self):
        for trip in self:
            if trip.state != "done" and not trip.fuel_end:
                trip.fuel_actual = trip.fuel_deviation = 0.0
                trip.fuel_deviation_percent = 0.0
                continue
            trip.fuel_actual = trip.fuel_start + trip.fuel_added - trip.fuel_end
            trip.fuel_deviation = trip.fuel_actual - trip.fuel_norm
            trip.fuel_deviation_percent = (
                trip.fuel_deviation / trip.fuel_norm * 100.0 if trip.fuel_norm else 0.0
            )

    @api.depends("cost_line_ids.amount", "distance_actual", "distance_planned")
    def _compute_cost_total(self):
        for trip in self:
            trip.cost_total = sum(trip.cost_line_ids.mapped("amount"))
            distance = trip.distance_actual or trip.distance_planned
            trip.cost_per_km = trip.cost_total / distance if distance else 0.0

    @api.depends(
        "state",
        "vehicle_id",
        "trailer_ids",
        "driver_id",
        "co_driver_id",
        "date_planned_departure",
        "date_planned_arrival",
    )
    def _compute_dispatch_warning(self):
        for trip in self:
            blockers = (
                trip._get_dispatch_blockers()
                if trip.state in ("draft", "planned")
                else []
            )
            trip.dispatch_warning = "\n".join(blockers)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("odometer_start", "odometer_end")
    def _check_odometer(self):
        for trip in self:
            if trip.odometer_start < 0 or trip.odometer_end < 0:
                raise ValidationError(
                    self.env._("An odometer reading cannot be negative.")
                )
            if trip.odometer_end and trip.odometer_end < trip.odometer_start:
                raise ValidationError(
                    self.env._(
                        "Trip %(trip)s: the odometer in (%(end)s km) cannot be lower "
                        "than the odometer out (%(start)s km).",
                        trip=trip.name,
                        end=trip.odometer_end,
                        start=trip.odometer_start,
                    )
                )

    @api.constrains(
        "date_planned_departure",
        "date_planned_arrival",
        "date_departure",
        "date_arrival",
    )
    def _check_dates(self):
        for trip in self:
            pairs = (
                (trip.date_planned_departure, trip.date_planned_arrival),
                (trip.date_departure, trip.date_arrival),
            )
            if any(start and end and end < start for start, end in pairs):
                raise ValidationError(
                    self.env._(
                        "Trip %(trip)s: the arrival cannot be before the departure.",
                        trip=trip.name,
                    )
                )

    @api.constrains(
        "fuel_start", "fuel_end", "fuel_added", "distance_planned", "cargo_weight"
    )
    def _check_quantities(self):
        for trip in self:
            if min(trip.fuel_start, trip.fuel_end, trip.fuel_added) < 0:
                raise ValidationError(
                    self.env._(
                        "Trip %(trip)s: fuel quantities cannot be negative.",
                        trip=trip.name,
                    )
                )
            if trip.distance_planned < 0 or trip.cargo_weight < 0:
                raise ValidationError(
                    self.env._(
                        "Trip %(trip)s: the distance and the cargo weight cannot be "
                        "negative.",
                        trip=trip.name,
                    )
                )
            if float_compare(trip.fuel_end, trip.fuel_start + trip.fuel_added, 2) > 0:
                raise ValidationError(
                    self.env._(
                        "Trip %(trip)s: the fuel in the tank at arrival (%(end)s l) "
                        "cannot exceed the fuel at departure plus the fuel added "
                        "(%(total)s l).",
                        trip=trip.name,
                        end=trip.fuel_end,
                        total=trip.fuel_start + trip.fuel_added,
                    )
                )

    @api.constrains("vehicle_id", "trailer_ids", "driver_id", "co_driver_id")
    def _check_crew_and_units(self):
        for trip in self:
            if trip.vehicle_id.is_towed:
                raise ValidationError(
                    self.env._(
                        "%(vehicle)s is a towed unit: choose it as a trailer, not as "
                        "the vehicle of the trip.",
                        vehicle=trip.vehicle_id.display_name,
                    )
                )
            engines = trip.trailer_ids.filtered(lambda v: not v.is_towed)
            if engines:
                raise ValidationError(
                    self.env._(
                        "Only trailers and semi-trailers can be towed: %(vehicles)s.",
                        vehicles=", ".join(engines.mapped("display_name")),
                    )
                )
            not_drivers = (trip.driver_id | trip.co_driver_id).filtered(
                lambda p: not p.is_driver
            )
            if not_drivers:
                raise ValidationError(
                    self.env._(
                        "%(partners)s is not a driver: only contacts marked as "
                        "drivers can drive a trip.",
                        partners=", ".join(not_drivers.mapped("display_name")),
                    )
                )
            if trip.driver_id and trip.driver_id == trip.co_driver_id:
                raise ValidationError(
                    self.env._("The co-driver must be another person than the driver.")
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        default_name = self.env._("New")
        unnamed = [
            vals for vals in vals_list if vals.get("name", default_name) == default_name
        ]
        # one query for all the numbers, not two per trip
        names = self.env["ir.sequence"]._next_by_code_batch(
            "transport.trip", len(unnamed)
        )
        for vals, name in zip(unnamed, names, strict=True):
            vals["name"] = name
        if len(vals_list) > 1 and "mail_create_nolog" not in self.env.context:
            # A batch (an import, an integration) logs no "Trip created"
            # message per trip: that costs a mail.message each, and the
            # creator and date are on the trip. The form creates one trip at
            # a time and keeps its message.
            self = self.with_context(mail_create_nolog=True)
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft_or_cancelled(self):
        if any(trip.state not in ("draft", "cancelled") for trip in self):
            raise UserError(self.env._("Only draft or cancelled trips can be deleted."))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_plan(self):
        self._check_state(("draft",), self.env._("Only draft trips can be planned."))
        self._check_dispatch()
        self.write({"state": "planned"})
        return True

    def action_start(self):
        self._check_state(
            ("draft", "planned"),
            self.env._("Only draft or planned trips can be started."),
        )
        now = fields.Datetime.now()
        # a trip leaves now, whatever its planned departure: its units and crew
        # must be free from now on
        self.with_context(transport_trip_departure=now)._check_dispatch()
        for trip in self:
            vals = {"state": "in_progress"}
            if not trip.date_departure:
                vals["date_departure"] = now
            if not trip.odometer_start:
                vals["odometer_start"] = trip.vehicle_id.odometer
            trip.write(vals)
        return True

    def action_done(self):
        self._check_state(
            ("in_progress",), self.env._("Only trips in progress can be closed.")
        )
        missing = self.filtered(lambda t: not t.odometer_end)
        if missing:
            raise UserError(
                self.env._(
                    "Enter the odometer in before closing: %(trips)s.",
                    trips=", ".join(missing.mapped("name")),
                )
            )
        now = fields.Datetime.now()
        for trip in self:
            vals = {"state": "done"}
            if not trip.date_arrival:
                vals["date_arrival"] = max(now, trip.date_departure or now)
            trip.write(vals)
        self._log_odometers()
        return True

    def action_cancel(self):
        self._check_state(
            ("draft", "planned", "in_progress"),
            self.env._("A closed trip cannot be cancelled."),
        )
        self.write({"state": "cancelled"})
        return True

    def action_draft(self):
        self._check_state(
            ("planned", "cancelled"),
            self.env._("Only planned or cancelled trips can be reset to draft."),
        )
        self.write({"state": "draft"})
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _check_state(self, allowed, message):
        if any(trip.state not in allowed for trip in self):
            raise UserError(message)

    def _get_fuel_norm(self):
        """Norm litres: distance × norm/100 × season coefficient, plus the load
        addition: cargo tonnes × distance × litres per 100 t·km / 100."""
        self.ensure_one()
        vehicle = self.vehicle_id
        distance = self.distance_actual or self.distance_planned
        if not vehicle or not distance:
            return 0.0
        coefficient = (
            vehicle.fuel_norm_winter_coef
            if self.season == "winter"
            else vehicle.fuel_norm_summer_coef
        ) or 1.0
        base = distance * vehicle.fuel_norm / 100.0 * coefficient
        load = self.cargo_weight * distance * vehicle.fuel_norm_per_tkm / 100.0
        return base + load

    def _check_dispatch(self):
        """Refuse the whole batch, listing every reason, before anything is written."""
        self._lock_units_and_crew()
        messages = []
        for trip in self:
            blockers = trip._get_dispatch_blockers()
            if blockers:
                messages.append(
                    self.env._(
                        "Trip %(trip)s cannot be dispatched:\n%(reasons)s",
                        trip=trip.name,
                        reasons="\n".join(f"- {reason}" for reason in blockers),
                    )
                )
        if messages:
            raise UserError("\n\n".join(messages))

    def _lock_units_and_crew(self):
        """Serialize the dispatch of trips that share a vehicle, trailer or driver.

        The overlap check reads the other trips, so two dispatchers planning or
        starting trips of the same truck at the same moment would each miss the
        other's trip and both succeed. Touching the rows of the units and crew
        makes the second transaction wait for the first; once the first commits,
        PostgreSQL refuses the second with a serialization failure, and Odoo
        replays the request, which then sees the first trip and is refused
        with the usual reason. The no-op UPDATE (not a mere SELECT FOR UPDATE)
        is what makes the conflict visible under REPEATABLE READ even when the
        first transaction commits before the second takes its lock; the error
        is not logged here: Odoo logs the replay.
        """
        units = self.vehicle_id | self.trailer_ids
        crew = self.driver_id | self.co_driver_id
        for table, ids in (("fleet_vehicle", units.ids), ("res_partner", crew.ids)):
            if ids:
                self.env.cr.execute(
                    SQL(
                        "UPDATE %s SET write_date = write_date WHERE id IN %s",
                        SQL.identifier(table),
                        tuple(sorted(ids)),
                    ),
                    log_exceptions=False,
                )

    def _get_dispatch_blockers(self):
        """Return the translated reasons why this trip cannot leave (empty: it can).

        Other addons extend this hook and append their own reasons.
        """
        self.ensure_one()
        reasons = []
        if not self.vehicle_id:
            reasons.append(self.env._("No vehicle is assigned."))
        if not self.driver_id:
            reasons.append(self.env._("No driver is assigned."))
        if not self.date_planned_departure or not self.date_planned_arrival:
            reasons.append(
                self.env._("The planned departure and arrival are required.")
            )
        check_date = self._get_check_date()
        Document = self.env["transport.document"]
        for unit in self.vehicle_id | self.trailer_ids:
            reasons += Document._get_holder_blockers(unit, check_date)
        required_categories = (self.vehicle_id | self.trailer_ids).licence_category_id
        for driver in self.driver_id | self.co_driver_id:
            reasons += Document._get_holder_blockers(driver, check_date)
            reasons += Document._get_driver_blockers(
                driver, required_categories, check_date
            )
        reasons += self._get_overlap_blockers()
        return reasons

    def _get_check_date(self):
        """Documents must stay valid until the end of the trip."""
        self.ensure_one()
        moment = (
            self.date_arrival
            or self.date_planned_arrival
            or self.date_departure
            or self.date_planned_departure
        )
        if moment:
            return fields.Date.context_today(self, moment)
        return fields.Date.context_today(self)

    def _get_overlap_blockers(self):
        self.ensure_one()
        # a trip being started leaves now (see action_start)
        departure = self.env.context.get("transport_trip_departure")
        start = self.date_departure or departure or self.date_planned_departure
        end = self.date_arrival or self.date_planned_arrival
        if not start or not end:
            return []
        if departure:
            end = max(end, departure)
        units = self.vehicle_id | self.trailer_ids
        drivers = self.driver_id | self.co_driver_id
        planned = (
            Domain("state", "=", "planned")
            & Domain("date_planned_departure", "<", end)
            & Domain("date_planned_arrival", ">", start)
        )
        # a trip on the road keeps its units and crew until it is closed, even
        # past its planned arrival: none of them can leave on another trip; a
        # later departure only clashes with a trip due back after it
        on_the_road = Domain("state", "=", "in_progress")
        if not departure:
            on_the_road &= Domain("date_departure", "<", end)
            if start > fields.Datetime.now():
                on_the_road &= Domain("date_planned_arrival", ">", start)
        domain = (
            Domain("id", "!=", self._origin.id)
            & (planned | on_the_road)
            & (
                Domain("vehicle_id", "in", units.ids)
                | Domain("trailer_ids", "in", units.ids)
                | Domain("driver_id", "in", drivers.ids)
                | Domain("co_driver_id", "in", drivers.ids)
            )
        )
        reasons = []
        for other in self.search(domain):
            shared_units = units & (other.vehicle_id | other.trailer_ids)
            shared_drivers = drivers & (other.driver_id | other.co_driver_id)
            names = ", ".join(
                shared_units.mapped("display_name")
                + shared_drivers.mapped("display_name")
            )
            reasons.append(
                self.env._(
                    "%(names)s already booked on trip %(trip)s at the same time.",
                    names=names,
                    trip=other.name,
                )
            )
        return reasons

    def _log_odometers(self):
        """Record the arrival mileage in each unit's odometer history."""
        vals_list = []
        for trip in self:
            date = fields.Date.context_today(trip, trip.date_arrival)
            if trip.vehicle_id and trip.odometer_end > trip.vehicle_id.odometer:
                vals_list.append(
                    trip._prepare_odometer_vals(
                        trip.vehicle_id, trip.odometer_end, date
                    )
                )
            if trip.distance_actual:
                for trailer in trip.trailer_ids:
                    value = trailer.odometer + trip.distance_actual
                    vals_list.append(trip._prepare_odometer_vals(trailer, value, date))
        self.env["fleet.vehicle.odometer"].create(vals_list)
        # the vehicle odometer is a non-stored compute over this history
        (self.vehicle_id | self.trailer_ids).invalidate_recordset(["odometer"])

    def _prepare_odometer_vals(self, vehicle, value, date):
        self.ensure_one()
        return {
            "vehicle_id": vehicle.id,
            "value": value,
            "date": date,
            "driver_id": self.driver_id.id,
        }
