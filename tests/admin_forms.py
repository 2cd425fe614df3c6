"""Turn a rendered admin change page back into the POST data a browser would send."""


def _value(value):
    if isinstance(value, list | tuple):
        return [getattr(v, "pk", v) for v in value]
    return getattr(value, "pk", value)


def form_data(form) -> dict:
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if callable(value):
            value = value()
        if value is None or value is False:
            continue
        data[form.add_prefix(name)] = _value(value)
    return data


def change_page_data(response) -> dict:
    """The main form and every inline formset of an admin change page, as POST data."""
    data = form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management.initial.get(name, "")
        for form in formset.initial_forms:
            data.update(form_data(form))
    return data
