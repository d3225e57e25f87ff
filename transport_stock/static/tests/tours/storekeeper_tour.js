import { registry } from "@web/core/registry";
import {
    checkStatus,
    clickSmartButton,
    clickHeaderButton,
    openTransportMenu,
    pickMany2One,
    selectOption,
    screenshot,
} from "@transport_fleet/../tests/tours/transport_tour_utils";

/**
 * A storekeeper compiles the waybill of the fuel filled for a trip: the
 * operation, the trip, a scan of the diesel's barcode and the litres; then
 * validates it and finds the fuel among the trip's costs. Fixtures:
 * transport_stock/tests/test_tours.py.
 */
registry.category("web_tour.tours").add("transport_stock_storekeeper_tour", {
    url: "/odoo",
    steps: () => [
        ...openTransportMenu(
            "transport_stock.menu_transport_warehouse",
            "transport_stock.menu_transport_waybills"
        ),
        {
            content: "Create a waybill",
            trigger: ".o_control_panel_main_buttons button:contains('New')",
            run: "click",
        },
        ...pickMany2One("picking_type_id", "Delivery", "Delivery Orders"),
        ...selectOption("transport_basis", "Trip"),
        ...pickMany2One("transport_trip_id", "Munich", "TRIP/"),
        {
            content: "The tractor of the trip is filled in",
            trigger: ".o_field_widget[name='transport_vehicle_id'] input:value('ST-440-A')",
        },
        {
            content: "Scan the diesel's barcode",
            trigger: ".o_group .o_field_widget[name='barcode_scan'] input",
            run: "edit 4600000000001 && press Enter",
        },
        {
            content: "The diesel is on the waybill",
            trigger:
                ".o_field_widget[name='move_ids'] .o_data_row:contains('Diesel EN 590'), " +
                ".o_field_widget[name='move_ids'] .o_kanban_record:contains('Diesel EN 590')",
        },
        screenshot("waybill_scanned"),
        // Saved before the line is edited: on a phone, editing a scanned line of
        // an unsaved waybill in its dialog loses the line's company and
        // locations (reported; see transport_stock/tests/test_tours.py).
        {
            content: "Save the scanned waybill",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The scanned waybill is saved",
            trigger: ".o_form_saved",
        },
        {
            isActive: ["desktop"],
            content: "Type the litres filled",
            trigger: ".o_field_widget[name='move_ids'] .o_data_row:contains('Diesel EN 590') td[name='product_uom_qty']",
            run: "click",
        },
        {
            isActive: ["desktop"],
            trigger: ".o_field_widget[name='move_ids'] .o_data_row td[name='product_uom_qty'] input",
            run: "edit 120",
        },
        {
            isActive: ["mobile"],
            content: "Open the diesel line",
            trigger: ".o_field_widget[name='move_ids'] .o_kanban_record:contains('Diesel EN 590')",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Type the litres filled",
            trigger: ".modal .o_field_widget[name='product_uom_qty'] input",
            run: "edit 120",
        },
        {
            isActive: ["mobile"],
            content: "Keep the line",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Save the waybill",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The waybill is saved",
            trigger: ".o_form_saved",
        },
        ...clickHeaderButton("action_confirm"),
        ...clickHeaderButton("button_validate"),
        checkStatus("done", "Done"),
        screenshot("waybill_done"),
        ...clickSmartButton("action_view_transport_trip"),
        {
            content: "Open the trip's costs",
            trigger: ".o_form_view .o_notebook a[name='costs'], .o_form_view .o_notebook .nav-link:contains('Costs')",
            run: "click",
        },
        {
            content: "The fuel issued is a cost of the trip",
            trigger:
                ".o_field_widget[name='cost_line_ids'] .o_data_row:contains('120'), " +
                ".o_field_widget[name='cost_line_ids'] .o_kanban_record:contains('120')",
        },
        screenshot("trip_fuel_cost"),
    ],
});
