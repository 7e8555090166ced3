"""pcdesk — 個人情報保護・プライバシーマーク運用デスク."""

__version__ = "0.1.0"
APP_NAME = "pcdesk"
APP_TITLE = "pcdesk 個人情報保護デスク"
