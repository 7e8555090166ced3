"""情報・PC社外持出し: the asset register, the application with its pledge, approval by a
承認者, the take-out and its return confirmed by someone else (DOMAIN.md §6).

Qt-free; the screens in ui/ build on these modules:

    fields      every field once (labels, choices, questions) and the stored constants
    rules       the workflow as a pure state machine; asset, schedule, return and overdue rules
    model       assets, applications with their assets, trips (take-out and return), events
    assets      the asset register: add, change, mark lost or disposed
    service     applications: drafts, every transition, lists, overdue, home page, compliance
    flow        ApplicationFlow: the application wizard as data; finish() returns the values
    reminders   the reminder for an overdue take-out (resources/takeout/reminder.txt)
    ledgers     rows of the 持出し管理台帳 and the asset list; values of the printed forms
    cli         `pcdesk takeout ...`
    demo        the demo company's assets and take-outs
"""
