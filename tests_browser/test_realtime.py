"""Realtime: what background jobs publish reaches the user's browser through the relay."""

import re

import frappe
from playwright.sync_api import expect

from xs_leads.testing import as_user


def test_progress_of_a_background_job_moves_in_the_browser(desk, desk_user):
	desk.login(desk_user.email, desk_user.password)
	desk.goto("/app/xs-lead")
	desk.page.wait_for_function("() => frappe.realtime.socket && frappe.realtime.socket.connected")

	bar = desk.page.locator(".modal.show .progress-bar")
	with as_user(desk_user.email):  # jobs run as, and publish to, the user who queued them
		for percent in (25, 60, 100):
			frappe.enqueue(
				"frappe.publish_progress",
				queue="short",
				percent=percent,
				title="Konverterer ledetråder",
				description=f"{percent} %",
			)
			expect(bar).to_have_attribute("style", re.compile(rf"width:\s*{percent}%"), timeout=20_000)
	expect(desk.page.locator(".modal.show")).to_contain_text("Konverterer ledetråder")
