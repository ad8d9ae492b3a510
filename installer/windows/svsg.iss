; Inno Setup 6 script: per-user Windows installer for the svsg one-folder bundle.
; NOT RUN HERE (no Windows build machine in this project): written against the Inno Setup 6 documentation
; (jrsoftware.org/ishelp) and built by installer/ci/release.yml on a hosted Windows runner:
;     iscc /DAppVersion=0.1.0 /DBundleDir=..\..\dist\svsg installer\windows\svsg.iss
; Output: dist\svsg-<version>-windows-x64-setup.exe
;
; Per-user: PrivilegesRequired=lowest -> no UAC prompt, {autopf} = %LOCALAPPDATA%\Programs, shortcuts in the
; user's Start menu, uninstaller registered under HKCU. Languages: English, 简体中文, 日本語.
; Licences: the LGPL texts of VLC (libVLC, LGPL-2.1+) and Qt (PySide6, LGPL-3) are shown and installed.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\svsg"
#endif
#define AppName "svsg"
#define AppExe "svsg-desktop.exe"

[Setup]
AppId={{6F1C2B7E-5A3D-4E8B-9C1F-2D7A4B6E8F10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=svsg contributors
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=svsg-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
LicenseFile=..\licenses\NOTICE.txt
ShowLanguageDialog=auto
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Simplified Chinese ships with recent Inno Setup releases; with an older compiler, place the community
; ChineseSimplified.isl next to this script (the release workflow checks that one of the two exists).
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"
#else
  #error ChineseSimplified.isl not found: put it in the compiler's Languages folder or next to svsg.iss
#endif
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[CustomMessages]
english.LaunchApp=Start svsg now
chinesesimplified.LaunchApp=立即启动 svsg
japanese.LaunchApp=svsg を起動する
english.CommandLine=svsg command line
chinesesimplified.CommandLine=svsg 命令行
japanese.CommandLine=svsg コマンドライン
english.Licences=Licences
chinesesimplified.Licences=许可证
japanese.Licences=ライセンス

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; the whole one-folder bundle: svsg-desktop.exe, svsg.exe and _internal\ (Qt, onnxruntime, libVLC + plugins,
; models, demo, translations)
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\licenses\*"; DestDir: "{app}\licenses"; Flags: ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:CommandLine}"; Filename: "{cmd}"; Parameters: "/k ""{app}\svsg.exe"" --help"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:Licences}"; Filename: "{app}\licenses"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; files the app may write inside its own folder (Python byte-code caches); user projects live elsewhere
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
