"""個人情報の棚卸し: the survey, the 個人情報管理台帳 and its リスク分析 (DOMAIN.md §1–2).

Qt-free; the screens in pcdesk.ui build on these modules:

    choices         every choice list the screens show (本人の区分, 項目 with 要配慮 marks, …)
    classification  classify(answers) -> Classification (個人情報 / 個人データ / 保有個人データ + flags, reasons)
    flow            SurveyFlow: the survey wizard as data (steps, skips, validation, finish)
    service         ledger entries: create/update with revisions, filters, review, retire, drafts
    risk            scoring, suggestions from the answers, risk-matrix data (pure)
    catalogue       built-in risk and measure catalogues
    analysis        risk rows, acceptance by the 管理者, editable catalogues
    importer        an existing Excel 台帳: header detection, column mapping, preview, commit
    ledgers         rows for the 個人情報調査表, 個人情報管理台帳 and リスク分析表 exports
    demo            the demo company's inventory
"""
