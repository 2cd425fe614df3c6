"""Pictures stored in an S3-compatible bucket configured from MEDIA_S3_* variables, against a
real S3 server on the loopback (moto's server mode, spoken to over HTTP by boto3)."""

import json
import runpy
import socket
from pathlib import Path

import boto3
import pytest
import requests
from moto.server import ThreadedMotoServer

from simhelp.images import image_views
from tests.builders import make_image

pytestmark = pytest.mark.django_db
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::simhelp-media/images/*",
        }
    ],
}
SETTINGS = Path(__file__).resolve().parents[2] / "simhelp" / "settings.py"


@pytest.fixture
def s3_endpoint():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def test_a_picture_goes_to_the_bucket_and_its_urls_lead_there(s3_endpoint, settings, monkeypatch):
    variables = {
        "MEDIA_S3_BUCKET": "simhelp-media",
        "MEDIA_S3_ENDPOINT_URL": s3_endpoint,
        "MEDIA_S3_REGION": "us-east-1",
        "MEDIA_S3_ACCESS_KEY_ID": "test-key",
        "MEDIA_S3_SECRET_ACCESS_KEY": "test-secret",
    }
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("DEBUG", "1")
    configured = runpy.run_path(str(SETTINGS))
    assert configured["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s3_endpoint in configured["SECURE_CSP"]["img-src"]
    settings.STORAGES = configured["STORAGES"]
    s3 = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="test-key",
        aws_secret_access_key="test-secret",
    )
    s3.create_bucket(Bucket="simhelp-media")
    # What the README asks of a bucket: anyone may read the pictures (browsers fetch them).
    s3.put_bucket_policy(Bucket="simhelp-media", Policy=json.dumps(PUBLIC_READ))

    image = make_image()

    stored = {o["Key"] for o in s3.list_objects_v2(Bucket="simhelp-media")["Contents"]}
    assert stored == {image.original.name, *(v["name"] for v in image.variants)}
    head = s3.head_object(Bucket="simhelp-media", Key=image.variants[0]["name"])
    assert head["CacheControl"] == "public, max-age=31536000, immutable"
    picture = image_views()["sim-card"].data("en")
    assert picture["src"].startswith(f"{s3_endpoint}/simhelp-media/images/sim-card/")
    assert "?" not in picture["src"]  # a plain URL, not a signed one that expires
    downloaded = requests.get(picture["src"], timeout=10)
    assert downloaded.status_code == 200
    assert downloaded.content[:8] == b"\x89PNG\r\n\x1a\n"
