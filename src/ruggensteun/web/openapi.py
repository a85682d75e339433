"""OpenAPI generation: every read operation documents its error answers too (NL API rules)."""

from typing import Any, Literal

from drf_spectacular.openapi import AutoSchema

ERROR = {
    "description": "Fout in de vraag (400) of niet gevonden (404); de uitleg staat erin.",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "additionalProperties": True,
                "description": 'Bijv. {"detail": "Ongeldige pagina."}, of meldingen per parameter.',
            }
        }
    },
}


class ErrorDocumentingAutoSchema(AutoSchema):
    def _get_response_bodies(
        self, direction: Literal["request", "response"] = "response"
    ) -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        if self.method == "GET":
            responses.setdefault("400", ERROR)
            responses.setdefault("404", ERROR)
        return responses
