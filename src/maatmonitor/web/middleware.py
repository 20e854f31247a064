"""Language choice: Dutch unless the user picked another language with the language switch."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ChosenLanguageMiddleware:
    """Activate the language from the language cookie, else LANGUAGE_CODE ("nl").

    Django's LocaleMiddleware would follow the browser's Accept-Language; a Dutch government
    service speaks Dutch by default and switches only when the user asks (the switch sets the cookie).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        previous = translation.get_language()
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # The thread goes back to the language it had: a worker thread (or a test) that runs
            # service code after an English request must not keep speaking English.
            if previous:
                translation.activate(previous)
            else:
                translation.deactivate()
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class RejectNulInQueryMiddleware:
    """Answer 400 to a query string with a NUL character.

    Form and API fields already refuse NUL (Django's and DRF's CharField validators), but views
    filter on raw query parameters, and PostgreSQL cannot compare text with NUL: the query would
    fail with a server error instead of a clear answer.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any("\x00" in key or "\x00" in value for key, value in request.GET.items()):
            return HttpResponseBadRequest(
                "NUL-teken in de zoekparameters", content_type="text/plain"
            )
        return self.get_response(request)
