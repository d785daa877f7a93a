"""The mentor database: every mentor, internal and external, with profile, training and pairs."""
