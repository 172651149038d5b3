"""What the three lead reports share: their filters as SQL, with the user's read permission.

The reports count with GROUP BY in SQL (Frappe's list query cannot aggregate portably across v15
and v16); the conditions the list applies for the user (user permissions, owner restrictions,
permission hooks) are added from `frappe.desk.reportview.build_match_conditions`, as Frappe's own
reports do. Filters: period (from_date, to_date, on when the lead was created), responsible, industry.
"""

import frappe
from frappe.desk.reportview import build_match_conditions
from frappe.utils import add_days, getdate

STATUSES = ("Not Contacted", "Reached", "Unreachable")
CLASSIFICATIONS = ("Hot", "Not Set", "Cold")


def where_clause(filters: dict | None) -> tuple[str, dict]:
	"""(SQL condition, its values) for the report filters and the user's permissions."""
	filters = frappe._dict(filters or {})
	conditions, values = ["1 = 1"], {}
	if filters.from_date:
		conditions.append("creation >= %(from_date)s")
		values["from_date"] = getdate(filters.from_date)
	if filters.to_date:
		conditions.append("creation < %(to_date)s")
		values["to_date"] = add_days(getdate(filters.to_date), 1)
	if filters.responsible:
		conditions.append("responsible = %(responsible)s")
		values["responsible"] = filters.responsible
	if filters.industry:
		conditions.append("industry = %(industry)s")
		values["industry"] = filters.industry
	permission = build_match_conditions("XS Lead")
	if permission:
		conditions.append(f"({permission})")
	return " AND ".join(conditions), values


def month_of(column: str) -> str:
	"""SQL for the year and month ("2026-11") of a datetime column."""
	if frappe.db.db_type == "postgres":
		return f"to_char({column}, 'YYYY-MM')"
	return f"date_format({column}, '%%Y-%%m')"
