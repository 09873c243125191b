"""The step every page that changes something shares: call one service, turn its refusal into
what the user reads, and say what was done.

Services raise a subclass of `RefusedError` (MovementError, CouncilError, NominationError …) with a
message for the user, and write nothing then. A view reads:

    if posted(request, form) and attempt(request, lambda: services.x(...), form=form,
                                         success=_("Saved.")):
        return redirect(...)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest


class RefusedError(Exception):
    """A change a service will not make; str(exc) says why, for the user. Nothing was written."""


@dataclass(frozen=True)
class Outcome:
    done: bool
    value: Any = None  # what the service returned

    def __bool__(self) -> bool:
        return self.done


def posted(request: HttpRequest, form: Any) -> bool:
    """A POST whose form is valid (the form shows its own errors otherwise)."""
    return request.method == "POST" and form.is_valid()


def attempt(
    request: HttpRequest,
    call: Callable[[], Any],
    *,
    success: str | Callable[[Any], str] = "",
    form: Any = None,
) -> Outcome:
    """Run `call`. A refusal becomes the form's error (or an error message when there is no
    form); otherwise `success` (text, or made from the result) becomes a success message."""
    try:
        value = call()
    except RefusedError as exc:
        if form is not None:
            form.add_error(None, str(exc))
        else:
            messages.error(request, str(exc))
        return Outcome(False)
    text = success(value) if callable(success) else success
    if text:
        messages.success(request, text)
    return Outcome(True, value)


def report_form_errors(request: HttpRequest, form: Any, *, labelled: bool = False) -> None:
    """A form posted from a page that does not show it (a button on a detail page): its errors
    become messages, each after its field's label when `labelled`."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if labelled and field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))
