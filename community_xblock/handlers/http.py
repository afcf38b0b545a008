"""The JSON handler protocol every action of the block speaks.

``XBlock.json_handler`` answers malformed JSON with an untranslated 400 and cannot refuse a wrong method or
an oversized body, so the block uses this decorator instead:

- POST only (405 otherwise), a body of at most ``MAX_BODY_BYTES`` (413), a JSON object (400);
- a ``CommunityError`` raised anywhere below becomes its status with the message translated by the block's
  i18n service, plus the name of the offending field when there is one;
- actions that write run in one transaction (run again if the database rolls it back as a deadlock), so a
  refused request leaves nothing behind, and are refused
  while staff view the course as a learner (the write would be stored under the learner's name);
- the community's phase policy (open, read-only, closed) is checked before the action runs.
"""
import functools
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_noop as _
from webob import Response
from xblock.core import XBlock

from community_xblock.core import permissions
from community_xblock.core.errors import BodyTooLarge, CommunityError, InvalidInput, MethodNotAllowed
from community_xblock.core.transactions import atomic_write
from community_xblock.core.validation import require_object

MAX_BODY_BYTES = 64 * 1024
MAX_DEPTH = 8  # a payload is a flat object of scalars, lists and small maps


def json_action(writes, access=None):
    """Decorate ``method(self, payload) -> dict`` as a handler.

    ``writes`` says whether it changes data; ``access(phase, viewer)``, when given, refuses the action in a
    phase of the community that does not allow it (see ``lifecycle``).
    """

    def decorate(method):
        @XBlock.handler
        @functools.wraps(method)
        def handler(block, request, suffix=""):
            try:
                payload = read_payload(request)
                if access is not None:
                    access(block.phase, block.viewer)
                if writes:
                    permissions.require_own_identity(block.viewer)
                    result = atomic_write(lambda: method(block, payload))
                else:
                    result = method(block, payload)
            except CommunityError as error:
                return error_response(error, block.translator)
            return json_response(result)

        return handler

    return decorate


def read_payload(request):
    if request.method != "POST":
        raise MethodNotAllowed(_("Use POST for this action."))
    declared = request.content_length or 0
    if declared > MAX_BODY_BYTES:
        raise BodyTooLarge(_("The request is too large (at most %(limit)s kilobytes)."), limit=MAX_BODY_BYTES // 1024)
    body = request.body
    if len(body) > MAX_BODY_BYTES:
        raise BodyTooLarge(_("The request is too large (at most %(limit)s kilobytes)."), limit=MAX_BODY_BYTES // 1024)
    try:
        payload = json.loads(body.decode("utf-8")) if body.strip() else {}
    except (UnicodeDecodeError, ValueError):
        raise InvalidInput(_("The request body is not valid JSON.")) from None
    except RecursionError:
        payload = None  # nested thousands deep: refused below like any other over-deep body
    if payload is None or depth(payload) > MAX_DEPTH:
        raise InvalidInput(_("The request body is nested too deeply."))
    return require_object(payload)


def depth(value):
    """How deeply lists and objects nest in a decoded JSON value (walked without recursion)."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        item, level = pending.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, level)
            pending.extend((child, level + 1) for child in item)
    return deepest


def json_response(data, status=200):
    return Response(
        body=json.dumps(data, cls=DjangoJSONEncoder).encode("utf-8"),
        status=status, content_type="application/json", charset="utf-8",
    )


def error_response(error, translator):
    body = {"error": error.translated(translator.gettext)}
    if error.field:
        body["field"] = error.field
    field_errors = error.field_errors(translator.gettext)
    if field_errors:
        body["errors"] = field_errors
    response = json_response(body, status=error.status)
    if isinstance(error, MethodNotAllowed):
        response.headers["Allow"] = "POST"
    return response
