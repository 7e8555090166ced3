"""プライバシーポリシー: the 個人情報保護方針 and the public notice 個人情報の取扱いについて
(DOMAIN.md §3; APPI art. 32 with Cabinet Order art. 10, art. 27(5)(iii) and 28; JIS Q 15001 5.2).

Qt-free; the screens in pcdesk.policy.ui build on these modules:

    fields        every answer the wizard asks (labels for messages and the audit trail)
    rules         completeness (missing_items), the notice against the inventory (inventory_gaps)
    templates     resources/policy/*.toml read and filled (the wording lives there, not in code)
    drafting      the first draft from the company profile, the ledger and its risk analysis
    document      the two documents as data, built from answers and templates; frozen when published
    compare       two versions side by side, clause by clause
    service       versions: draft, publish, read; home-page items and the compliance check
    flow          PolicyFlow: the wizard as data
    statement     利用目的の明示 for application and web forms
    pdf_document, web_page, plain_text   the outputs (PDF for posting, HTML for the website, text)
    ledgers       ledger ids "policy" and "notice" for `pcdesk export` (pdf, html, txt)
    demo          the demo company's published version 1 and draft version 2

The inventory is read through pcdesk.capabilities.HELD_RECORDS only.
"""
