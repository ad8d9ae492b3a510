<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name></name>
    <message>
        <source>Open &amp;video…</source>
        <translation>動画を開く(&amp;V)…</translation>
    </message>
    <message>
        <source>Open &amp;subtitles for this video…</source>
        <translation>この動画の字幕を開く(&amp;S)…</translation>
    </message>
    <message>
        <source>Open &amp;project CSV…</source>
        <translation>プロジェクト CSV を開く(&amp;P)…</translation>
    </message>
    <message>
        <source>Open &amp;folder (season)…</source>
        <translation>フォルダーを開く（シーズン）(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Add this episode to a season…</source>
        <translation>このエピソードをシーズンに追加(&amp;A)…</translation>
    </message>
    <message>
        <source>Open the &amp;demo episode</source>
        <translation>デモエピソードを開く(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直す(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Filter lines</source>
        <translation>台詞を絞り込む(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New group from selection</source>
        <translation>選択から新しいグループ(&amp;N)</translation>
    </message>
    <message>
        <source>Re&amp;name group</source>
        <translation>グループ名を変更(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Merge selected groups</source>
        <translation>選択したグループを統合(&amp;M)</translation>
    </message>
    <message>
        <source>Set this line&apos;s &amp;speaker (A/B: several)…</source>
        <translation>この台詞の話者を設定(&amp;S)（A/B：複数）…</translation>
    </message>
    <message>
        <source>&amp;List only this group&apos;s lines</source>
        <translation>このグループの台詞だけを表示(&amp;L)</translation>
    </message>
    <message>
        <source>Mark as non-&amp;dialogue</source>
        <translation>台詞ではないとマーク(&amp;D)</translation>
    </message>
    <message>
        <source>Mark as &amp;unknown speaker</source>
        <translation>話者不明とマーク(&amp;U)</translation>
    </message>
    <message>
        <source>Mark as &amp;several speakers</source>
        <translation>複数話者とマーク(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Clear marks</source>
        <translation>マークを消去(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Play / pause</source>
        <translation>再生 / 一時停止(&amp;P)</translation>
    </message>
    <message>
        <source>Play current &amp;line</source>
        <translation>現在の台詞を再生(&amp;L)</translation>
    </message>
    <message>
        <source>Previous line</source>
        <translation>前の台詞</translation>
    </message>
    <message>
        <source>Next line</source>
        <translation>次の台詞</translation>
    </message>
    <message>
        <source>&amp;Group speakers (keeps your corrections)</source>
        <translation>話者をグループ化（修正は保持）(&amp;G)</translation>
    </message>
    <message>
        <source>Next line to &amp;check</source>
        <translation>次に確認する台詞(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>キーボードショートカット(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About svsg</source>
        <translation>svsg について(&amp;A)</translation>
    </message>
    <message>
        <source>C&amp;lip dataset (one WAV per line + CSV)…</source>
        <translation>クリップデータセット（台詞ごとの WAV + CSV）(&amp;L)…</translation>
    </message>
    <message>
        <source>Play the line&apos;s &amp;audio only</source>
        <translation>この行の音声だけを再生(&amp;A)</translation>
    </message>
    <message>
        <source>Play a &amp;sample of this group</source>
        <translation>このグループのサンプルを再生(&amp;S)</translation>
    </message>
    <message>
        <source>Spectrogram in the audio strip</source>
        <translation>音声ストリップにスペクトログラムを表示</translation>
    </message>
    <message>
        <source>Groups that may be the &amp;same person</source>
        <translation>同一人物かもしれないグループ(&amp;S)</translation>
    </message>
    <message>
        <source>Assign to group %1</source>
        <translation>グループ %1 に割り当て</translation>
    </message>
    <message>
        <source>Drag lines onto a group</source>
        <extracomment>Keys the line list handles itself (listed in help; not window-wide, so the tree and editors keep them).</extracomment>
        <translation>台詞をグループへドラッグ</translation>
    </message>
    <message>
        <source>Move the lines to that group</source>
        <translation>台詞をそのグループへ移動</translation>
    </message>
    <message>
        <source>Drag a group onto a group</source>
        <translation>グループを別のグループへドラッグ</translation>
    </message>
    <message>
        <source>Merge the two groups</source>
        <translation>2 つのグループを統合</translation>
    </message>
    <message>
        <source>Drag lines onto empty space</source>
        <translation>台詞を空き領域へドラッグ</translation>
    </message>
    <message>
        <source>New group from those lines</source>
        <translation>その台詞で新しいグループ</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Group</source>
        <extracomment>A group lists at most this many lines in the panel (its count shows them all; Ctrl+L lists every line of the group in the line list). QTreeView re-lays-out every listed row after each edit, so an unbounded 3,000-line group would make every drag cost 3,000 Python callbacks.</extracomment>
        <translation>グループ</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>台詞数</translation>
    </message>
    <message>
        <source>Not grouped</source>
        <translation>未分類</translation>
    </message>
    <message>
        <source>lines</source>
        <translation>件の台詞</translation>
    </message>
    <message>
        <source>The first %1 are listed here; Ctrl+L lists them all in the line list.</source>
        <translation>ここには最初の %1 件だけを表示します。Ctrl+L で台詞一覧にすべて表示します。</translation>
    </message>
    <message>
        <source>Open video</source>
        <translation>動画を開く</translation>
    </message>
    <message>
        <source>Videos (%1)</source>
        <translation>動画 (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Subtitles for this video</source>
        <translation>この動画の字幕</translation>
    </message>
    <message>
        <source>Subtitles (*.ass *.ssa *.srt *.vtt *.csv)</source>
        <translation>字幕 (*.ass *.ssa *.srt *.vtt *.csv)</translation>
    </message>
    <message>
        <source>Open project CSV</source>
        <translation>プロジェクト CSV を開く</translation>
    </message>
    <message>
        <source>Project or labeled CSV (*.csv)</source>
        <translation>プロジェクトまたはラベル付き CSV (*.csv)</translation>
    </message>
    <message>
        <source>Open a season folder</source>
        <translation>シーズンのフォルダーを開く</translation>
    </message>
    <message>
        <source>Episodes</source>
        <translation>エピソード</translation>
    </message>
    <message>
        <source>project</source>
        <translation>プロジェクト</translation>
    </message>
    <message>
        <source>subtitles</source>
        <translation>字幕</translation>
    </message>
    <message>
        <source>no subtitles</source>
        <translation>字幕なし</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>ファイルなし</translation>
    </message>
    <message>
        <source>Nothing to export: open a video or a project first.</source>
        <translation>書き出すものがありません。先に動画かプロジェクトを開いてください。</translation>
    </message>
    <message>
        <source>Folder for the clip dataset</source>
        <translation>クリップデータセットのフォルダー</translation>
    </message>
    <message>
        <source>Exporting clips</source>
        <translation>クリップを書き出し中</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>書き出し</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>書き出しに失敗しました</translation>
    </message>
    <message>
        <source>Exported %1 lines to %2</source>
        <translation>%1 件の台詞を %2 に書き出しました</translation>
    </message>
    <message>
        <source>non-dialogue</source>
        <translation>台詞以外</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>several speakers</source>
        <translation>複数話者</translation>
    </message>
    <message>
        <source>Time</source>
        <extracomment>What the line list can show: every line, lines nobody checked yet, checked lines, dialogue lines without a speaker name, lines below the review threshold.</extracomment>
        <translation>時間</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>台詞</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>話者</translation>
    </message>
    <message>
        <source>Conf.</source>
        <translation>信頼度</translation>
    </message>
    <message>
        <source>checked by a human</source>
        <translation>人が確認済み</translation>
    </message>
    <message>
        <source>Filter lines (text, speaker, group) — Ctrl+F</source>
        <translation>台詞を絞り込む（本文・話者・グループ）— Ctrl+F</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>グループ</translation>
    </message>
    <message>
        <source>Review queue</source>
        <translation>確認キュー</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>シーズン</translation>
    </message>
    <message>
        <source>Could not save the project</source>
        <translation>プロジェクトを保存できません</translation>
    </message>
    <message>
        <source>The job failed</source>
        <translation>処理に失敗しました</translation>
    </message>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation>キャンセルしました。何も変更していません。</translation>
    </message>
    <message>
        <source>no project</source>
        <translation>プロジェクトなし</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>音声</translation>
    </message>
    <message>
        <source>Same person?</source>
        <translation>同一人物？</translation>
    </message>
    <message>
        <source>Cannot read the audio: %1</source>
        <translation>音声を読み込めません：%1</translation>
    </message>
    <message>
        <source>No hints: %1</source>
        <translation>ヒントなし：%1</translation>
    </message>
    <message>
        <source>No audio: the project has no video file</source>
        <translation>音声なし：プロジェクトに動画ファイルがありません</translation>
    </message>
    <message>
        <source>Reading the audio…</source>
        <translation>音声を読み込み中…</translation>
    </message>
    <message>
        <source>Reading the audio</source>
        <translation>音声の読み込み</translation>
    </message>
    <message>
        <source>No audio: %1</source>
        <translation>音声なし：%1</translation>
    </message>
    <message>
        <source>Open a video first.</source>
        <translation>先に動画を開いてください。</translation>
    </message>
    <message>
        <source>Select a line or a group first.</source>
        <translation>先に行かグループを選んでください。</translation>
    </message>
    <message>
        <source>Sample of %1: line %2 of %3 (most confident first) — %4</source>
        <translation>%1 のサンプル：%3 行中 %2 行目（確信度の高い順）— %4</translation>
    </message>
    <message>
        <source>Waiting for the running job to finish…</source>
        <translation>実行中の処理の終了を待っています…</translation>
    </message>
    <message>
        <source>Group the speakers first (Tools ▸ Group speakers).</source>
        <translation>先に話者をグループ分けしてください（ツール ▸ 話者をグループ分け）。</translation>
    </message>
    <message>
        <source>Comparing the groups…</source>
        <translation>グループを比較中…</translation>
    </message>
    <message>
        <source>Comparing groups</source>
        <translation>グループの比較</translation>
    </message>
    <message>
        <source>No hints: the project has no video or no dialogue lines.</source>
        <translation>ヒントなし：プロジェクトに動画または台詞行がありません。</translation>
    </message>
    <message>
        <source>Cannot open the folder</source>
        <translation>フォルダーを開けません</translation>
    </message>
    <message>
        <source>The season folder this episode belongs to</source>
        <translation>このエピソードが属するシーズンのフォルダー</translation>
    </message>
    <message>
        <source>Cannot add the episode to the season</source>
        <translation>エピソードをシーズンに追加できません</translation>
    </message>
    <message>
        <source>This episode belongs to the season of %1 now.</source>
        <translation>このエピソードは %1 のシーズンに追加されました。</translation>
    </message>
    <message>
        <source>The demo episode is missing</source>
        <translation>デモエピソードがありません</translation>
    </message>
    <message>
        <source>No subtitles found: finding speech in the audio…</source>
        <translation>字幕が見つかりません。音声から発話を検出しています…</translation>
    </message>
    <message>
        <source>Finding speech</source>
        <translation>発話を検出中</translation>
    </message>
    <message>
        <source>Cannot open the video</source>
        <translation>動画を開けません</translation>
    </message>
    <message>
        <source>The previous project was kept as %1</source>
        <translation>以前のプロジェクトは %1 として保存されました</translation>
    </message>
    <message>
        <source>Replace the project?</source>
        <translation>プロジェクトを置き換えますか？</translation>
    </message>
    <message>
        <source>%1 already holds %2 correction(s). Start a new project from these subtitles? The current project will be kept as a backup beside it.</source>
        <translation>%1 には既に %2 件の修正があります。この字幕で新しいプロジェクトを始めますか？現在のプロジェクトは隣にバックアップとして保存されます。</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>プロジェクトを開けません</translation>
    </message>
    <message>
        <source>Imported with notes: %1</source>
        <translation>注意付きで読み込みました: %1</translation>
    </message>
    <message>
        <source>Opened read-only</source>
        <translation>読み取り専用で開きました</translation>
    </message>
    <message>
        <source>%1 lines, %2 grouped, %3 groups</source>
        <translation>台詞 %1 件、分類済み %2 件、グループ %3 個</translation>
    </message>
    <message>
        <source>Grouping speakers</source>
        <translation>話者をグループ化中</translation>
    </message>
    <message>
        <source>Nothing to label</source>
        <translation>ラベル付けするものがありません</translation>
    </message>
    <message>
        <source>Grouped: %1 groups. Your corrections were kept.</source>
        <translation>グループ化しました: %1 グループ。修正は保持されています。</translation>
    </message>
    <message>
        <source>Grouped: %1 groups.</source>
        <translation>グループ化しました: %1 グループ。</translation>
    </message>
    <message>
        <source>All lines are listed.</source>
        <translation>すべての台詞を表示しています。</translation>
    </message>
    <message>
        <source>Only the lines of %1 are listed (Ctrl+L: all lines).</source>
        <translation>%1 の台詞だけを表示しています（Ctrl+L: すべて）。</translation>
    </message>
    <message>
        <source>Merge the groups?</source>
        <translation>グループを統合しますか？</translation>
    </message>
    <message>
        <source>Another group is already called “%1”. Merge this group into it?</source>
        <translation>「%1」という名前のグループがすでにあります。このグループを統合しますか？</translation>
    </message>
    <message>
        <source>No: keep two groups with the same name.</source>
        <translation>いいえ：同じ名前のグループを 2 つ残します。</translation>
    </message>
    <message>
        <source>Every line has been checked.</source>
        <translation>すべての台詞を確認しました。</translation>
    </message>
    <message>
        <source>About svsg</source>
        <translation>svsg について</translation>
    </message>
    <message>
        <source>svsg gives a speaker label to every subtitle line: voice and image features, learned confidence, confidence-aware grouping, and your corrections by drag and drop.</source>
        <translation>svsg は字幕の各台詞に話者ラベルを付けます。声と映像の特徴、学習した信頼度、信頼度を考慮したグループ化、そしてドラッグ＆ドロップによる修正。</translation>
    </message>
    <message>
        <source>&amp;CSV (start, end, speaker, text)…</source>
        <translation>&amp;CSV（開始・終了・話者・台詞）…</translation>
    </message>
    <message>
        <source>Chat-&amp;Haruhi CSV (人物, 人物台词 …)…</source>
        <translation>Chat-&amp;Haruhi CSV（人物・人物台词 …）…</translation>
    </message>
    <message>
        <source>Chat-Haruhi &amp;text (人物:「台词」)…</source>
        <translation>Chat-Haruhi テキスト（人物:「台词」）(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;ASS subtitles (speaker as Name)…</source>
        <translation>&amp;ASS 字幕（話者を Name に）…</translation>
    </message>
    <message>
        <source>&amp;SRT subtitles (speaker prefix)…</source>
        <translation>&amp;SRT 字幕（話者の接頭辞）…</translation>
    </message>
    <message>
        <source>&amp;WebVTT (voice tags)…</source>
        <translation>&amp;WebVTT（voice タグ）…</translation>
    </message>
    <message>
        <source>&amp;RTTM (diarization)…</source>
        <translation>&amp;RTTM（話者ダイアライゼーション）…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近使ったファイル(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>書き出し(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Assign to group</source>
        <translation>グループに割り当て(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>再生(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>ツール(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>一覧を消去</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Automatic (GPU when available)</source>
        <translation>自動（GPU があれば GPU）</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU（CUDA）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>デバイス:</translation>
    </message>
    <message>
        <source>Automatic (the method the models were validated with)</source>
        <translation>自動（モデルの検証で選ばれた方式）</translation>
    </message>
    <message>
        <source>Adapted to each episode (speakers counted per episode)</source>
        <translation>エピソードごとに適応（話者数をエピソードごとに推定）</translation>
    </message>
    <message>
        <source>Learned merge model (voice, image, confidence)</source>
        <translation>学習済みの統合モデル（声・映像・信頼度）</translation>
    </message>
    <message>
        <source>Voice and image similarity</source>
        <translation>声と映像の類似度</translation>
    </message>
    <message>
        <source>Voice only</source>
        <translation>声のみ</translation>
    </message>
    <message>
        <source>Grouping:</source>
        <translation>グループ化:</translation>
    </message>
    <message>
        <source>Group an episode as soon as it opens</source>
        <translation>エピソードを開いたらすぐにグループ化</translation>
    </message>
    <message>
        <source>Review lines below:</source>
        <translation>確認する信頼度の上限:</translation>
    </message>
    <message>
        <source>Play each line when moving with Up/Down</source>
        <translation>上下キーで移動したら台詞を再生</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>システムの言語</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>言語:</translation>
    </message>
    <message>
        <source>A new language applies after a restart.</source>
        <translation>言語の変更は再起動後に反映されます。</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>残り %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>%1 model missing</source>
        <translation>%1 モデルがありません</translation>
    </message>
    <message>
        <source>Models: %1</source>
        <translation>モデル: %1</translation>
    </message>
    <message>
        <source>Models: unknown</source>
        <translation>モデル: 不明</translation>
    </message>
    <message>
        <source>CPU (CUDA not available)</source>
        <translation>CPU（CUDA は利用不可）</translation>
    </message>
    <message>
        <source>no ONNX runtime</source>
        <translation>ONNX ランタイムなし</translation>
    </message>
    <message>
        <source>Engine: %1</source>
        <translation>エンジン: %1</translation>
    </message>
    <message>
        <source>no video backend</source>
        <translation>動画バックエンドなし</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>再生 / 一時停止（Space）</translation>
    </message>
    <message>
        <source>Play the current line (R, F5)</source>
        <translation>現在の台詞を再生（R, F5）</translation>
    </message>
    <message>
        <source>Video: VLC</source>
        <translation>動画: VLC</translation>
    </message>
    <message>
        <source>Video off: %1</source>
        <translation>動画オフ: %1</translation>
    </message>
    <message>
        <source>Video is off</source>
        <translation>動画はオフです</translation>
    </message>
    <message>
        <source>Speaker %1</source>
        <translation>話者 %1</translation>
    </message>
    <message>
        <source>Audio playback is off: %1</source>
        <extracomment>``SVSG_AUDIO=off`` forces the null backend. libVLC error messages that mean the sound did not come out (its aout core and output modules say these)</extracomment>
        <translation>音声再生はオフです：%1</translation>
    </message>
    <message>
        <source>the window was closed</source>
        <translation>ウィンドウが閉じられました</translation>
    </message>
    <message>
        <source>Audio playback failed: %1</source>
        <translation>音声再生に失敗しました：%1</translation>
    </message>
    <message>
        <source>Audio playback failed: VLC could not play %1</source>
        <translation>音声再生に失敗しました：VLC が %1 を再生できません</translation>
    </message>
    <message>
        <source>No sound: the audio output failed (is a sound device connected and free?) %1</source>
        <translation>音が出ません：音声出力に失敗しました（サウンドデバイスは接続され、空いていますか？）%1</translation>
    </message>
    <message>
        <source>Groups that may be the same person appear here after grouping.</source>
        <translation>グループ分けの後、同一人物かもしれないグループがここに表示されます。</translation>
    </message>
    <message>
        <source>&amp;Merge this pair (M)</source>
        <translation>このペアを統合(&amp;M)</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>もう一度探す</translation>
    </message>
    <message>
        <source>%1 (%2 lines) ↔ %3 (%4 lines) — score %5</source>
        <translation>%1（%2 行）↔ %3（%4 行）— スコア %5</translation>
    </message>
    <message>
        <source>These groups may be the same person (most alike first; bold: as alike as lines the engine merges). M or Return merges the selected pair; Ctrl+Z undoes it. Shift+G plays a group&apos;s sample.</source>
        <translation>これらのグループは同一人物かもしれません（似ている順。太字：エンジンが統合する行と同じくらい似ている）。M または Enter で選んだペアを統合、Ctrl+Z で元に戻します。Shift+G でグループのサンプルを再生。</translation>
    </message>
    <message>
        <source>No pair of groups is as alike as lines the engine merges; the closest pairs are listed. Listen first (Shift+G), then M merges the selected pair.</source>
        <translation>エンジンが統合する行ほど似ているグループの組はありません。最も近い組を表示しています。まず聞いて（Shift+G）、M で選んだペアを統合します。</translation>
    </message>
    <message>
        <source>No pair of groups looks like the same person.</source>
        <translation>同一人物に見えるグループの組はありません。</translation>
    </message>
    <message>
        <source>No audio yet</source>
        <translation>まだ音声がありません</translation>
    </message>
    <message>
        <source>Click: play from there (audio only). Double-click a line: go to it.</source>
        <translation>クリック：そこから再生（音声のみ）。行をダブルクリック：その行へ移動。</translation>
    </message>
    <message>
        <source>No audio</source>
        <translation>音声なし</translation>
    </message>
    <message>
        <source>Merge %1 groups</source>
        <translation>%1 グループを統合</translation>
    </message>
    <message>
        <source>Clear the marks of %1 line(s)</source>
        <translation>%1 行の印を消す</translation>
    </message>
    <message>
        <source>All lines</source>
        <translation>すべての台詞</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>未確認</translation>
    </message>
    <message>
        <source>Checked (✔)</source>
        <translation>確認済み (✔)</translation>
    </message>
    <message>
        <source>Without a speaker name</source>
        <translation>話者名なし</translation>
    </message>
    <message>
        <source>Low confidence</source>
        <translation>確信度が低い</translation>
    </message>
    <message>
        <source>Which lines the list shows</source>
        <translation>一覧に表示する台詞</translation>
    </message>
    <message>
        <source>In time order</source>
        <translation>時間順</translation>
    </message>
    <message>
        <source>Least confident first</source>
        <translation>確信度の低い順</translation>
    </message>
    <message>
        <source>✔ = checked by you (placed or confirmed); italics in a group: checked</source>
        <translation>✔ = あなたが確認済み（配置または確定）；グループ内の斜体：確認済み</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>保存中…</translation>
    </message>
    <message>
        <source>✔ Saved %1</source>
        <translation>✔ 保存済み %1</translation>
    </message>
    <message>
        <source>Not saved!</source>
        <translation>保存されていません！</translation>
    </message>
    <message>
        <source>Reading the season&apos;s characters</source>
        <translation>シーズンの登場人物を読み込み中</translation>
    </message>
    <message>
        <source>Characters named in the other episodes of this folder appear here, and new episodes&apos; groups come back named from them.</source>
        <translation>このフォルダーの他のエピソードで名前を付けた登場人物がここに表示され、新しいエピソードのグループはその名前で自動的に名付けられます。</translation>
    </message>
    <message>
        <source>Characters of the season</source>
        <translation>シーズンの登場人物</translation>
    </message>
    <message>
        <source>Episodes (lines checked / dialogue lines)</source>
        <translation>エピソード（確認済み / 台詞数）</translation>
    </message>
    <message>
        <source>%1 lines</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>%1: %2 lines in %3 episode(s)</source>
        <translation>%1：%3 エピソードで %2 行</translation>
    </message>
    <message>
        <source>not opened yet</source>
        <translation>未オープン</translation>
    </message>
    <message>
        <source>missing: %1</source>
        <translation>ファイルなし：%1</translation>
    </message>
    <message>
        <source>Move %1 line(s) to %2</source>
        <translation>%1 行を %2 に移動</translation>
    </message>
    <message>
        <source>New group from %1 line(s)</source>
        <translation>%1 行から新しいグループ</translation>
    </message>
    <message>
        <source>Merge %1 into %2</source>
        <translation>%1 を %2 に統合</translation>
    </message>
    <message>
        <source>Rename to “%1”</source>
        <translation>「%1」に名前を変更</translation>
    </message>
    <message>
        <source>Mark %1 line(s)</source>
        <translation>%1 行に印を付ける</translation>
    </message>
    <message>
        <source>Unmark %1 line(s)</source>
        <translation>%1 行の印を外す</translation>
    </message>
    <message>
        <source>Set a line&apos;s speaker to “%1”</source>
        <translation>台詞の話者を「%1」に設定</translation>
    </message>
    <message>
        <source>Group speakers</source>
        <translation>話者をグループ化</translation>
    </message>
    <message>
        <source>Give every subtitle line its speaker</source>
        <translation>すべての字幕行に話者を</translation>
    </message>
    <message>
        <source>Open an episode: its lines are grouped by voice and look at once, and you name and fix the groups. Every correction is saved as you go.</source>
        <translation>エピソードを開くと、台詞がすぐに声と見た目でグループ分けされます。グループに名前を付けて修正してください。修正はすべてその場で保存されます。</translation>
    </message>
    <message>
        <source>Open a video…</source>
        <translation>動画を開く…</translation>
    </message>
    <message>
        <source>Open a season folder…</source>
        <translation>シーズンのフォルダーを開く…</translation>
    </message>
    <message>
        <source>Open the demo episode</source>
        <translation>デモエピソードを開く</translation>
    </message>
</context>
</TS>
