"""The contributions wall: short anonymous posts, upvotes and moderation."""
