"""Demo data for xs_leads: a deterministic generator of Norwegian sales leads and a bulk loader."""
