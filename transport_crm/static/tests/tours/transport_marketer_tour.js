import { registry } from "@web/core/registry";
import {
    checkStatus,
    clickHeaderButton,
    openTransportMenu,
    pickMany2One,
    screenshot,
    selectOption,
} from "@transport_fleet/../tests/tours/transport_tour_utils";

const RULE = ".o_field_widget[name='rule_domain']";

/**
 * Click a header button by its label (two buttons of the segment form share
 * a method name); on a phone it may sit in the "More" dropdown.
 *
 * @param {string} label
 */
function clickHeaderButtonLabelled(label) {
    const button = `button:enabled:contains('${label}')`;
    return [
        {
            content: `The header shows "${label}"`,
            trigger: ".o_form_view .o_statusbar_buttons",
            async run({ queryFirst, click }) {
                const more = queryFirst(".o_statusbar_buttons button:has(.oi-ellipsis-v)");
                if (!queryFirst(`.o_statusbar_buttons ${button}`) && more) {
                    await click(more);
                }
            },
        },
        {
            content: `Click "${label}"`,
            trigger: `.o_statusbar_buttons ${button}, .dropdown-menu ${button}`,
            run: "click",
        },
    ];
}

/**
 * A marketer builds a client segment by a rule in the domain editor,
 * refreshes its members, then mails them from an occasion's template.
 * Fixtures and the checks of what was sent: transport_crm/tests/test_tours_marketing.py.
 */
registry.category("web_tour.tours").add("transport_crm_marketer_tour", {
    url: "/odoo",
    steps: () => [
        ...openTransportMenu(
            "transport_crm.menu_transport_sales",
            "transport_crm.menu_transport_segments"
        ),
        {
            content: "Create a segment",
            trigger: ".o_control_panel_main_buttons button:contains('New')",
            run: "click",
        },
        {
            content: "Name the segment",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Lyon clients",
        },
        {
            content: "Add a rule",
            trigger: `${RULE} .o_tree_editor_row a:contains('New Rule')`,
            run: "click",
        },
        {
            content: "Choose the field the rule looks at",
            trigger: `${RULE} .o_tree_editor_condition .o_model_field_selector`,
            run: "click",
        },
        {
            content: "Look for the city",
            trigger: ".o_model_field_selector_popover_search input",
            run: "edit City",
        },
        {
            content: "Choose the city",
            trigger:
                ".o_model_field_selector_popover_item[data-name='city'] " +
                ".o_model_field_selector_popover_item_name",
            run: "click",
        },
        {
            content: "The rule looks at the city",
            trigger: `body:not(:has(.o_model_field_selector_popover)) ${RULE} .o_model_field_selector:contains('City')`,
        },
        {
            content: "The clients of Lyon",
            trigger: `${RULE} .o_tree_editor_condition .o_tree_editor_editor:last-child input`,
            run: "edit Lyon",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save:enabled",
            run: "click",
        },
        { content: "Saved", trigger: ".o_form_saved" },
        ...clickHeaderButton("action_refresh"),
        {
            content: "The rule found the three clients of Lyon",
            trigger:
                ".o_field_widget[name='partner_ids']:contains('Rhône Fresh'):contains('Saône Retail'):contains('Croix-Rousse Logistics')",
        },
        {
            content: "Paris is not Lyon",
            trigger: ".o_field_widget[name='partner_ids']:not(:contains('Paris Pallets'))",
        },
        screenshot("marketing_segment"),
        ...clickHeaderButtonLabelled("New email mailing"),
        {
            content: "The mailing goes to the segment",
            trigger:
                ".o_form_view .o_field_widget[name='transport_segment_ids'] .o_tag:contains('Lyon clients')",
        },
        ...selectOption("transport_occasion", "Promotion"),
        ...pickMany2One("transport_template_id", "Spring", "Spring lanes offer"),
        {
            content: "The template wrote the subject",
            trigger: ".o_field_widget[name='subject'] input:value('New Lyon lanes this spring')",
        },
        {
            content: "The template wrote the text",
            trigger: ":iframe p:contains('Three departures a week from Lyon')",
        },
        screenshot("marketing_mailing"),
        ...clickHeaderButton("action_launch"),
        {
            content: "Send to all",
            trigger: ".modal button:contains('Send to all')",
            run: "click",
        },
        checkStatus("in_queue", "In Queue"),
        screenshot("marketing_queued"),
    ],
});
