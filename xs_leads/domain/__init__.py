"""Plain domain logic of xs_leads: parsing and normalising lead data, free of Frappe."""
