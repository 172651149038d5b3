"""Merge endpoints: preview what merging one lead into another would do, and do it."""

import frappe
from frappe import _

from xs_leads.services import merge

LEAD = "XS Lead"


@frappe.whitelist()
@frappe.read_only()
def preview_merge(source: str | int, target: str | int) -> dict:
	"""What `merge_leads` would do, writing nothing: {target, moved, filled}."""
	frappe.has_permission(LEAD, "read", throw=True)
	source, target = _leads(source, target)
	frappe.has_permission(LEAD, "read", doc=target, throw=True)
	frappe.has_permission(LEAD, "read", doc=source, throw=True)
	return merge.preview_merge(source, target)


@frappe.whitelist(methods=["POST"])
def merge_leads(source: str | int, target: str | int) -> dict:
	"""Merge lead `source` into lead `target` (kept); permanent. Returns {target, moved, filled}."""
	frappe.has_permission(LEAD, "write", throw=True)
	frappe.has_permission(LEAD, "delete", throw=True)
	source, target = _leads(source, target)
	frappe.has_permission(LEAD, "write", doc=target, throw=True)
	frappe.has_permission(LEAD, "delete", doc=source, throw=True)
	return merge.merge_leads(source, target)


def _leads(source, target) -> tuple[int, int]:
	source, target = merge.lead_name(source), merge.lead_name(target)
	merge.refuse_self_merge(source, target)
	for name in (source, target):
		if not frappe.db.exists(LEAD, name):
			frappe.throw(
				_("Lead {0} does not exist (it may have been merged or deleted)").format(frappe.bold(name)),
				frappe.DoesNotExistError,
				title=_("Merge"),
			)
	return source, target
