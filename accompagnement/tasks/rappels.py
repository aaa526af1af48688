"""Celery tasks: rappels."""
