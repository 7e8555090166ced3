"""情報・PC社外持出し: the asset register, the application with its pledge, approval by a
承認者, the take-out and its return confirmed by someone else (DOMAIN.md §6).

Qt-free; the screens in ui/ build on these modules:

    fields      every field once (labels, choices, questions) and the stored constants
    rules       the workflow as a pure state machine; asset, schedule, return and overdue rules
    model       assets, applications with their assets, trips (take-out and return), events
    assets      the asset register: add, change, report lost, dispose
    service     applications: drafts and every transition (act), the take-out and the return
    queries     lists, overdue take-outs, the home page's items, the reminder, the compliance check
    flow        ApplicationFlow: the application wizard as data; finish() returns the values
    texts       the pledge and the reminder, read from resources/takeout/
    screens     the rows and details the pages show
    ledgers     rows of the 持出し管理台帳 and the asset register; values of the printed forms
    cli         `pcdesk takeout ...`
    demo        the demo company's assets and take-outs
"""
