"""The demo's content and builders, for `manage.py seed_demo`: never imported by the apps."""
