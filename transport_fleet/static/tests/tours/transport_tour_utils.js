/**
 * Steps shared by the transport tours (also imported by transport_stock and
 * transport_crm as "@transport_fleet/../tests/tours/transport_tour_utils").
 */

/** Console signal the Python side (TransportTourCase) answers with a capture. */
export const SCREENSHOT_SIGNAL = "transport-screenshot:";

const TRANSPORT_APP = "transport_fleet.menu_transport_root";

/**
 * Open the Transport app from the web client's home, the way a user does: the
 * apps menu on a desktop, the sidebar on a phone.
 */
export function openTransportApp() {
    return [
        {
            isActive: ["desktop"],
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button:enabled",
            run: "click",
        },
        {
            isActive: ["desktop"],
            content: "Open the Transport app",
            trigger: `.dropdown-menu .o_app[data-menu-xmlid='${TRANSPORT_APP}']`,
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
            trigger: `.o_app_menu_sidebar .o_app[data-menu-xmlid='${TRANSPORT_APP}']`,
            run: "click",
        },
    ];
}

/**
 * Open a menu of the Transport app: the section dropdown on a desktop, the
 * sidebar on a phone.
 *
 * @param {string} sectionXmlid the top-level section, e.g. "...menu_transport_operations"
 * @param {string} menuXmlid the menu item to open, e.g. "...menu_transport_trips"
 */
export function openTransportMenu(sectionXmlid, menuXmlid) {
    return [
        ...openTransportApp(),
        {
            isActive: ["desktop"],
            content: "Open the section",
            trigger: `.o_menu_sections [data-menu-xmlid='${sectionXmlid}']`,
            run: "click",
        },
        {
            isActive: ["desktop"],
            content: "Open the menu",
            trigger: `.dropdown-menu .dropdown-item[data-menu-xmlid='${menuXmlid}']`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "The Transport app is open",
            trigger: `.o_main_navbar .o_menu_toggle.hasImage`,
        },
        {
            isActive: ["mobile"],
            content: "Open the side menu of the app",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Open the menu",
            trigger: `.o_app_menu_sidebar li[data-menu-xmlid='${menuXmlid}']`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "The side menu has slid away",
            trigger: "body:not(:has(.o_app_menu_sidebar))",
        },
        {
            content: "The menu's view is loaded",
            trigger: ".o_action_manager .o_view_controller",
        },
    ];
}

/**
 * Open a record of a list (desktop) or kanban (phone) view by a text it shows.
 *
 * @param {string} text
 */
export function openRecord(text) {
    return [
        {
            isActive: ["desktop"],
            content: `Open the record showing "${text}"`,
            trigger: `.o_list_view .o_data_row:contains('${text}') td.o_data_cell:first`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: `Open the card showing "${text}"`,
            trigger: `.o_kanban_view .o_kanban_record:contains('${text}')`,
            run: "click",
        },
        {
            content: "The form is open",
            trigger: ".o_form_view .o_form_sheet",
        },
    ];
}

/**
 * Choose a value of a selection field (a select menu; a bottom sheet on a phone).
 *
 * @param {string} fieldName
 * @param {string} label the label of the option
 */
export function selectOption(fieldName, label) {
    return [
        {
            content: `Open the choices of ${fieldName}`,
            trigger: `.o_field_widget[name='${fieldName}'] .o_select_menu_toggler`,
            run: "click",
        },
        {
            content: `Choose ${label}`,
            trigger: `.o_select_menu_menu .o_select_menu_item:contains('${label}')`,
            run: "click",
        },
        {
            content: `${fieldName} shows ${label}`,
            trigger:
                `.o_field_widget[name='${fieldName}'] input:value('${label}'), ` +
                `.o_field_widget[name='${fieldName}'] .o_select_menu_toggler:contains('${label}')`,
        },
    ];
}

/**
 * Choose the record of a many2one field: from the autocomplete dropdown on a
 * desktop, from the full-screen search dialog on a phone.
 *
 * @param {string} fieldName
 * @param {string} search text typed to find the record
 * @param {string} label a text the wanted record shows
 */
export function pickMany2One(fieldName, search, label) {
    const input = `.o_field_widget[name='${fieldName}'] input`;
    return [
        {
            isActive: ["desktop"],
            content: `Search ${search} in ${fieldName}`,
            trigger: input,
            run: `edit ${search}`,
        },
        {
            isActive: ["desktop"],
            content: `Choose ${label}`,
            trigger: `.o-autocomplete--dropdown-item:contains('${label}')`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: `Open the search of ${fieldName}`,
            trigger: input,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: `Choose ${label}`,
            trigger: `.modal .o_kanban_record:contains('${label}')`,
            run: "click",
        },
        {
            content: `${fieldName} is set`,
            trigger: `body:not(:has(.o_select_create_dialog_content)) ${input}:value('${label}')`,
        },
    ];
}

/**
 * Click a header button of a form; on a phone only the first one is shown,
 * the others are in the "More" dropdown.
 *
 * @param {string} name the method name of the button
 */
export function clickHeaderButton(name) {
    const button = `button[name='${name}']:enabled`;
    return [
        {
            content: `The header shows the ${name} button`,
            trigger: ".o_form_view .o_statusbar_buttons",
            async run({ queryFirst, click }) {
                const more = queryFirst(".o_statusbar_buttons button:has(.oi-ellipsis-v)");
                if (!queryFirst(`.o_statusbar_buttons ${button}`) && more) {
                    await click(more);
                }
            },
        },
        {
            content: `Click ${name}`,
            trigger: `.o_statusbar_buttons ${button}, .dropdown-menu ${button}`,
            run: "click",
        },
    ];
}

/**
 * Click a smart button of a form; those that do not fit (all of them on a
 * phone) are behind the "More" (bolt) dropdown.
 *
 * @param {string} name the method name of the button
 */
export function clickSmartButton(name) {
    const button = `.o-form-buttonbox button[name='${name}']`;
    return [
        {
            content: `The form offers the ${name} smart button`,
            trigger: ".o_form_view .o_form_sheet",
            async run({ queryFirst, click }) {
                const more = queryFirst(".o_form_view .o_button_more");
                if (!queryFirst(button) && more) {
                    await click(more);
                }
            },
        },
        {
            content: `Click ${name}`,
            trigger: button,
            run: "click",
        },
    ];
}

/**
 * The status bar shows the given state (inline on a desktop, as the dropdown
 * label on a phone).
 *
 * @param {string} value the selection key
 * @param {string} label its label
 */
export function checkStatus(value, label) {
    return {
        content: `The record is ${label}`,
        trigger:
            `.o_statusbar_status .o_arrow_button_current[data-value='${value}'], ` +
            `.o_statusbar_status .dropdown-toggle:not(.o_arrow_button_current):contains('${label}')`,
    };
}

/**
 * Ask the test to save a capture of the screen as it is now, once its images
 * are loaded. The test answers at once when screenshots are not wanted.
 *
 * @param {string} name the file name, without the width suffix and extension
 */
export function screenshot(name) {
    return {
        content: `Screenshot ${name}`,
        trigger: "body:not(:has(.o_loading_indicator))",
        async run() {
            // lazy images out of the viewport never load: wait for the visible ones
            const inViewport = (img) => {
                const box = img.getBoundingClientRect();
                return (
                    box.width > 0 &&
                    box.height > 0 &&
                    box.bottom > 0 &&
                    box.right > 0 &&
                    box.top < window.innerHeight &&
                    box.left < window.innerWidth
                );
            };
            const images = [...document.images].filter((img) => img.src && inViewport(img));
            await Promise.all(images.map((img) => img.decode().catch(() => {})));
            await new Promise((resolve) => {
                window.transportTourScreenshotTaken = resolve;
                console.log(`${SCREENSHOT_SIGNAL}${name}`);
            });
        },
    };
}
