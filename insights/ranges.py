"""The date range of the dashboard, its charts and the CSV exports: the last 7, 30 or 90 days
(today included), or a custom from/to."""

from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PRESETS = (7, 30, 90)
DEFAULT_DAYS = 7
MAX_DAYS = 366
CUSTOM = "custom"


@dataclass(frozen=True)
class DateRange:
    since: date
    until: date

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def dates(self) -> list[date]:
        return [self.since + timedelta(days=n) for n in range(self.days)]

    def query(self) -> str:
        """The range as a query string (the links to the exports keep it)."""
        return f"since={self.since:%Y-%m-%d}&until={self.until:%Y-%m-%d}"

    def slug(self) -> str:
        return f"{self.since:%Y-%m-%d}_{self.until:%Y-%m-%d}"


def last_days(days: int, *, today: date | None = None) -> DateRange:
    today = today or timezone.localdate()
    return DateRange(since=today - timedelta(days=days - 1), until=today)


class RangeForm(forms.Form):
    """`?days=7|30|90`, or `?since=YYYY-MM-DD&until=YYYY-MM-DD`; a bad range is a form error and
    the page falls back to the last `default_days` days (7 on the dashboard)."""

    days = forms.TypedChoiceField(label=_("Period"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(
        self, data=None, *, today: date | None = None, default_days: int = DEFAULT_DAYS, **kwargs
    ):
        self.today = today or timezone.localdate()
        self.default_days = default_days
        super().__init__(data, **kwargs)
        # Labels made per form, in the reader's language (a label interpolated in the class
        # body was translated once, into whatever language was active at import).
        self.fields["days"].choices = [
            (str(n), _("Last %(days)s days") % {"days": n}) for n in PRESETS
        ] + [(CUSTOM, _("Custom"))]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if self.errors:
            return data
        if since is None and until is None:
            if data.get("days") == CUSTOM:
                raise forms.ValidationError(_("Give the first and the last day of the range."))
            return data
        if since is None or until is None:
            raise forms.ValidationError(_("Give the first and the last day of the range."))
        if since > until:
            raise forms.ValidationError(_("The first day comes after the last day."))
        if until > self.today:
            raise forms.ValidationError(_("The range cannot end after today."))
        if (until - since).days + 1 > MAX_DAYS:
            raise forms.ValidationError(
                _("A range is at most %(days)s days long.") % {"days": MAX_DAYS}
            )
        return data

    def date_range(self) -> DateRange:
        """The range asked for, or the default days when the form is empty or invalid."""
        if not self.is_bound or not self.is_valid():
            return last_days(self.default_days, today=self.today)
        data = self.cleaned_data
        if data.get("since") and data.get("until"):
            return DateRange(since=data["since"], until=data["until"])
        presets = {str(n) for n in PRESETS}
        days = int(data["days"]) if data.get("days") in presets else self.default_days
        return last_days(days, today=self.today)


def range_from_request(
    request, *, today: date | None = None, default_days: int = DEFAULT_DAYS
) -> tuple[RangeForm, DateRange]:
    """The range of the request's query string (`days`, or `since` and `until`)."""
    form = RangeForm(request.GET or None, today=today, default_days=default_days)
    return form, form.date_range()
