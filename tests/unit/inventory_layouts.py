"""Ledgers laid out the way Japanese companies keep them, built for the import tests."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

# A consultant's 11-column 個人情報管理台帳 (no 媒体, 保管方法, アクセス権者 … columns).
CONSULTANT_HEADING = ["No.", "部署", "個人情報の名称", "個人情報の項目", "件数", "利用目的", "入手方法", "保管場所",
                      "保管期間", "委託先", "廃棄方法"]
CONSULTANT_ROWS = [
    [1, "営業部", "顧客名簿", "氏名、住所、電話番号", "約1,200件", "商品の発送のため", "申込書", "営業部キャビネット", "5年",
     "なし", "シュレッダー"],
    [2, "人事部", "健康診断結果", "氏名、健康診断の結果", 85, "従業者の健康管理のため", "本人から提出", "人事部書庫（施錠）",
     "5年", "○○健診センター", "溶解処理（業者委託）"],
    [3, "総務部", "源泉徴収票", "氏名、住所、マイナンバー（個人番号）", 60, "税務手続のため", "本人から書面で", "総務部金庫",
     "7年", "-", "シュレッダー"],
    [4, "営業部", "お客様からの預かりデータ", "氏名、住所", "5,000", "委託元の指示による発送", "委託元から受領", "社内サーバー",
     "契約終了まで", "-", "データ消去ソフト"],
    [5, "経理部", "請求書控え", "氏名、会社名", "たくさん", "請求のため", "本人から書面で", "経理部書庫", "7年", "なし",
     "シュレッダー"],
]


def consultant(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "個人情報管理台帳"
    ws.append(["個人情報管理台帳"])
    ws.append(["作成日: 2025年4月1日", None, None, None, None, None, None, None, "株式会社テスト"])
    ws.append([])
    ws.append(CONSULTANT_HEADING)
    for r in CONSULTANT_ROWS:
        ws.append(r)
    ws.merge_cells("A1:K1")
    wb.save(path)
    return path


def consultant_csv(path, encoding="cp932"):
    lines = [",".join(CONSULTANT_HEADING)]
    for r in CONSULTANT_ROWS:
        lines.append(",".join(f'"{c}"' if isinstance(c, str) and "," in c else str(c) for c in r))
    path.write_bytes(("個人情報管理台帳\r\n\r\n" + "\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def grouped(path):
    """A two-row grouped heading (取得・保管・委託・提供 over their sub-columns), a 記入例 row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "台帳"
    ws.append(["管理番号", "管理部門", "個人情報の名称", "本人の区分", "件数", "取得", None, "保管", None, None, "委託", None,
               "提供", None, "管理責任者"])
    ws.append([None, None, None, None, None, "方法", "利用目的", "媒体", "保管場所", "保管期限", "有無", "委託先", "有無",
               "提供先", None])
    ws.append(["記入例", "○○部", "顧客名簿", "顧客", "100", "本人から書面で直接", "発送のため", "紙", "書庫", "5年", "なし", "",
               "なし", "", "部長"])
    ws.append(["G-1", "営業部", "会員名簿", "顧客", 800, "Webフォーム", "会員サービスの提供", "データ", "クラウドサーバー",
               "退会後3年", "有", "株式会社みどり配送", "○", "提携保険会社", "営業部長"])
    ws.append(["G-2", "人事部", "応募者の履歴書", "応募者", 40, "本人から書面で直接", "採用選考", "書類", "人事部書庫",
               "選考後1年", "なし", "-", "なし", "", "人事部長"])
    for cells in ("A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2", "F1:G1", "H1:J1", "K1:L1", "M1:N1", "O1:O2"):
        ws.merge_cells(cells)
    wb.save(path)
    return path


def ipa(path):
    """IPA's 情報資産管理台帳 (中小企業の情報セキュリティ対策ガイドライン 付録7): 個人情報・要配慮・特定
    as sub-columns of 「個人情報の種類」, 評価値 sub-columns that are not ledger fields."""
    wb = Workbook()
    ws = wb.active
    ws.title = "情報資産管理台帳"
    ws.append(["情報資産管理台帳"])
    ws.append(["業務分類", "情報資産名称", "備考", "利用者範囲", "管理部署", "媒体・保存先", "個人情報の種類", None, None,
               "評価値", None, None, "重要度", "保存期限", "登録日"])
    ws.append([None, None, None, None, None, None, "個人情報", "要配慮個人情報", "特定個人情報", "機密性", "完全性", "可用性"])
    ws.append(["人事", "従業員名簿", "", "人事担当者", "総務部", "事務所PC", "有", None, None, 2, 2, 2, 2, "雇用終了後5年",
               dt.datetime(2024, 4, 1)])
    ws.append(["人事", "ストレスチェック集計", "", "人事担当者", "総務部", "書類", "有", "有", None, 3, 2, 1, 3, "5年",
               "令和6年4月1日"])
    ws.append(["経理", "給与所得の源泉徴収票", "", "経理担当者", "総務部", "書類・事務所PC", "有", None, "有", 3, 2, 2, 3,
               "7年", "R6.4.1"])
    ws.append(["営業", "見積書控え", "取引先企業宛", "営業部員", "営業部", "社外サーバー", None, None, None, 1, 1, 1, 1, "5年",
               "2024/4/1"])
    for cells in ("A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:F3", "G2:I2", "J2:L2", "M2:M3", "N2:N3", "O2:O3",
                  "A1:O1"):
        ws.merge_cells(cells)
    wb.save(path)
    return path


TOOL_HEADING = ["管理No", "部門", "分類", "個人情報名", "データ主体", "個人情報の内容", "件数", "取得分類", "利用目的",
                "記録媒体", "保存場所", "アクセス可能者", "保存期間", "廃棄方法", "委託", "委託先", "提供", "提供先", "開示対象",
                "機微", "責任者"]


def tool(path):
    """Another Privacy Mark tool's 21-column export; its 管理No restart at 1 per department."""
    wb = Workbook()
    ws = wb.active
    ws.title = "export"
    ws.append(TOOL_HEADING)
    ws.append([1, "営業部", "顧客情報", "問い合わせ記録", "顧客", "氏名、メールアドレス、問い合わせ内容", "300", "Webフォーム",
               "問い合わせへの回答", "電子", "顧客管理システム", "営業部員", "3年", "データ消去ソフト", "-", "", "-", "",
               "○", "", "営業部長"])
    ws.append([2, "営業部", "顧客情報", "受託した会員データ", "委託元の顧客", "氏名、住所", "12000", "受託", "委託元の指示による発送",
               "USB", "金庫", "担当者のみ", "契約終了まで", "委託元へ返却", "×", "", "×", "", "-", "", "営業部長"])
    ws.append([3, "人事部", "採用情報", "面接記録", "応募者", "氏名、面接評価、病歴", "25", "直接書面", "採用選考", "紙媒体",
               "人事部書庫", "人事部員", "1年", "シュレッダー", "○", "面接代行株式会社", "○", "グループ会社", "○", "○",
               "人事部長"])
    wb.save(path)
    return path
