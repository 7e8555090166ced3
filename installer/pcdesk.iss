; Inno Setup 6.3+ script: packages the one-folder bundle dist\pcdesk (installer\pcdesk.spec)
; into dist\pcdesk-setup-<version>.exe. Build with installer\build.ps1 (see installer\README.md).
;
; - Per-user install into %LOCALAPPDATA%\Programs\pcdesk: no administrator rights needed.
; - Start-menu shortcut, optional desktop shortcut, the whole setup in Japanese.
; - The data (%LOCALAPPDATA%\pcdesk: database, backups, logs, overriding forms) is not part of
;   the installation: an upgrade leaves it alone (the new version backs the database up and
;   migrates it at its first start), and the uninstaller removes it only when the person
;   ticks the box — personal information is never deleted by surprise.
;
; The version is pcdesk.__version__: build.ps1 passes it as /DAppVersion=...; without it the
; version resource of the built pcdesk.exe (installer\contents.py) is read.

#define BundleDir AddBackslash(SourcePath) + "..\dist\pcdesk"
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(BundleDir + "\pcdesk.exe", "ProductVersion")
#endif
#define AppTitle "pcdesk 個人情報保護デスク"

[Setup]
; The same AppId in every version: a new setup upgrades the installed one in place.
AppId={{6F0B8E52-8C1D-4C4B-9B7E-5D1A2C3E4F60}
AppName={#AppTitle}
AppVersion={#AppVersion}
AppVerName={#AppTitle} {#AppVersion}
AppPublisher=pcdesk
PrivilegesRequired=lowest
; = {autopf} for a per-user install, written out: the same folder on every Windows version.
DefaultDirName={localappdata}\Programs\pcdesk
DefaultGroupName=pcdesk
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
OutputDir=..\dist
OutputBaseFilename=pcdesk-setup-{#AppVersion}
SetupIconFile=pcdesk.ico
UninstallDisplayIcon={app}\pcdesk.exe
UninstallDisplayName={#AppTitle}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; A running pcdesk is closed (and started again) by the Restart Manager before files are replaced.
CloseApplications=yes
RestartApplications=no
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[CustomMessages]
japanese.DesktopIcon=デスクトップにショートカットを作る
japanese.LaunchAfter=pcdesk を起動する
japanese.RemoveDataTitle=pcdesk のデータ
japanese.RemoveDataText=pcdesk のプログラムを削除しました。%n%nデータ（データベース・自動バックアップ・ログ）は次のフォルダに残してあります:%n%1%n%n残しておけば、もう一度インストールしたときにそのまま使えます。
japanese.RemoveDataBox=データのフォルダも削除する（元に戻せません。個人情報を含みます）
japanese.RemoveDataConfirm=データのフォルダを削除します。バックアップも含めて元に戻せません。よろしいですか？%n%n%1

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the previous version's program files completely, so that no file the new
; version dropped (an old migration script above all) is left behind to confuse it. The data
; folder is elsewhere and untouched.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\{#AppTitle}"; Filename: "{app}\pcdesk.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppTitle}"; Filename: "{app}\pcdesk.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\pcdesk.exe"; Description: "{cm:LaunchAfter}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Code]
function DataDir(): String;
begin
  { pcdesk.store.paths.data_dir(): %LOCALAPPDATA%\pcdesk (platformdirs, appauthor=False) }
  Result := ExpandConstant('{localappdata}\pcdesk');
end;

{ Asked after the program is gone: a small window with one box, unticked, so that keeping the
  data is what happens unless the person decides otherwise. Silent uninstalls keep it. }
function RemoveDataWanted(): Boolean;
var
  Form: TSetupForm;
  Text: TNewStaticText;
  Box: TNewCheckBox;
  OkButton: TNewButton;
begin
  Result := False;
#if VER >= EncodeVer(6, 6, 0)
  Form := CreateCustomForm(ScaleX(460), ScaleY(210), True, True);
#else
  Form := CreateCustomForm();
  Form.ClientWidth := ScaleX(460);
  Form.ClientHeight := ScaleY(210);
#endif
  try
    Form.Caption := CustomMessage('RemoveDataTitle');
    Text := TNewStaticText.Create(Form);
    Text.Parent := Form;
    Text.Left := ScaleX(16);
    Text.Top := ScaleY(16);
    Text.Width := Form.ClientWidth - ScaleX(32);
    Text.AutoSize := False;
    Text.WordWrap := True;
    Text.Height := ScaleY(100);
    Text.Caption := FmtMessage(CustomMessage('RemoveDataText'), [DataDir()]);
    Box := TNewCheckBox.Create(Form);
    Box.Parent := Form;
    Box.Left := ScaleX(16);
    Box.Top := Text.Top + Text.Height + ScaleY(8);
    Box.Width := Form.ClientWidth - ScaleX(32);
    Box.Height := ScaleY(20);
    Box.Caption := CustomMessage('RemoveDataBox');
    Box.Checked := False;
    OkButton := TNewButton.Create(Form);
    OkButton.Parent := Form;
    OkButton.Caption := SetupMessage(msgButtonOK);
    OkButton.Width := ScaleX(88);
    OkButton.Height := ScaleY(26);
    OkButton.Left := Form.ClientWidth - OkButton.Width - ScaleX(16);
    OkButton.Top := Form.ClientHeight - OkButton.Height - ScaleY(12);
    OkButton.ModalResult := mrOk;
    OkButton.Default := True;
    Form.ActiveControl := OkButton;
    if Form.ShowModal() = mrOk then
      Result := Box.Checked;
  finally
    Form.Free();
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and (not UninstallSilent()) and DirExists(DataDir()) then
  begin
    if RemoveDataWanted() and
       (MsgBox(FmtMessage(CustomMessage('RemoveDataConfirm'), [DataDir()]), mbConfirmation,
               MB_YESNO or MB_DEFBUTTON2) = IDYES) then
    begin
      DelTree(DataDir(), True, True, True);
      { the window sizes and last folders pcdesk remembers (QSettings: HKCU\Software\pcdesk) }
      RegDeleteKeyIncludingSubkeys(HKEY_CURRENT_USER, 'Software\pcdesk');
    end;
  end;
end;
