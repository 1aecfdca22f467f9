"""Article metadata: outlets and source agencies."""
