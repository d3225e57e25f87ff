import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";
import {
    checkStatus,
    clickHeaderButton,
    openTransportMenu,
    pickMany2One,
    screenshot,
} from "@transport_fleet/../tests/tours/transport_tour_utils";

function openTab(name) {
    return {
        content: `Open the ${name} tab`,
        trigger: `.o_form_view .o_notebook a.nav-link[name='${name}']`,
        run: "click",
    };
}

function save() {
    return [
        { content: "Save", trigger: ".o_form_button_save:enabled", run: "click" },
        { content: "Saved", trigger: ".o_form_saved" },
    ];
}

/**
 * A sales manager opens a client file with its own tariff, then takes a
 * transport order for it from the price offer to the invoice. Fixtures:
 * transport_crm/tests/test_tours.py.
 */
registry.category("web_tour.tours").add("transport_crm_sales_tour", {
    url: "/odoo",
    steps: () => [
        ...openTransportMenu(
            "transport_crm.menu_transport_sales",
            "transport_crm.menu_transport_clients"
        ),
        {
            content: "Create a client",
            trigger: ".o_control_panel_main_buttons button:contains('New')",
            run: "click",
        },
        {
            content: "Name the client",
            trigger: ".o_field_widget[name='name'] textarea, .o_field_widget[name='name'] input",
            run: "edit Tour Freight Ltd",
        },
        {
            content: "The address the price offers go to",
            trigger: ".o_field_widget[name='email'] input",
            run: "edit orders@tourfreight.example",
        },
        openTab("transport"),
        ...pickMany2One("specific_property_product_pricelist", "Tour Tariff", "Tour Tariff"),
        ...save(),
        {
            content: "The client's own tariff applies",
            trigger: ".o_field_widget[name='transport_tariff_id']:contains('Tour Tariff')",
        },
        screenshot("client_tariff"),
        ...openTransportMenu(
            "transport_crm.menu_transport_sales",
            "transport_crm.menu_transport_orders"
        ),
        {
            content: "Create a transport order",
            trigger: ".o_control_panel_main_buttons button:contains('New')",
            run: "click",
        },
        ...pickMany2One("partner_id", "Tour Freight", "Tour Freight Ltd"),
        openTab("transport"),
        {
            content: "Describe the cargo",
            trigger: ".o_field_widget[name='cargo_description'] input",
            run: "edit Pallets of tiles",
        },
        {
            content: "Weight",
            trigger: ".o_field_widget[name='cargo_weight'] input",
            run: "edit 12",
        },
        {
            content: "Distance",
            trigger: ".o_field_widget[name='distance'] input",
            run: "edit 450",
        },
        ...save(),
        openTab("order_lines"),
        {
            content: "The price comes from the client's tariff: 450 km × 2.00",
            trigger: ".o_field_widget[name='tax_totals']:contains('900.00')",
        },
        screenshot("order_priced"),
        ...clickHeaderButton("action_quotation_send"),
        {
            content: "Send the price offer",
            trigger: ".modal button[name='action_send_mail']:enabled",
            run: "click",
        },
        checkStatus("sent", "Quotation Sent"),
        ...clickHeaderButton("action_confirm"),
        checkStatus("sale", "Sales Order"),
        ...clickHeaderButton("action_transport_plan"),
        ...pickMany2One("vehicle_id", "TR-001", "TR-001"),
        {
            isActive: ["desktop"],
            content: "Hitch the semi-trailer",
            trigger: ".modal .o_field_widget[name='trailer_ids'] input",
            run: "edit ST-001",
        },
        {
            isActive: ["desktop"],
            trigger: ".o-autocomplete--dropdown-item:contains('ST-001')",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Hitch the semi-trailer",
            trigger: ".modal .o_field_widget[name='trailer_ids'] input",
            run: "click",
        },
        {
            isActive: ["mobile"],
            trigger: ".o_select_create_dialog_content .o_kanban_record:contains('ST-001')",
            run: "click",
        },
        {
            content: "The semi-trailer is hitched",
            trigger: ".modal .o_field_widget[name='trailer_ids'] .o_tag:contains('ST-001')",
        },
        ...pickMany2One("driver_id", "Dana Driver", "Dana Driver"),
        screenshot("order_plan"),
        {
            content: "Plan the order onto a new trip",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The new trip carries the order",
            trigger:
                "body:not(:has(.modal)) .o_form_view:contains('TRIP/') .o_data_row:contains('Tour Freight Ltd'), " +
                "body:not(:has(.modal)) .o_form_view:contains('TRIP/') .o_kanban_record:contains('Tour Freight Ltd')",
        },
        screenshot("order_trip"),
        {
            content: "Back to the order",
            trigger: ".o_back_button",
            run: "click",
        },
        {
            content: "The order is planned",
            trigger: ".o_field_widget[name='transport_state']:contains('Planned')",
        },
        ...clickHeaderButton("action_transport_confirm_delivery"),
        {
            content: "Picked up yesterday morning",
            trigger: ".modal .o_field_widget[name='date_pickup_actual'] input",
            async run({ edit, press }) {
                const day = new Date(Date.now() - 24 * 3600 * 1000);
                const pad = (n) => String(n).padStart(2, "0");
                await edit(
                    `${pad(day.getMonth() + 1)}/${pad(day.getDate())}/${day.getFullYear()} 08:00:00`
                );
                await press("Enter");
            },
        },
        {
            content: "Attach the consignment note signed by the consignee",
            trigger: ".modal .o_field_widget[name='signed_note'] input[type='file']:not(:visible)",
            async run() {
                const files = new DataTransfer();
                files.items.add(
                    new File(["%PDF-1.4 signed"], "signed-note.pdf", { type: "application/pdf" })
                );
                this.anchor.files = files.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The note is attached",
            trigger:
                ".modal .o_field_widget[name='signed_note'] input:value('signed-note.pdf'), " +
                ".modal .o_field_widget[name='signed_note']:contains('signed-note.pdf')",
        },
        {
            content: "Confirm the delivery",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The order is delivered",
            trigger: "body:not(:has(.modal)) .o_field_widget[name='transport_state']:contains('Delivered')",
        },
        ...stepUtils.statusbarButtonsSteps("Create Invoice", "Invoice the order"),
        {
            content: "Create the invoice",
            trigger: ".modal button[name='create_invoices']",
            run: "click",
        },
        {
            content: "The invoice bills the transport",
            trigger: ".o_form_view .o_field_widget[name='invoice_line_ids']:contains('900.00')",
        },
        checkStatus("draft", "Draft"),
        screenshot("invoice"),
    ],
});
