"""Demo content for development (`ruggensteun demo_data --content`, run by `make run`).

About thirty practices and sixty signals, written for the demo and fictional: every practice and
signal is created through the apps' own services with `demo=True`, which the pages show as the
badge "demo-inhoud, verzonnen". The texts live in practices.toml and signals.toml; content.py
loads them, only with DEBUG on, and is idempotent (practices are keyed by slug, signals by their
place, theme and answers). Not a Django app: it has no models, pages or commands of its own.
"""
