; Inno Setup 6 script: the Windows installer around the one-folder bundle from build.spec.
;
;   pyinstaller --noconfirm --clean build.spec          (makes dist\QualityReport\)
;   ISCC.exe /DAppVersion=0.1.0 /DFileVersion=0.1.0.0 packaging\installer.iss
;
; ISCC.exe of Inno Setup 6.4.1, the one version the project pins: tools/fetch_innosetup.py prints
; its path. Output: dist\installer\QualityReport-<AppVersion>-setup.exe. Steps: docs/packaging.md.
; Every CI run compiles it (a warning fails), installs and uninstalls it under Wine:
; tools/check_installer.sh.
;
; - Per-user install without administrator rights by default (%LOCALAPPDATA%\Programs); an
;   administrator may choose "all users" in the first dialog (Program Files).
; - An upgrade installs over the previous version in place (same AppId) and never touches the
;   user's data: the stores live in %LOCALAPPDATA%\QualityReport, outside the program folder.
; - The uninstaller keeps that data unless the user answers Yes to the question it asks.
; - Languages: Simplified Chinese (our own ChineseSimplified.isl, layered over the compiler's
;   Default.isl: Inno Setup has no official Chinese file) and English.
; Saved as UTF-8 with a byte-order mark: Inno Setup needs it to read the Chinese text.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef FileVersion
  #define FileVersion "0.0.0.0"
#endif
#define AppName "质量工作任务填报与汇总"
#define AppFolder "QualityReport"
#define AppExe "QualityReport.exe"
#define CliExe "qualityreport-cli.exe"
#define Bundle "..\dist\QualityReport"

#if !FileExists(AddBackslash(SourcePath) + Bundle + "\" + AppExe)
  #error dist\QualityReport\QualityReport.exe not found: run "pyinstaller --noconfirm --clean build.spec" first
#endif
#if !FileExists(AddBackslash(SourcePath) + Bundle + "\" + CliExe)
  #error dist\QualityReport\qualityreport-cli.exe not found: build the bundle on Windows
#endif

[Setup]
; Windows knows the product by this id (upgrade in place, one uninstall entry): never change it.
AppId={{8C22F0C0-656E-4585-AEF1-35A67990C27C}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=QualityReport
VersionInfoVersion={#FileVersion}
VersionInfoProductName={#AppName}
VersionInfoProductTextVersion={#AppVersion}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppFolder}
UsePreviousAppDir=yes
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist\installer
OutputBaseFilename=QualityReport-{#AppVersion}-setup
SetupIconFile=..\resources\icons\app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; A running copy holds its files open: offer to close it before an upgrade replaces them.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto
LanguageDetectionMethod=uilanguage

[Languages]
; The first entry is also the fallback for any other Windows language.
Name: "chinesesimplified"; MessagesFile: "compiler:Default.isl,ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.RemoveDataQuestion=是否同时删除本机的数据？%n%n%1%n%n其中有已填报的内容、签名密钥和备份。选择“否”将保留这些数据，以后重新安装本程序时可以继续使用。
english.RemoveDataQuestion=Also delete this computer's data?%n%n%1%n%nIt holds the entered reports, the signing key and the backups. Choose No to keep it: a later installation of this program will find it again.
chinesesimplified.RemoveDataFailed=有些数据未能删除，请手动删除文件夹：%n%n%1
english.RemoveDataFailed=Some data could not be deleted. Please delete this folder by hand:%n%n%1

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the whole bundle: libraries a newer build no longer ships must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Code]
const
  { platformdirs.user_data_dir("QualityReport", appauthor=False, roaming=False), app/config.py }
  DataFolder = 'QualityReport';
  { QSettings of the window (language, window geometry): organisation and application name }
  SettingsKey = 'Software\QualityReport';

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  DataDir := ExpandConstant('{localappdata}\' + DataFolder);
  { Only an explicit Yes deletes data; a silent uninstall keeps it. An upgrade never runs the
    uninstaller, so it keeps the data too. }
  if (not DirExists(DataDir)) or UninstallSilent then
    exit;
  if SuppressibleMsgBox(FmtMessage(CustomMessage('RemoveDataQuestion'), [DataDir]),
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES then
  begin
    if not DelTree(DataDir, True, True, True) then
      SuppressibleMsgBox(FmtMessage(CustomMessage('RemoveDataFailed'), [DataDir]),
        mbError, MB_OK, IDOK);
    RegDeleteKeyIncludingSubkeys(HKCU, SettingsKey);
  end;
end;
