"""User-facing errors: defined once here, translated once by each surface (CLI, HTTP, Gradio).

An error raised with a ``code`` of ``assistant.messages`` carries its parameters: ``str(exc)`` is the English text
with the operator's hint (what the CLI and the API show), ``exc.text("nl")`` the text for the chat in its language.
"""

from assistant import messages


class UserError(Exception):
    """A problem the user can fix; its message is shown as is, without a traceback."""

    status_code = 400

    def __init__(self, message: str = "", *args, code: str | None = None, **params) -> None:
        if code is not None and not message:
            message = messages.text(code, "en", hint=True, **params)
        super().__init__(message, *args)
        self.code = code
        self.params = params

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` for a person at the chat: no setting names; an error without a code is its
        English message in a frame of that language."""
        if self.code is not None:
            return messages.text(self.code, lang, **self.params)
        return messages.UNKNOWN.get(lang, messages.UNKNOWN["en"]).format(message=str(self))


class NoIndexError(UserError):
    status_code = 503

    def __init__(self, where: str) -> None:
        super().__init__(code="no_index", where=where)


class IndexUnavailableError(UserError):
    status_code = 503  # the Chroma server cannot be reached: not the client's mistake


class EmbedderMismatchError(UserError):
    status_code = 409


class IndexFormatError(UserError):
    status_code = 409


class QuestionError(UserError):
    status_code = 422


class NotFoundError(UserError):
    status_code = 404


class LLMError(Exception):
    """The configured LLM failed (unreachable, timed out, malformed reply). Not the user's fault; answers fall back."""


class UnprocessableError(UserError):
    status_code = 422


class TooLargeError(UserError):
    status_code = 413


class ConflictError(UserError):
    status_code = 409


class TooManyAttemptsError(UserError):
    status_code = 429

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Too many failed attempts from this client: try again in {retry_after} s.")
        self.retry_after = retry_after
