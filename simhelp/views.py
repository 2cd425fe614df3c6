"""Project-level views that belong to no app."""

from django.http import JsonResponse


def health(request):
    """Liveness for load balancers; touches no database. Also the load test's floor."""
    return JsonResponse({"status": "ok"})
