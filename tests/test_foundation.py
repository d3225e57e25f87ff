"""The suite is installed as one Transport app, usable by an outside client."""

import pytest
from odoo_rpc import RpcError

ADDONS = ("transport_fleet", "transport_stock", "transport_crm")


def test_the_three_addons_are_installed_at_their_manifest_version(admin):
    modules = admin.execute(
        "ir.module.module",
        "search_read",
        [("name", "in", ADDONS)],
        fields=["name", "state", "installed_version"],
    )
    assert {m["name"]: m["state"] for m in modules} == dict.fromkeys(
        ADDONS, "installed"
    )
    assert {m["installed_version"] for m in modules} == {"19.0.1.0.0"}


def test_one_transport_app_gathers_the_menus_of_the_three_addons(admin):
    root = admin.ref("transport_fleet.menu_transport_root")
    [menu] = admin.execute(
        "ir.ui.menu", "read", [root], fields=["name", "web_icon", "child_id"]
    )
    assert menu["name"] == "Transport"
    assert menu["web_icon"] == "transport_fleet,static/description/icon.png"
    children = {
        admin.ref("transport_fleet.menu_transport_fleet"),
        admin.ref("transport_stock.menu_transport_warehouse"),
        admin.ref("transport_crm.menu_transport_sales"),
    }
    assert children <= set(menu["child_id"])


def test_the_fleet_manager_role_carries_every_transport_role(admin, make_user):
    manager = make_user("transport_fleet.group_transport_manager")
    for group in (
        "transport_fleet.group_transport_dispatcher",
        "transport_stock.group_transport_storekeeper",
        "transport_crm.group_transport_sales",
    ):
        assert manager.execute("res.users", "has_group", [manager.uid], group), group


def test_a_plain_employee_does_not_get_transport_roles(make_user):
    employee = make_user("base.group_user")
    assert not employee.execute(
        "res.users", "has_group", [employee.uid], "transport_fleet.group_transport_user"
    )


def test_phone_numbers_are_normalised_to_e164(admin):
    """Without `phonenumbers`, numbers stay as typed and SMS opt-outs miss them."""
    belgium = admin.ref("base.be")
    [partner_id] = admin.execute(
        "res.partner",
        "create",
        [
            {
                "name": "Phone normalisation",
                "country_id": belgium,
                "phone": "0470 12 34 56",
            }
        ],
    )
    [partner] = admin.execute(
        "res.partner", "read", [partner_id], fields=["phone_sanitized"]
    )
    assert partner["phone_sanitized"] == "+32470123456"


def test_a_missing_record_is_a_clear_error_not_a_crash(admin):
    with pytest.raises(RpcError) as refused:
        admin.execute("res.partner", "write", [987654321], {"name": "Ghost"})
    assert refused.value.name == "odoo.exceptions.MissingError"
