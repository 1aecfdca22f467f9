"""Actors: knowledge base, linking, roles, and the statistical entity taggers."""
