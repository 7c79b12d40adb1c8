"""The Telegram application: `xxgk serve`. Citizens ask questions; admins add and re-index reports.

`app.py` is the only wiring (settings, handlers, rate limiter, per-chat ordering, start and stop);
`handlers.py` holds the handlers (read the update, call one method of `service.Library`, render, reply);
`service.py` runs the index and answering on worker threads; `html.py` renders answers and sources as
Telegram HTML and splits long text; `views.py` renders the other screens; `commands.py` is the one command
list behind /help and the command menu; `memory.py` keeps what inline buttons refer to; `i18n.py` has the
bot's own words in Chinese and English.
"""
