"""URL state per page: parse a query string into a validated state, and write a state back as a query string."""
