import { registry } from "@web/core/registry";
import {
    openRecord,
    openTransportMenu,
    screenshot,
} from "@transport_fleet/../tests/tours/transport_tour_utils";

// Persian of "Trips" and "Operations" in transport_fleet/i18n/fa.po
const TRIPS_FA = "سفرها";
const OPERATIONS_FA = "عملیات";

/**
 * The page is laid out right to left: Odoo marks the body with ``o_rtl`` and
 * serves the right-to-left style sheets, so the computed direction is rtl.
 */
function checkRightToLeft() {
    return {
        content: "The page reads right to left",
        trigger: "body.o_rtl .o_action_manager .o_view_controller",
        run() {
            const direction = getComputedStyle(document.body).direction;
            if (direction !== "rtl") {
                throw new Error(`The body's direction is ${direction}, not rtl`);
            }
            // the apps menu (desktop) or side menu (phone) toggle sits on the right
            const toggle = [
                ...document.querySelectorAll(".o_main_navbar .o_menu_toggle, .o_navbar_apps_menu"),
            ].find((el) => el.getBoundingClientRect().width);
            const box = toggle.getBoundingClientRect();
            if (box.left < window.innerWidth / 2) {
                throw new Error("The menu toggle is on the left: the layout is not mirrored");
            }
        },
    };
}

/**
 * Nothing sticks out of the viewport on either side, except inside a
 * scrolling container (a wide list, the kanban's columns scroll).
 */
function checkNoHorizontalOverflow(where) {
    return {
        content: `Nothing overflows the screen horizontally (${where})`,
        trigger: "body:not(:has(.o_loading_indicator)) .o_action_manager .o_view_controller",
        run() {
            const width = document.documentElement.clientWidth;
            const offenders = [];
            if (document.documentElement.scrollWidth > width + 1) {
                offenders.push(`the page is ${document.documentElement.scrollWidth}px wide`);
            }
            // Content that a scrolling container lets the user reach is fine
            // (a wide list, kanban columns); anything else off screen is lost.
            const scrolls = (el) => {
                for (let node = el.parentElement; node; node = node.parentElement) {
                    if (["auto", "scroll"].includes(getComputedStyle(node).overflowX)) {
                        return true;
                    }
                }
                return false;
            };
            for (const el of document.querySelectorAll(".o_web_client *")) {
                const box = el.getBoundingClientRect();
                if (!box.width || !box.height || getComputedStyle(el).visibility === "hidden") {
                    continue;
                }
                if ((box.left < -1 || box.right > width + 1) && !scrolls(el)) {
                    offenders.push(
                        `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ` +
                            `[${Math.round(box.left)}, ${Math.round(box.right)}]`
                    );
                }
            }
            if (offenders.length) {
                throw new Error(
                    `Outside the ${width}px screen: ${offenders.slice(0, 10).join("; ")}`
                );
            }
        },
    };
}

/**
 * A Persian-speaking dispatcher goes through the trips and the clients.
 * Fixtures: transport_crm/tests/test_tours_rtl.py.
 */
registry.category("web_tour.tours").add("transport_rtl_tour", {
    url: "/odoo",
    steps: () => [
        ...openTransportMenu(
            "transport_fleet.menu_transport_operations",
            "transport_fleet.menu_transport_trips"
        ),
        checkRightToLeft(),
        {
            content: "The title (breadcrumb; navbar on a phone) shows the Persian of Trips",
            trigger:
                `.o_control_panel .o_breadcrumb:contains('${TRIPS_FA}'), ` +
                `.o_main_navbar:contains('${TRIPS_FA}')`,
        },
        {
            isActive: ["desktop"],
            content: "The menu shows the Persian of Operations",
            trigger: `.o_menu_sections [data-menu-xmlid='transport_fleet.menu_transport_operations']:contains('${OPERATIONS_FA}')`,
        },
        {
            content: "The trip is listed",
            trigger: ".o_view_controller:contains('TR-001')",
        },
        checkNoHorizontalOverflow("trips"),
        screenshot("rtl_trips"),
        ...openRecord("TR-001"),
        checkRightToLeft(),
        checkNoHorizontalOverflow("trip form"),
        screenshot("rtl_trip_form"),
        ...openTransportMenu(
            "transport_crm.menu_transport_sales",
            "transport_crm.menu_transport_clients"
        ),
        {
            isActive: ["desktop"],
            content: "Show the clients as cards",
            trigger: ".o_control_panel .o_switch_view.o_kanban",
            run: "click",
        },
        {
            content: "The clients are shown as cards",
            trigger: ".o_kanban_view .o_kanban_record:contains('Tabriz Freight')",
        },
        checkRightToLeft(),
        checkNoHorizontalOverflow("clients"),
        screenshot("rtl_clients"),
    ],
});
