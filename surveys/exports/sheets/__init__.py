"""The sheets of the results workbook, one module each."""
