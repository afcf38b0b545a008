"""Who a user key is, for messages sent outside a page view (an event's reminder by email).

In the LMS and Studio a user key is the auth user's id: ``identity.viewer_from_user`` takes it from the user
service's ``edx-platform.user_id`` (``openedx/core/djangoapps/xblock/runtime/...`` and the LMS's
``DjangoXBlockUserService`` set it to ``django_user.id``), so the address is that User's email, in the same
database. Outside the platform (the SDK workbench) keys are student ids with no account behind them: no address.
"""
from django.contrib.auth import get_user_model


def email_addresses(user_keys):
    """{user key: email} of the active accounts among ``user_keys`` that have an address."""
    ids = sorted({int(key) for key in user_keys if key.isdigit()})
    if not ids:
        return {}
    accounts = get_user_model().objects.filter(pk__in=ids, is_active=True).exclude(email="")
    return {str(pk): email for pk, email in accounts.values_list("pk", "email")}
