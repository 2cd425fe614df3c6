"""The admin app, with SimHelp's admin site (optional TOTP codes, simhelp/twofactor.py)."""

from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    default_site = "simhelp.twofactor.StaffAdminSite"
