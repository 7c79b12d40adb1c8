"""The Telegram application: `xxgk serve`. Citizens ask questions; admins add and re-index reports.

`app.py` is the only wiring, `handlers.py` holds the handlers (read the update, call one function of
`service.py`, render with `html.py`, reply), `commands.py` the one command list behind /help and the
command menu, `i18n.py` the bot's own words in Chinese and English.
"""
