"""Programme cycles (rounds of the Circular Cycle of Mentoring), their reports, and reporting to management."""
