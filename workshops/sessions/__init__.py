"""Sessions (séances): join codes, QR codes, posters, open and close."""
