"""Questionnaires, question types, responses, aggregation and exports.

This package knows nothing of workshops: a response carries *dimensions*
(territory, actor group, session, wave...) and results are broken down by them.
"""
