"""Sending e-mails in the background: one task per recorded notification, retried with backoff."""

from celery import shared_task

from . import notifications

TENTATIVES_MAX = 8


@shared_task(
    bind=True, name="programme.notification_envoyer", acks_late=True,
    autoretry_for=(notifications.EchecEnvoi,), retry_backoff=30, retry_backoff_max=3600, retry_jitter=True,
    max_retries=TENTATIVES_MAX,
)
def notification_envoyer(self, notification_id: int):
    """Send one recorded e-mail; a failing mail server is retried later (30 s, 1 min, 2 min… up to 1 h)."""
    try:
        return notifications.notification_expedier(notification_id)
    except notifications.EchecEnvoi:
        if self.request.retries >= TENTATIVES_MAX:
            notifications.notification_abandonner(notification_id)
        raise


@shared_task(name="programme.notifications_relancer")
def notifications_relancer():
    """Enqueue again the e-mails still waiting after ten minutes (a task lost by the broker, a worker stopped)."""
    ids = notifications.notifications_en_souffrance()
    for pk in ids:
        notification_envoyer.delay(pk)
    return len(ids)


@shared_task(name="programme.notifications_purger")
def notifications_purger():
    """Erase address, subject and body of the e-mails older than the configured retention period."""
    return notifications.notifications_purger()
