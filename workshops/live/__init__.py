"""Running a session live: the facilitator's control panel and the projector."""
