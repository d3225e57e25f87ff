import { registry } from "@web/core/registry";
import { openTransportMenu, screenshot } from "./transport_tour_utils";

/**
 * The vehicle and driver kanbans show each card with its picture: the
 * vehicle's model image and the driver's photo. Fixtures:
 * transport_fleet/tests/test_tours.py.
 */
registry.category("web_tour.tours").add("transport_fleet_kanban_tour", {
    url: "/odoo",
    steps: () => [
        ...openTransportMenu(
            "transport_fleet.menu_transport_fleet",
            "transport_fleet.menu_transport_fleet_vehicles"
        ),
        {
            content: "The tractor's card shows its brand's logo",
            trigger:
                ".o_kanban_view .o_kanban_record:contains('TR-001') " +
                ".o_field_image img[src]:not([src*='placeholder'])",
        },
        {
            content: "The card shows the document status",
            trigger: ".o_kanban_record:contains('TR-001') .badge:contains('Valid')",
        },
        screenshot("vehicles"),
        ...openTransportMenu(
            "transport_fleet.menu_transport_fleet",
            "transport_fleet.menu_transport_drivers"
        ),
        {
            content: "The driver's card shows the photo",
            trigger:
                ".o_kanban_view .o_kanban_record:contains('Dana Driver') " +
                ".o_field_image img[src]:not([src*='placeholder'])",
        },
        screenshot("drivers"),
    ],
});
