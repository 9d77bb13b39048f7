"""Shared analyses of a document, computed once and read by every rule (through ``Document.memo``)."""
