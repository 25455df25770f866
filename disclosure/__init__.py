"""Disclosure control for the published snapshot: declared table structures (`marts`), primary and secondary
cell suppression solved against the attacker's linear programmes (`protect`, `snapshot`), and an auditor
that attacks the published file alone (`audit`). Plain Python: no Dagster, no dbt."""
