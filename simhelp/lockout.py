"""The admin login lockout: each combination of AXES_LOCKOUT_PARAMETERS with its own limit.

django-axes compares one failure limit with the highest failure count of any combination.
SimHelp locks an (account, address) pair after a few failures and a whole address after more
(many accounts tried from one place), so this handler scales each combination's count to the
pair's limit: an address with ADMIN_ADDRESS_FAILURE_LIMIT failures counts as a locked pair.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit, get_lockout_parameters
from django.conf import settings
from django.db.models import Sum


def _combination(parameter) -> tuple[str, ...]:
    return (parameter,) if isinstance(parameter, str) else tuple(parameter)


class PerCombinationLimitHandler(AxesDatabaseHandler):
    """django-axes' database handler with `ADMIN_LOCKOUT_LIMITS` thresholds."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        limit = get_failure_limit(request, credentials)
        combinations = [_combination(p) for p in get_lockout_parameters(request, credentials)]
        scaled = [0]
        for combination, attempts in zip(
            combinations, self.get_user_attempts(request, credentials), strict=True
        ):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            own_limit = settings.ADMIN_LOCKOUT_LIMITS.get(combination, limit)
            scaled.append(failures * limit // own_limit)
        return max(scaled)
