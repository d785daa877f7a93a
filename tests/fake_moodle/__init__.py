"""A loopback HTTP test double of Moodle's REST web services, with in-memory state."""
