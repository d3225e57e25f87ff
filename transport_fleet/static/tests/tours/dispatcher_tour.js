import { registry } from "@web/core/registry";
import {
    checkStatus,
    clickHeaderButton,
    openRecord,
    openTransportMenu,
    screenshot,
} from "./transport_tour_utils";

/**
 * A dispatcher opens the trips, is refused when planning a trip whose tractor
 * has an expired insurance, then plans and starts a trip whose documents are
 * valid. Fixtures: transport_fleet/tests/test_tours.py.
 */
registry.category("web_tour.tours").add("transport_fleet_dispatcher_tour", {
    url: "/odoo",
    steps: () => [
        ...openTransportMenu(
            "transport_fleet.menu_transport_operations",
            "transport_fleet.menu_transport_trips"
        ),
        {
            content: "Both draft trips are listed",
            trigger: ".o_view_controller:contains('Dijon'):contains('Grenoble')",
        },
        screenshot("trips"),
        ...openRecord("Dijon"),
        {
            content: "The form warns about the expired insurance before Plan is clicked",
            trigger: ".o_form_view .alert-warning:contains('TR-EXP'):contains('Liability insurance')",
        },
        ...clickHeaderButton("action_plan"),
        {
            content: "Planning is refused, naming the expired document",
            trigger:
                ".modal .o_error_dialog:contains('cannot be dispatched')" +
                ":contains('TR-EXP'):contains('Liability insurance')",
        },
        screenshot("trip_refused"),
        {
            content: "Close the refusal",
            trigger: ".modal .o_error_dialog .o-default-button",
            run: "click",
        },
        {
            content: "The trip stays a draft: Plan is still offered",
            trigger: "body:not(:has(.modal)) .o_statusbar_buttons button[name='action_plan']",
        },
        checkStatus("draft", "Draft"),
        {
            content: "Back to the trips",
            trigger: ".o_back_button",
            run: "click",
        },
        ...openRecord("Grenoble"),
        {
            content: "The valid trip has no warning",
            trigger: ".o_form_view .o_form_sheet:not(:has(.alert-warning:visible))",
        },
        ...clickHeaderButton("action_plan"),
        checkStatus("planned", "Planned"),
        ...clickHeaderButton("action_start"),
        checkStatus("in_progress", "In Progress"),
        {
            content: "Starting stamps the departure",
            trigger: ".o_field_widget[name='date_departure'] .o_input[value]:not([value=''])",
        },
        screenshot("trip_started"),
    ],
});
