"""Demo content for development (`ruggensteun demo_content`, run by `make demo` and `make run`).

About thirty practices and sixty signals, written for the demo and fictional: every practice and
signal is created through the apps' own services with `demo=True`, which the pages show as the
badge "demo-inhoud, verzonnen". The texts live in practices.toml and signals.toml; content.py
loads them, only with DEBUG on, and is idempotent (practices are keyed by slug, signals by their
place, theme and answers). A Django app without models or pages: its command composes the
practices and signals apps, so it sits in the top layer of the import contract (pyproject.toml).
"""
