"""The records the REST API answers with, one module per resource, as pydantic models.

``Ledger`` returns plain dicts; each route declares the model of its answer, so FastAPI checks
every answer against it and ``/openapi.json`` describes every field. Fields are named and
ordered as the queries return them (the JSON is unchanged by the check), and an answer with a
field its model lacks is refused (``Answer``): a field added to a query is added here too.
"""
