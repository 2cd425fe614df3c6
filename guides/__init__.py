"""Renewal guides (ordered steps) and troubleshooters (decision trees)."""
