"""The participant flow: join by code or QR, answer anonymously, thank-you."""
