"""Content negotiation for the API (its own module: DRF imports it while APIView is defined)."""

from rest_framework.negotiation import DefaultContentNegotiation


class JSONFirstNegotiation(DefaultContentNegotiation):
    """DRF's content negotiation, with the common case decided without parsing: a client that
    sends no Accept header, `*/*`, or exactly the view's first media type, and no `?format=`,
    gets the first renderer (what the full negotiation would pick too); anything else is
    negotiated in full, so a client that cannot take JSON still gets its 406."""

    def select_renderer(self, request, renderers, format_suffix=None):
        accept = request.META.get("HTTP_ACCEPT", "").strip()
        first = renderers[0]
        override = self.settings.URL_FORMAT_OVERRIDE  # ?format=json picks the schema's JSON
        if (
            not format_suffix
            and accept in ("", "*/*", first.media_type)
            and not (override and override in request.query_params)
        ):
            return first, first.media_type
        return super().select_renderer(request, renderers, format_suffix)
