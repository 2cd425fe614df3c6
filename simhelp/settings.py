"""SimHelp settings, read from environment variables (see `.env.example` and the README)."""

import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from corsheaders.defaults import default_headers as cors_default_headers
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from search.normalize import MAX_QUERY_CHARS
from simhelp.env import env_bool, env_float, env_int, env_list, env_str, load_dotenv
from simhelp.services import caches, databases, media_storage

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
load_dotenv(BASE_DIR / ".env")

DEBUG = env_bool("DEBUG", default=False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (set DEBUG=1 for local development)."
        )
    # Development only: one random key per checkout, kept so sessions survive restarts.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
# The help site's public address (https://help.example.org): canonical and hreflang links are
# built from it, never from the request's Host header. Empty: from the request (development).
SITE_URL = env_str("SITE_URL").rstrip("/")
_site = urlsplit(SITE_URL)
if SITE_URL and (
    _site.scheme not in ("https", "http") or not _site.netloc or _site[2:] != ("", "", "")
):
    raise ImproperlyConfigured(f"SITE_URL={SITE_URL!r}: use https://host[:port], no path.")
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before django.contrib.admin.
    "modeltranslation",
    # The admin with optional TOTP codes for staff (simhelp/twofactor.py, django-otp).
    "simhelp.admin_apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Its sitemap templates, for /sitemap.xml (helpsite/crawlers.py).
    "django.contrib.sitemaps",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "simhelp",
    "faq",
    "guides",
    "assistant",
    "insights",
    "helpsite",
    "widget",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "simhelp.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "simhelp.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "simhelp.middleware.SitePageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "simhelp.urls"
WSGI_APPLICATION = "simhelp.wsgi.application"
ASGI_APPLICATION = "simhelp.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "simhelp" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "simhelp.context_processors.site",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'simhelp.sqlite3'}"
DATABASES = databases(DATABASE_URL, var_dir=VAR_DIR)
CACHE_URL = env_str("CACHE_URL") or "locmem://"
CACHES = caches(CACHE_URL)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
    ("ru", _("Russian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "zh-hans"
MODELTRANSLATION_LANGUAGES = ("zh-hans", "en", "ru")
# Per reader's language, the languages shown when a text is missing, in order (modeltranslation
# reads the same setting): a Russian reader gets English before Chinese.
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("zh-hans", "en"),
    "ru": ("en", "zh-hans"),
    "en": ("zh-hans",),
    "zh-hans": ("en",),
}

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Uploaded pictures (the image library): on disk under var/media, served by the app at
# /media/ (simhelp.views.media), or in an S3-compatible bucket when MEDIA_S3_BUCKET is set.
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
MEDIA_S3_BUCKET = env_str("MEDIA_S3_BUCKET")
# Pages allow images from MEDIA_ORIGINS (the bucket's).
_media_storage, MEDIA_ORIGINS = media_storage(
    bucket=MEDIA_S3_BUCKET, root=MEDIA_ROOT, url=MEDIA_URL
)
STORAGES = {
    "default": _media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploads: at most this many bytes and pixels; variants at these widths (WebP + JPEG/PNG).
IMAGE_MAX_BYTES = env_int("IMAGE_MAX_BYTES", default=10_000_000, minimum=1)
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", default=40_000_000, minimum=1)
IMAGE_WIDTHS = (480, 960)
# Without collectstatic (tests, development) whitenoise serves from the app folders.
WHITENOISE_USE_FINDERS = not STATIC_ROOT.exists()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "level": LOG_LEVEL}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# Search: the backend is loaded by dotted path.
SIMHELP_SEARCH_BACKEND = env_str("SEARCH_BACKEND", "search.backends.fuzzy.FuzzyBackend")
# At most what the engine reads of a query and the search log keeps (MAX_QUERY_CHARS): a longer
# limit would accept text nobody searches for, so it is refused at start rather than cut silently.
SIMHELP_SEARCH_MAX_QUERY_LENGTH = env_int(
    "SEARCH_MAX_QUERY_LENGTH", default=MAX_QUERY_CHARS, minimum=1, maximum=MAX_QUERY_CHARS
)

# The admin's language tabs need jQuery UI; serve our own copy (npm jquery-ui 1.14.2) so the
# admin makes no request to a third-party CDN.
JQUERY_UI_URL = "simhelp/vendor/jquery-ui-1.14.2.min.js"
# How often a process checks whether its search index is stale (seconds; 0 = every search).
SEARCH_VERSION_CHECK_SECONDS = env_float("SEARCH_VERSION_CHECK_SECONDS", default=0.5)
# How long a rendered help-site page is kept (seconds; 0 keeps none). Pages are keyed by the
# content version, so an edit shows at once whatever this is; it only bounds the memory used.
SITE_PAGE_CACHE_SECONDS = env_int("SITE_PAGE_CACHE_SECONDS", default=600, minimum=0)
# Search and ask answers (rendered JSON, a few KB each) each process keeps per index build,
# least recently used dropped first; 0 keeps none.
SEARCH_RESPONSE_CACHE_SIZE = env_int("SEARCH_RESPONSE_CACHE_SIZE", default=2048, minimum=0)

# Where content admins get readers' page views and votes per item (see faq.admin.item_statistics).
SIMHELP_ITEM_STATISTICS = "insights.statistics"
# The content types, by the prefix of their items' keys ("faq:slug"), in the order lists show
# them: model, help-site route, the source of their published items as search entries, and
# labels. A new content type joins search, answers, links, rules and the API with one entry
# here (see simhelp/content_types.py).
SIMHELP_CONTENT_TYPES = {
    "faq": {
        "model": "faq.Faq",
        "route": "site:faq",
        "source": "faq.sources.faq_entries",
        "label": _("Question"),
        "label_plural": _("Questions"),
    },
    "guide": {
        "model": "guides.Guide",
        "route": "site:guide",
        "source": "guides.sources.guide_entries",
        "label": _("Guide"),
        "label_plural": _("Renewal guides"),
    },
    "troubleshooter": {
        "model": "guides.Troubleshooter",
        "route": "site:troubleshooter",
        "source": "guides.sources.troubleshooter_entries",
        "label": _("Troubleshooter"),
        "label_plural": _("Troubleshooters"),
    },
}

# --- Staff insights ----------------------------------------------------------------------------
# Searches and page views are counted in memory per process and written in one batch when a
# batch holds this many events or its oldest event is this many seconds old (and at exit).
INSIGHTS_FLUSH_EVENTS = env_int("INSIGHTS_FLUSH_EVENTS", default=1000, minimum=1)
# A worker killed outright (kill -9, OOM) loses its unwritten batch: keep it short.
INSIGHTS_FLUSH_SECONDS = env_float("INSIGHTS_FLUSH_SECONDS", default=2.0)
# Published items not reviewed for this many days are listed as due for review.
REVIEW_AFTER_DAYS = env_int("REVIEW_AFTER_DAYS", default=180, minimum=1)

# --- JSON API ----------------------------------------------------------------------------------
# Proxies in front of the app whose X-Forwarded-For entries are trusted (0 = none): the client
# address of throttles, votes and the admin lockout (simhelp.clients.client_address).
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", default=0, minimum=0)
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "simhelp.negotiation.JSONFirstNegotiation",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "simhelp.api.api_exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "read": env_str("API_READ_RATE", "300/min"),
        "write": env_str("API_WRITE_RATE", "20/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SimHelp API",
    "DESCRIPTION": (
        "Answers for people renewing and topping up Russian SIM cards: search, the assistant, "
        "FAQs, renewal guides, troubleshooters and feedback, in zh-hans, en and ru."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "simhelp.schema.schema_live_enums",
        "simhelp.schema.schema_long_uri_refusal",
    ],
}

# CORS only for the API, only for registered origins, never with credentials.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", default=[])
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS", "POST"]
# django-cors-headers' usual request headers, and the one a widget frame sends with its calls
# (simhelp.api.WIDGET_HEADER), so a preflight for it is not refused.
CORS_ALLOW_HEADERS = (*cors_default_headers, "x-simhelp-source")

# --- Security -----------------------------------------------------------------------------------
# Secure by default: with DEBUG off, HTTPS redirect, HSTS and secure cookies are on unless a
# variable turns them off explicitly (e.g. for a local `make serve` over plain HTTP).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # the site's script sends the token from the form, not the cookie
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
if env_bool("BEHIND_TLS_PROXY", default=False):
    # Only behind a proxy that sets this header itself and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy on every response (Django's own support). Pages load scripts and
# styles only from this origin; nothing may frame them (the widget frame sets its own policy).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *MEDIA_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# The admin and the API docs page use inline styles (and the docs an inline script); they get
# this looser policy, still without any other origin.
SECURE_CSP_ADMIN = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
}

# Admin login brute-force protection (django-axes): after ADMIN_LOGIN_FAILURE_LIMIT failures
# for one account from one address, that pair is locked for a while (the same account from
# another address, and other accounts from this one, can still log in); after
# ADMIN_ADDRESS_FAILURE_LIMIT failures from one address over any accounts, that address is
# locked. No lock per account alone: anyone could then lock any admin out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "simhelp.lockout.PerCombinationLimitHandler"
AXES_FAILURE_LIMIT = env_int("ADMIN_LOGIN_FAILURE_LIMIT", default=5, minimum=1)
ADMIN_LOCKOUT_LIMITS = {
    ("username", "ip_address"): AXES_FAILURE_LIMIT,
    ("ip_address",): env_int("ADMIN_ADDRESS_FAILURE_LIMIT", default=20, minimum=1),
}
AXES_LOCKOUT_PARAMETERS = [list(combination) for combination in ADMIN_LOCKOUT_LIMITS]
AXES_COOLOFF_TIME = timedelta(minutes=env_int("ADMIN_LOCKOUT_MINUTES", default=30, minimum=1))
AXES_RESET_ON_SUCCESS = True
# The same client address as the throttles (django-ipware is not used).
AXES_CLIENT_IP_CALLABLE = "simhelp.clients.client_address"
AXES_VERBOSE = False
# The name authenticator apps show next to a staff user's TOTP codes.
OTP_TOTP_ISSUER = "SimHelp"
