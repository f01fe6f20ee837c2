"""The Ledger's read queries, one module per resource, each a mixin over ``LedgerBase``.

``newsledger.api.Ledger`` inherits them all and keeps ingest, load and resolve (the run path).
Every query returns the models of ``newsledger.answers``, the very records the REST API sends.
"""
