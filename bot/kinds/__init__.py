"""One module per kind of answer, each reading the index and handing the wording to bot/compose:
a fact, a computed figure, a comparison, a list, a quote from the text."""
