"""`python -m data.refresh`: bring the raw inputs up to Eurostat's latest release, then rebuild the tables.

See `data/refresh/refresh.py` (the run), `api.py` (HTTP), `files.py` (the refresh's raw tree) and `datasets.py`
(what is asked for, and what cannot be refreshed).
"""
