"""The image library in the admin: upload (checked by Pillow), alternative text in three
languages, publish; and the list of published pictures the Markdown picker inserts from."""

from django import forms
from django.contrib import admin
from django.http import JsonResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.utils import build_localized_fieldname

from simhelp.content import languages
from simhelp.images import image_store, image_views
from simhelp.imaging import ImageRefused, image_read
from simhelp.models import Image


class ImageForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("picture"),
        required=False,
        help_text=_("PNG, JPEG or WebP. Resized copies are made on saving; metadata is removed."),
    )

    class Meta:
        model = Image
        fields = ["key", "alt", "published"]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload is None:
            if not self.instance.pk:
                raise forms.ValidationError(_("Choose a picture to upload."))
            return None
        data = upload.read()
        try:
            image_read(data=data)
        except ImageRefused as refused:
            raise forms.ValidationError(str(refused)) from None
        return data

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("published"):
            for language in languages():
                name = build_localized_fieldname("alt", language)
                if not (cleaned.get(name) or "").strip():
                    self.add_error(
                        name if name in self.fields else None,
                        _("Write the alternative text in every language before publishing."),
                    )
        return cleaned


@admin.register(Image)
class ImageAdmin(TabbedTranslationAdmin):
    form = ImageForm
    list_display = ["key", "preview", "alt", "published", "width", "height", "snippet"]
    list_filter = ["published"]
    search_fields = ["key", "alt_zh_hans", "alt_en", "alt_ru"]
    fields = ["upload", "key", "alt", "published", "preview", "snippet", "width", "height"]
    readonly_fields = ["preview", "snippet", "width", "height"]

    @admin.display(description=_("preview"))
    def preview(self, image: Image) -> str:
        smallest = next(iter(image.variants or []), None)
        if not smallest:
            return "—"
        return format_html(
            '<img src="{}" width="160" alt="">', image.original.storage.url(smallest["name"])
        )

    @admin.display(description=_("Markdown"))
    def snippet(self, image: Image) -> str:
        return format_html("<code>{}</code>", image.markdown) if image.pk else "—"

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data.get("upload")
        if data:
            image_store(image=obj, data=data)
        super().save_model(request, obj, form, change)

    def get_urls(self):
        picker = self.admin_site.admin_view(self.picker_view)
        return [path("picker/", picker, name="simhelp_image_picker"), *super().get_urls()]

    def picker_view(self, request):
        """The published pictures as JSON for the Markdown fields' picker (staff only)."""
        if not self.has_view_permission(request):
            return JsonResponse({"images": []}, status=403)
        language = request.LANGUAGE_CODE
        return JsonResponse(
            {
                "images": [
                    {
                        "key": view.key,
                        "markdown": f"![{view.data(language)['alt']}](image:{view.key})",
                        "thumbnail": view.variants[0]["url"],
                    }
                    for view in image_views().values()
                ]
            }
        )
