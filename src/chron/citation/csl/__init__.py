"""A CSL 1.0.2 processor."""
