"""Mentoring agreements: templates, versioned drafts per tandem, signatures, signed scans and the PDF."""
