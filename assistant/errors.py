"""User-facing errors: defined once here, translated once by each surface (CLI, HTTP, Gradio)."""


class UserError(Exception):
    """A problem the user can fix; its message is shown as is, without a traceback."""

    status_code = 400


class NoIndexError(UserError):
    status_code = 503

    def __init__(self, where: str) -> None:
        super().__init__(f"No index yet at {where}: run `pmg ingest` first.")


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
