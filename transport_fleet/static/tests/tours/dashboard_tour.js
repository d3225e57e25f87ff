import { registry } from "@web/core/registry";
import { screenshot } from "./transport_tour_utils";

const app = "transport_fleet.menu_transport_root";

/**
 * A dispatcher opens the Transport app and lands on its dashboard, whose
 * panels all render: the utilisation, cost per km and fuel graphs and the list
 * of documents about to expire. Fixtures: transport_fleet/tests/test_dashboard.py.
 */
registry.category("web_tour.tours").add("transport_dashboard_tour", {
    url: "/odoo",
    steps: () => [
        {
            isActive: ["desktop"],
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button:enabled",
            run: "click",
        },
        {
            isActive: ["desktop"],
            content: "Open the Transport app",
            trigger: `.dropdown-menu .o_app[data-menu-xmlid='${app}']`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Open the side menu",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Show all apps",
            trigger: ".o_app_menu_sidebar .o_sidebar_topbar a.btn-primary",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Open the Transport app",
            trigger: `.o_app_menu_sidebar .o_app[data-menu-xmlid='${app}']`,
            run: "click",
        },
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
