from xs_leads.install import ensure_list_view_settings


def execute():
	ensure_list_view_settings()
