"""The Telegram application: `xxgk serve`. Citizens ask questions; admins add and re-index reports.

`app.py` is the only wiring (settings, handlers, per-chat ordering, start and stop, waiting for the Bot
API); `handlers.py` holds the handlers (read the update, call one method of `service.Library`, render,
reply); `service.py` runs the index and answering on worker threads; `charting.py` draws answers' charts
(bot/charts.py) in a process of its own and remembers their Telegram file ids; `html.py` renders answers
and sources as Telegram HTML and splits long text at sentences; `views.py` renders the other screens;
`inline.py` the inline-mode results; `links.py` the deep links that re-ask a question; `flood.py` keeps
one chat's 429 back-off from delaying another chat; `commands.py` is the one command list behind /help
and the command menu; `memory.py` keeps what inline buttons refer to; `i18n.py` has the bot's own words in
Chinese and English.
"""
