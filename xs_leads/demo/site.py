"""A demo site that looks Norwegian: regional settings, and a sales user who speaks Bokmål.

`bench --site S execute xs_leads.demo.site.prepare_demo_site --kwargs "{'password': 'Ledetraad-2026'}"`
"""

import frappe

from xs_leads.demo.loader import DEMO_SALES_PEOPLE, ensure_demo_sales_people, require_system_manager

NORWEGIAN_SETTINGS = {
	"country": "Norway",
	"time_zone": "Europe/Oslo",
	"currency": "NOK",
	"date_format": "dd.mm.yyyy",
	"time_format": "HH:mm",
	"number_format": "# ###,##",  # Norwegian: a space between thousands, a decimal comma
	"first_day_of_the_week": "Monday",
}
DEMO_LANGUAGE = "nb"


def prepare_demo_site(password: str = "Ledetraad-2026") -> dict:
	"""Norwegian regional settings, and the first demo sales person set up to log in in Bokmål."""
	require_system_manager()
	apply_norwegian_settings()
	ensure_demo_sales_people()
	email = DEMO_SALES_PEOPLE[1][0]  # Kari Nordmann
	user = frappe.get_doc("User", email)
	user.language = DEMO_LANGUAGE
	user.time_zone = NORWEGIAN_SETTINGS["time_zone"]
	user.new_password = password
	user.save(ignore_permissions=True)
	return {"user": email, "password": password, "language": DEMO_LANGUAGE}


def apply_norwegian_settings() -> None:
	frappe.db.set_value("Currency", NORWEGIAN_SETTINGS["currency"], "enabled", 1)
	if not frappe.db.exists("Language", DEMO_LANGUAGE):
		frappe.get_doc(
			{"doctype": "Language", "language_code": DEMO_LANGUAGE, "language_name": "Norsk Bokmål"}
		).insert(ignore_permissions=True)
	settings = frappe.get_single("System Settings")
	settings.update(NORWEGIAN_SETTINGS)
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)
	frappe.db.set_default("currency", NORWEGIAN_SETTINGS["currency"])
	frappe.db.set_default("country", NORWEGIAN_SETTINGS["country"])
