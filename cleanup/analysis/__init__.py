"""Shared analyses of the text, computed once per document and read by every rule."""
