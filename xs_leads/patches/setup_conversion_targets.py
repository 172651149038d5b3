from xs_leads.install import setup_conversion_targets


def execute():
	setup_conversion_targets()
