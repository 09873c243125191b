"""The "API tokens" page: a user makes tokens (the secret is shown once), sees when each was
last used, and revokes them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tdkt.api.forms import TokenForm
from tdkt.api.models import ApiToken
from tdkt.api.services import TokenError, create_token, revoke_token


@never_cache
@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = TokenForm(request.POST or None, can_write=user.can_edit_records)
    secret = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        expires = None
        if data["expires_on"] is not None:
            end_of_day = dt.datetime.combine(data["expires_on"], dt.time(23, 59, 59))
            expires = timezone.make_aware(end_of_day)
        try:
            _token, secret = create_token(
                user, name=data["name"], write=data["write"], expires_at=expires
            )
        except TokenError as exc:
            form.add_error(None, str(exc))
        else:
            form = TokenForm(can_write=user.can_edit_records)
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "secret": secret,
            "tokens": ApiToken.objects.filter(user=user),
            "now": timezone.now(),
        },
    )


@require_POST
@login_required
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    # Only one's own tokens: another user's token is a 404 like any object out of scope.
    user: Any = request.user
    token = ApiToken.objects.filter(pk=pk, user=user).first()
    if token is None:
        raise Http404
    revoke_token(token, actor=user)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("api:tokens")
