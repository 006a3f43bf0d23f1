"""Pure shaping of query results: typed columns, formatted cells, chart series."""
