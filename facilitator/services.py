"""Writes on facilitator accounts (add and flush; the caller commits)."""

import logging

from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import Facilitator

logger = logging.getLogger(__name__)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_facilitator(email: str) -> Facilitator | None:
    """The facilitator with this e-mail address, if any."""
    return db.session.execute(
        select(Facilitator).where(Facilitator.email == normalise_email(email))
    ).scalar_one_or_none()


def create_facilitator(
    email: str, password: str, display_name: str = ""
) -> Facilitator:
    """Create a facilitator account with a hashed password."""
    facilitator = Facilitator(email=normalise_email(email), display_name=display_name)
    facilitator.set_password(password)
    db.session.add(facilitator)
    db.session.flush()
    logger.info("facilitator account %s created", facilitator.id)
    return facilitator
