"""External professionals: the public application, its template and the coordinators' review."""
