import { registry } from "@web/core/registry";
import { openTransportApp, screenshot } from "./transport_tour_utils";

/**
 * A dispatcher opens the Transport app and lands on its dashboard, whose
 * panels all render: the utilisation, cost per km and fuel graphs and the list
 * of documents about to expire. Fixtures: transport_fleet/tests/test_dashboard.py.
 */
registry.category("web_tour.tours").add("transport_dashboard_tour", {
    url: "/odoo",
    steps: () => [
        ...openTransportApp(),
        {
            content: "The app opens on its dashboard",
            trigger: ".o_action_manager .o_dashboard .o-dashboard-action",
        },
        {
            content: "The fleet utilisation is drawn",
            trigger: ".o-dashboard-action:contains('Fleet utilisation') .o_graph_renderer canvas",
        },
        {
            content: "The cost per km is drawn",
            trigger: ".o-dashboard-action:contains('Cost per km') .o_graph_renderer canvas",
        },
        {
            content: "The fuel over-consumption is drawn",
            trigger: ".o-dashboard-action:contains('Fuel over-consumption') .o_graph_renderer canvas",
        },
        {
            content: "The document about to expire is listed",
            trigger: ".o-dashboard-action:contains('Documents expired') .o_data_row:contains('DOC-SOON')",
        },
        {
            content: "Every panel found its action",
            trigger: ".o_dashboard:not(:has(.o-dashboard-action:contains('Invalid action')))",
        },
        screenshot("dashboard"),
        {
            isActive: ["desktop"],
            content: "Fold the documents",
            trigger: ".o-dashboard-action:contains('Documents expired') .fa-window-minimize",
            run: "click",
        },
        {
            isActive: ["desktop"],
            content: "The documents are folded and the layout saved without an error",
            trigger:
                "body:not(:has(.o_error_dialog)) " +
                ".o-dashboard-action:contains('Documents expired') .fa-window-maximize",
        },
    ],
});
