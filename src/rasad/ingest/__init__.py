"""Readers: files, directories, stdin, HTML, JSON and JSON Lines records -> Articles."""
