"""Background work of follow-up: thin wrappers that take ids and call services."""

from django_tasks import task

from . import services


@task()
def code_signal_task(signal_id: int) -> None:
    services.code_signal(signal_id)
