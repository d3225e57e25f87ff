import { registry } from "@web/core/registry";
import { openTransportMenu, screenshot } from "@transport_fleet/../tests/tours/transport_tour_utils";

/**
 * A sales manager opens "My day", finds the call the daily plan gave him on a
 * dormant client and records what the client said. Fixtures:
 * transport_crm/tests/test_tours_my_day.py.
 */
registry.category("web_tour.tours").add("transport_crm_my_day_tour", {
    url: "/odoo",
    steps: () => [
        ...openTransportMenu(
            "transport_crm.menu_transport_sales",
            "transport_crm.menu_transport_my_day"
        ),
        {
            isActive: ["desktop"],
            content: "The call is in the list, under its plan",
            trigger: ".o_list_view .o_group_header:contains('Dormant client')",
        },
        {
            isActive: ["desktop"],
            content: "Record the result of the call",
            trigger:
                ".o_list_view .o_data_row:contains('Tour call') button[name='action_transport_record_result']",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "The call is on a card, under its plan",
            trigger: ".o_kanban_view .o_kanban_group:contains('Dormant client') .o_kanban_record:contains('Tour call')",
        },
        screenshot("my_day"),
        {
            isActive: ["mobile"],
            content: "Record the result of the call",
            trigger:
                ".o_kanban_view .o_kanban_record:contains('Tour call') button[name='action_transport_record_result']",
            run: "click",
        },
        {
            content: "Say what the client said",
            trigger: ".modal .o_field_widget[name='result'] textarea",
            run: "edit Wants a weekly Paris to Lyon line",
        },
        screenshot("my_day_result"),
        {
            content: "Mark the call done",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "Nothing is left for today",
            trigger: "body:not(:has(.modal)) .o_view_nocontent",
        },
    ],
});
