from xs_leads.install import ensure_genders


def execute():
	ensure_genders()
