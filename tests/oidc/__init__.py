"""A ProConnect-like OpenID Connect provider for the tests and for demonstrations (fournisseur.py)."""
