"""The records the Ledger and the REST API answer with, one module per resource, as pydantic models.

``Ledger`` makes each query's rows into these models (``newsledger.ledger``); a route returns
them as its declared answer, so ``/openapi.json`` describes every field, and the CLI encodes them
as the API does. Fields are named and ordered as the queries return them (the JSON is unchanged
by the check), and a row with a field its model lacks is refused (``Answer``): a field added to a
query is added here too.
"""
