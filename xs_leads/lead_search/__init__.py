"""Lead search: the word index beside `tabXS Lead` (index) and the query planner over it (engine)."""
