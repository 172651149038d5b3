"""Lead files: the semicolon CSV importer, the CSV / Excel / PDF exports of the list, vCards.

`columns` says which fields a file holds and how cells are read and written, `importer` and
`exporter` do the work, `bulk` writes many rows at once. Pure parsing and formatting lives in
`xs_leads.domain` (semicolon_csv, values, file_columns, vcard).
"""
