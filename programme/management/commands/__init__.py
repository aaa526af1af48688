"""Management commands of the programme: the demo data (seed_demo)."""
