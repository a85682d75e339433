"""Load profile for bench/web_load.py: visitors reading the overview and an area dashboard."""

from locust import HttpUser, between, tag, task

AREAS = ["zaandam-oost", "den-haag-zuidwest", "rotterdam-zuid", "utrecht-overvecht", "arnhem-oost"]


class Visitor(HttpUser):
    wait_time = between(0.5, 1.5)

    @tag("pages")
    @task(2)
    def overview(self) -> None:
        self.client.get("/", name="overview")

    @tag("pages")
    @task(3)
    def dashboard(self) -> None:
        for slug in AREAS:
            self.client.get(f"/gebieden/{slug}/", name="area dashboard")

    @tag("floor")
    @task
    def trivial(self) -> None:
        self.client.get("/healthz", name="healthz (floor)")
