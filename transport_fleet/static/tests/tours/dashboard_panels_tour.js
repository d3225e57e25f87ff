import { registry } from "@web/core/registry";

/**
 * Whoever opens the Transport dashboard gets every panel left for them
 * rendered, whatever addons added them: used by the dashboard tests of
 * transport_stock and transport_crm with users of their groups.
 */
registry.category("web_tour.tours").add("transport_dashboard_panels_tour", {
    url: "/odoo/transport-dashboard",
    steps: () => [
        {
            content: "The dashboard is open",
            trigger: ".o_action_manager .o_dashboard .o-dashboard-action",
        },
        {
            content: "Every panel shows its view",
            trigger: ".o_dashboard",
            async run() {
                const pending = () =>
                    [...document.querySelectorAll(".o-dashboard-action")].filter(
                        (panel) => !panel.querySelector(".o_view_controller")
                    );
                const start = Date.now();
                while (pending().length) {
                    if (Date.now() - start > 10000) {
                        const titles = pending().map((panel) => panel.innerText.trim());
                        throw new Error(`Panels not rendered: ${titles.join(", ")}`);
                    }
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
            },
        },
        {
            content: "Every panel found its action",
            trigger: ".o_dashboard:not(:has(.o-dashboard-action:contains('Invalid action')))",
        },
    ],
});
