import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("transport_stock_issue_fuel_tour", {
    steps: () => [
        {
            trigger: ".o_form_view button[name=action_issue_fuel]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row td[name=product_id]:contains('Diesel EN 590')",
        },
        {
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row td[name=quantity]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row td[name=quantity] input",
            run: "edit 120 && click .modal-title",
        },
        {
            trigger: ".modal footer button[name=action_issue]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=transport_trip_id]",
        },
    ],
});

registry.category("web_tour.tours").add("transport_stock_scan_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .o_field_widget[name=barcode_scan] input",
            run: "edit 4600000000003 && click .o_form_sheet_bg",
        },
        {
            trigger: ".o_field_widget[name=move_ids] .o_data_row:contains('Test brake pad set')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=barcode_scan] input",
            run: "edit 4600000000003 && click .o_form_sheet_bg",
        },
        {
            trigger: ".o_field_widget[name=move_ids] .o_data_row td[name=product_uom_qty]:contains('2.00')",
        },
        {
            // A hand scanner types fast and ends with Enter, focus outside inputs.
            trigger: ".o_form_view",
            run() {
                document.activeElement.blur();
                for (const key of [..."4600000000002", "Enter"]) {
                    document.body.dispatchEvent(
                        new KeyboardEvent("keydown", { key, bubbles: true })
                    );
                }
            },
        },
        {
            trigger: ".o_field_widget[name=move_ids] .o_data_row:contains('Engine oil 10W-40')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=barcode_scan] input",
            run: "edit 0000000000000 && click .o_form_sheet_bg",
        },
        {
            trigger: ".o_notification:contains('No item has the barcode 0000000000000')",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
    ],
});
