"""Optional two-factor login for staff (django-otp, TOTP): a code once a user has a device.

A staff user who has added a TOTP device (admin: "TOTP devices"; the device page
shows the otpauth:// address to enter in an authenticator app) must give its current code with the
password; one without a device logs in with the password alone. A session that passed the
password but not the code of a user who has a device does not reach the admin.
"""

from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django_otp import devices_for_user, user_has_device
from django_otp.admin import OTPAdminAuthenticationForm


def needs_code(user) -> bool:
    return user is not None and user.is_authenticated and user_has_device(user)


class StaffLoginForm(OTPAdminAuthenticationForm):
    """The admin login form: the password, and the TOTP code of a user who has a device."""

    def clean(self):
        self.cleaned_data = AdminAuthenticationForm.clean(self)
        user = self.get_user()
        if needs_code(user):
            self.clean_otp(user)
        return self.cleaned_data

    def _chosen_device(self, user):
        # django-otp asks which device when none is chosen; with one device there is no choice.
        device = super()._chosen_device(user)
        if device is None:
            devices = list(devices_for_user(user, for_verify=True))
            if len(devices) == 1:
                device = devices[0]
        return device


class StaffAdminSite(AdminSite):
    """The admin, closed to a session that skipped a code its user's device asks for."""

    login_form = StaffLoginForm
    login_template = "otp/admin111/login.html"

    def has_permission(self, request) -> bool:
        if not super().has_permission(request):
            return False
        return not needs_code(request.user) or request.user.is_verified()
