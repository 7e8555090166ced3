; Inno Setup script: packages dist\pcdesk (from installer\pcdesk.spec) into pcdesk-setup.exe.
; Per-user install (no administrator rights needed); data stays in %LOCALAPPDATA%\pcdesk
; and is never removed by the uninstaller — personal data is not lost.
#define AppVersion "0.1.0"

[Setup]
AppId={{6F0B8E52-8C1D-4C4B-9B7E-5D1A2C3E4F60}
AppName=pcdesk 個人情報保護デスク
AppVersion={#AppVersion}
AppPublisher=pcdesk
DefaultDirName={localappdata}\Programs\pcdesk
DefaultGroupName=pcdesk
PrivilegesRequired=lowest
OutputBaseFilename=pcdesk-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[Files]
Source: "..\dist\pcdesk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\pcdesk 個人情報保護デスク"; Filename: "{app}\pcdesk.exe"
Name: "{userdesktop}\pcdesk"; Filename: "{app}\pcdesk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "デスクトップにアイコンを作る"; Flags: unchecked

[Run]
Filename: "{app}\pcdesk.exe"; Description: "pcdesk を起動する"; Flags: nowait postinstall skipifsilent
