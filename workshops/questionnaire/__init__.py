"""The questionnaire editor of a workshop."""
