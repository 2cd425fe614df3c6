"""The "Support agent" group: content and insights, none of the technical sections.

Agents edit FAQs, guides, troubleshooters, categories, synonyms, answer rules and pictures and read the
insights; users, groups, lockouts (axes), embedding sites and keys and OTP devices stay with
superusers, so those sections are absent from an agent's admin home. Permissions are normally
created after all migrations (post_migrate), so this creates those of the apps it grants first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Support agent"
APPS = ("faq", "guides", "assistant", "insights")
# From the project app, only the image library (pictures in answers) is content.
MODELS = (("simhelp", "image"),)


def group_create(apps, schema_editor):
    for label in (*APPS, *{app for app, _model in MODELS}):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _ = group_model.objects.get_or_create(name=GROUP)
    group.permissions.add(*permission_model.objects.filter(content_type__app_label__in=APPS))
    for app, model in MODELS:
        group.permissions.add(
            *permission_model.objects.filter(content_type__app_label=app, content_type__model=model)
        )


def group_delete(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("faq", "0005_models_move_to_their_apps"),
        ("guides", "0003_guide_step_image"),
        ("assistant", "0003_synonym_anchor"),
        ("insights", "0003_walk_counts_per_node"),
        ("simhelp", "0002_image_library"),
    ]

    operations = [migrations.RunPython(group_create, group_delete)]
