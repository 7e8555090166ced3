<#
.SYNOPSIS
  pcdesk の Windows 用セットアップ（dist\pcdesk-setup-<版>.exe）を作る。

.DESCRIPTION
  1. .venv-build に pcdesk と PyInstaller を入れる（[build,postgres]）
  2. PyInstaller で installer\pcdesk.spec から dist\pcdesk\ を作る（pcdesk.exe と pcdesk-cli.exe）
  3. できたプログラムを試す: 版・デモ会社・台帳の一覧・検査・画面が最初のウィンドウまで開くこと
  4. Inno Setup 6 の ISCC.exe で installer\pcdesk.iss から dist\pcdesk-setup-<版>.exe を作る
  手順の説明は installer\README.md。

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File installer\build.ps1
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File installer\build.ps1 -Python "py -3.12" -SkipSetup
#>
param(
  [string]$Python = "py -3.11",  # the Python that builds (64-bit, 3.11 or later)
  [string]$Iscc = "",            # ISCC.exe; found in the usual places when empty
  [switch]$SkipSetup             # stop after the bundle (no Inno Setup needed)
)

$ErrorActionPreference = "Stop"
[Console]::OutputEncoding = [Text.Encoding]::UTF8  # pcdesk-cli writes UTF-8
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Invoke-Checked([string]$What, [scriptblock]$Command) {
  Write-Host "== $What"
  & $Command
  if ($LASTEXITCODE -ne 0) { throw "$What に失敗しました（終了コード $LASTEXITCODE）" }
}

# 1. build environment
$Venv = Join-Path $Root ".venv-build"
$Py = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $Py)) {
  $exe, $rest = $Python -split " ", 2
  Invoke-Checked "Python の仮想環境を作る ($Python)" { & $exe $rest -m venv $Venv }
}
Invoke-Checked "pcdesk と PyInstaller を入れる" {
  & $Py -m pip install -q --disable-pip-version-check -e ".[build,postgres]"
}
$Version = (& $Py -c "import pcdesk; print(pcdesk.__version__)").Trim()
Write-Host "pcdesk $Version"

# 2. one-folder bundle
if (-not (Test-Path "installer\pcdesk.ico")) {
  Invoke-Checked "アイコンを作る" { & $Py installer\make_icon.py }
}
$Started = Get-Date
Invoke-Checked "PyInstaller で dist\pcdesk を作る" {
  & $Py -m PyInstaller --noconfirm --clean --log-level WARN --workpath build\pyinstaller --distpath dist installer\pcdesk.spec
}
Write-Host ("   {0:N0} 秒" -f ((Get-Date) - $Started).TotalSeconds)
$Gui = Join-Path $Root "dist\pcdesk\pcdesk.exe"
$Cli = Join-Path $Root "dist\pcdesk\pcdesk-cli.exe"

# 3. try the frozen program in a scratch data folder (never the real %LOCALAPPDATA%\pcdesk)
$Scratch = Join-Path ([IO.Path]::GetTempPath()) ("pcdesk-build-check-" + [Guid]::NewGuid().ToString("N").Substring(0, 8))
New-Item -ItemType Directory -Path $Scratch | Out-Null
$env:PCDESK_DATA_DIR = Join-Path $Scratch "data"
$Db = Join-Path $Scratch "demo.sqlite3"
try {
  $shown = (& $Cli --version | Out-String).Trim()
  if ($shown -ne "pcdesk $Version") { throw "pcdesk-cli --version: '$shown'（期待: pcdesk $Version）" }
  Invoke-Checked "デモ会社" { & $Cli demo --db $Db }
  Invoke-Checked "台帳の一覧" { & $Cli export --list --db $Db }
  Invoke-Checked "台帳を1つ PDF に" { & $Cli export audit_log --format pdf --out (Join-Path $Scratch "audit.pdf") --db $Db }
  Invoke-Checked "検査" { & $Cli check --db $Db }
  Write-Host "== 画面（ログインのウィンドウが開いて自動で閉じること）"
  $Report = Join-Path $Scratch "first-window.json"
  $env:PCDESK_FIRST_WINDOW = $Report
  $proc = Start-Process -FilePath $Gui -ArgumentList @("--db", "`"$Db`"") -PassThru
  if (-not $proc.WaitForExit(120000)) { $proc.Kill(); throw "画面が2分たっても閉じませんでした" }
  if (-not (Test-Path $Report)) { throw "画面が開きませんでした（終了コード $($proc.ExitCode)、ログ: $env:PCDESK_DATA_DIR\logs\pcdesk.log）" }
  $window = Get-Content $Report -Raw -Encoding UTF8 | ConvertFrom-Json
  if ($window.class -ne "LoginDialog") { throw "最初のウィンドウがログインではありません: $($window.class) $($window.title)" }
  if (-not $window.qt_japanese) { throw "Qt の日本語訳（qtbase_ja.qm）がバンドルにありません" }
  Write-Host "   $($window.title)"
} finally {
  Remove-Item Env:PCDESK_FIRST_WINDOW -ErrorAction SilentlyContinue
  Remove-Item Env:PCDESK_DATA_DIR -ErrorAction SilentlyContinue
  Remove-Item -Recurse -Force $Scratch -ErrorAction SilentlyContinue
}
if ($SkipSetup) { Write-Host "dist\pcdesk\ ができました（セットアップは作っていません）"; exit 0 }

# 4. setup program
if (-not $Iscc) {
  $candidates = @(
    (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
    (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe"),
    (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe")
  )
  $Iscc = $candidates | Where-Object { Test-Path $_ } | Select-Object -First 1
  if (-not $Iscc) { $Iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source }
  if (-not $Iscc) { throw "Inno Setup 6 の ISCC.exe が見つかりません。https://jrsoftware.org/isdl.php から入れるか -Iscc で場所を指定してください。" }
}
Invoke-Checked "Inno Setup でセットアップを作る" { & $Iscc /Q "/DAppVersion=$Version" installer\pcdesk.iss }
$Setup = Join-Path $Root "dist\pcdesk-setup-$Version.exe"
if (-not (Test-Path $Setup)) { throw "$Setup ができていません" }
$hash = (Get-FileHash $Setup -Algorithm SHA256).Hash
Write-Host "できました: $Setup"
Write-Host "SHA-256: $hash"
