"""個人情報の棚卸し: the survey, the 個人情報管理台帳 and its リスク分析 (DOMAIN.md §1–2).

Qt-free; the screens in pcdesk.inventory.ui build on these modules:

    fields          FIELDS: every field of an entry described once (labels, questions, choices, synonyms)
    choices         every choice list the screens show (本人の区分, 項目 with 要配慮 marks, …)
    rules           pure decisions on an entry's values: which fields apply, what is missing (要確認), problems
    classification  classify(answers) -> Classification (個人情報 / 個人データ / 保有個人データ + flags, reasons)
    roles           who may read, edit, retire and import
    flow            SurveyFlow: the survey wizard as data (steps, skips, validation); finish() returns what to save
    service         ledger entries: create/update with revisions, filters, review, retire, drafts, saving a survey
    risk            scoring, suggestions from the answers, risk-matrix data (pure)
    catalogue       built-in risk and measure catalogues
    analysis        risk rows, acceptance by the 管理者, editable catalogues
    importer        an existing 台帳 (Excel/CSV) through pcdesk.tabular: mapping plan, preview, commit
    import_cells    how its cells read (marks, 媒体 words, counts) and what they mean in law (受託, 開示対象)
    screens         table rows and checklists the screens show
    ledgers         rows for the 個人情報調査表, 個人情報管理台帳 and リスク分析表 exports
    demo            the demo company's inventory
"""
