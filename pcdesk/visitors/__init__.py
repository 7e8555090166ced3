"""外来者入退室記録簿: a reception kiosk that shows each visitor only their own entry (DOMAIN.md §5).

A shared paper sheet lets every visitor read earlier visitors' names; the kiosk takes one
visitor at a time, stamps the time, hands out a numbered pass and forgets the visitor as
soon as they are done. Qt-free; the screens in ``ui/`` build on these modules:

    model       the tables: passes, entries, corrections
    fields      one description per field (labels, limits, choices) and the feature's settings
    rules       pure decisions: cleaning names, the retention cut-off, what the kiosk may say
    reception   the kiosk's only door to the data: check in, check out by pass or own name
    passes      the company's numbered passes and which are out
    service     administration: the list and its filters, corrections, closing by hand, home items
    retention   entries past the retention period: listed, then purged as one audited event
    flow        the kiosk's check-in as data (notice → visitor → visit → confirm)
    ledgers     rows of the printed 外来者入退室記録簿 (forms/visitor_log.toml)
    demo        the demo company's passes and visitors; `pcdesk demo --visitors N`
"""
