"""The OpenAPI schema's postprocessing: the values the API accepts today, read from the database."""

from simhelp.content_types import content_types


def schema_live_enums(result, generator, request, public):
    """Document the values the API accepts today: carriers, card types, categories, items.

    They live in the database, so the schema lists them when it is generated; a client (or a
    schema-driven test) then knows an unknown slug is a 400 rather than a valid request.
    Without a usable database (a system check before migrate) the schema is left as it is.
    """
    from django.db import DatabaseError

    try:
        return _with_live_enums(result)
    except DatabaseError:
        return result


def _with_live_enums(result):

    from faq.models import CardType, Carrier, Category

    values = {
        "carrier": sorted(Carrier.objects.values_list("slug", flat=True)),
        "card_type": sorted(CardType.objects.values_list("slug", flat=True)),
        "category": sorted(Category.objects.values_list("slug", flat=True)),
    }
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if (
                    parameter.get("in") == "query"
                    and parameter["name"] in values
                    and values[parameter["name"]]
                ):
                    # "" means "no filter", as for an absent parameter.
                    parameter["schema"] = {
                        "type": "string",
                        "enum": ["", *values[parameter["name"]]],
                    }
    targets = []
    for kind, content_type in content_types().items():
        model = content_type.get_model()
        targets += [
            f"{kind}:{slug}" for slug in model.objects.published().values_list("slug", flat=True)
        ]
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if (
            targets
            and name.startswith("FeedbackInput")
            and "target" in component.get("properties", {})
        ):
            component["properties"]["target"] = {"type": "string", "enum": sorted(targets)}
    return result


def schema_long_uri_refusal(result, generator, request, public):
    """Document the 414 that an operation with query parameters can get from gunicorn.

    A query string can make the request line longer than gunicorn's `limit_request_line`;
    gunicorn then answers 414 before Django sees the request, in the API's error shape
    (`simhelp.gunicorn_errors`). A client reading the schema should expect it.
    """
    refusal = {
        "description": "URI Too Long: the request line is longer than the server accepts.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if any(p.get("in") == "query" for p in operation.get("parameters", [])):
                operation.setdefault("responses", {}).setdefault("414", refusal)
    return result
