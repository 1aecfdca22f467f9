"""Scoring against gold files."""
