"""Evaluation: forms defined as data, immutable responses, the Excel export and the impact dashboard."""
