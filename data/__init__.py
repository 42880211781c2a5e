"""Data: the pipeline (`data.build`), table schemas (`data.schema`) and the read-only store (`data.store`)."""
