"""Magellan's bench: server time and SQL queries of the pages that must stay fast as data grows.

`make bench` runs `bench/run.py`; each module of this package registers its measures with `outils.mesure`.
"""
