<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>Open &amp;video…</source>
        <translation>打开视频(&amp;V)…</translation>
    </message>
    <message>
        <source>Open &amp;subtitles for this video…</source>
        <translation>为此视频打开字幕(&amp;S)…</translation>
    </message>
    <message>
        <source>Open &amp;project CSV…</source>
        <translation>打开项目 CSV(&amp;P)…</translation>
    </message>
    <message>
        <source>Open &amp;folder (season)…</source>
        <translation>打开文件夹（整季）(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Add this episode to a season…</source>
        <translation>将本集加入某一季(&amp;A)…</translation>
    </message>
    <message>
        <source>Open the &amp;demo episode</source>
        <translation>打开演示剧集(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Filter lines</source>
        <translation>筛选台词(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New group from selection</source>
        <translation>用所选台词新建分组(&amp;N)</translation>
    </message>
    <message>
        <source>Re&amp;name group</source>
        <translation>重命名分组(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Merge selected groups</source>
        <translation>合并所选分组(&amp;M)</translation>
    </message>
    <message>
        <source>Set this line&apos;s &amp;speaker (A/B: several)…</source>
        <translation>设置此行的说话人(&amp;S)（A/B：多人）…</translation>
    </message>
    <message>
        <source>&amp;List only this group&apos;s lines</source>
        <translation>只列出此分组的台词(&amp;L)</translation>
    </message>
    <message>
        <source>Mark as non-&amp;dialogue</source>
        <translation>标记为非对白(&amp;D)</translation>
    </message>
    <message>
        <source>Mark as &amp;unknown speaker</source>
        <translation>标记为未知说话人(&amp;U)</translation>
    </message>
    <message>
        <source>Mark as &amp;several speakers</source>
        <translation>标记为多人说话(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Clear marks</source>
        <translation>清除标记(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Play / pause</source>
        <translation>播放 / 暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Play current &amp;line</source>
        <translation>播放当前台词(&amp;L)</translation>
    </message>
    <message>
        <source>Previous line</source>
        <translation>上一句</translation>
    </message>
    <message>
        <source>Next line</source>
        <translation>下一句</translation>
    </message>
    <message>
        <source>&amp;Group speakers (keeps your corrections)</source>
        <translation>说话人分组（保留你的修改）(&amp;G)</translation>
    </message>
    <message>
        <source>Next line to &amp;check</source>
        <translation>下一句待检查台词(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About svsg</source>
        <translation>关于 svsg(&amp;A)</translation>
    </message>
    <message>
        <source>C&amp;lip dataset (one WAV per line + CSV)…</source>
        <translation>片段数据集（每句一个 WAV + CSV）(&amp;L)…</translation>
    </message>
    <message>
        <source>Play the line&apos;s &amp;audio only</source>
        <translation>只播放本行的音频(&amp;A)</translation>
    </message>
    <message>
        <source>Play a &amp;sample of this group</source>
        <translation>试听此组的样本(&amp;S)</translation>
    </message>
    <message>
        <source>Spectrogram in the audio strip</source>
        <translation>音频条显示频谱图</translation>
    </message>
    <message>
        <source>Groups that may be the &amp;same person</source>
        <translation>可能是同一人的组(&amp;S)</translation>
    </message>
    <message>
        <source>Assign to group %1</source>
        <translation>归入第 %1 组</translation>
    </message>
    <message>
        <source>Drag lines onto a group</source>
        <extracomment>Keys the line list handles itself (listed in help; not window-wide, so the tree and editors keep them).</extracomment>
        <translation>把台词拖到分组上</translation>
    </message>
    <message>
        <source>Move the lines to that group</source>
        <translation>把台词移到该分组</translation>
    </message>
    <message>
        <source>Drag a group onto a group</source>
        <translation>把分组拖到另一个分组上</translation>
    </message>
    <message>
        <source>Merge the two groups</source>
        <translation>合并两个分组</translation>
    </message>
    <message>
        <source>Drag lines onto empty space</source>
        <translation>把台词拖到空白处</translation>
    </message>
    <message>
        <source>New group from those lines</source>
        <translation>用这些台词新建分组</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Group</source>
        <extracomment>A group lists at most this many lines in the panel (its count shows them all; Ctrl+L lists every line of the group in the line list). QTreeView re-lays-out every listed row after each edit, so an unbounded 3,000-line group would make every drag cost 3,000 Python callbacks.</extracomment>
        <translation>分组</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>台词数</translation>
    </message>
    <message>
        <source>Not grouped</source>
        <translation>未分组</translation>
    </message>
    <message>
        <source>lines</source>
        <translation>句台词</translation>
    </message>
    <message>
        <source>The first %1 are listed here; Ctrl+L lists them all in the line list.</source>
        <translation>此处只列出前 %1 句；按 Ctrl+L 在台词列表中列出全部。</translation>
    </message>
    <message>
        <source>Open video</source>
        <translation>打开视频</translation>
    </message>
    <message>
        <source>Videos (%1)</source>
        <translation>视频 (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Subtitles for this video</source>
        <translation>此视频的字幕</translation>
    </message>
    <message>
        <source>Subtitles (*.ass *.ssa *.srt *.vtt *.csv)</source>
        <translation>字幕 (*.ass *.ssa *.srt *.vtt *.csv)</translation>
    </message>
    <message>
        <source>Open project CSV</source>
        <translation>打开项目 CSV</translation>
    </message>
    <message>
        <source>Project or labeled CSV (*.csv)</source>
        <translation>项目或已标注 CSV (*.csv)</translation>
    </message>
    <message>
        <source>Open a season folder</source>
        <translation>打开整季文件夹</translation>
    </message>
    <message>
        <source>Episodes</source>
        <translation>剧集</translation>
    </message>
    <message>
        <source>project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>subtitles</source>
        <translation>字幕</translation>
    </message>
    <message>
        <source>no subtitles</source>
        <translation>无字幕</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>文件缺失</translation>
    </message>
    <message>
        <source>Nothing to export: open a video or a project first.</source>
        <translation>没有可导出的内容：请先打开视频或项目。</translation>
    </message>
    <message>
        <source>Folder for the clip dataset</source>
        <translation>片段数据集的文件夹</translation>
    </message>
    <message>
        <source>Exporting clips</source>
        <translation>正在导出片段</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Exported %1 lines to %2</source>
        <translation>已导出 %1 句台词到 %2</translation>
    </message>
    <message>
        <source>non-dialogue</source>
        <translation>非对白</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>several speakers</source>
        <translation>多人</translation>
    </message>
    <message>
        <source>Time</source>
        <extracomment>What the line list can show: every line, lines nobody checked yet, checked lines, dialogue lines without a speaker name, lines below the review threshold.</extracomment>
        <translation>时间</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>台词</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>说话人</translation>
    </message>
    <message>
        <source>Conf.</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>checked by a human</source>
        <translation>已人工确认</translation>
    </message>
    <message>
        <source>Filter lines (text, speaker, group) — Ctrl+F</source>
        <translation>筛选台词（文本、说话人、分组）— Ctrl+F</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Review queue</source>
        <translation>待检查队列</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>本季</translation>
    </message>
    <message>
        <source>Could not save the project</source>
        <translation>无法保存项目</translation>
    </message>
    <message>
        <source>The job failed</source>
        <translation>任务失败</translation>
    </message>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation>已取消，未做任何更改。</translation>
    </message>
    <message>
        <source>no project</source>
        <translation>无项目</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>Same person?</source>
        <translation>同一人？</translation>
    </message>
    <message>
        <source>Cannot read the audio: %1</source>
        <translation>无法读取音频：%1</translation>
    </message>
    <message>
        <source>No hints: %1</source>
        <translation>没有提示：%1</translation>
    </message>
    <message>
        <source>No audio: the project has no video file</source>
        <translation>没有音频：项目没有视频文件</translation>
    </message>
    <message>
        <source>Reading the audio…</source>
        <translation>正在读取音频…</translation>
    </message>
    <message>
        <source>Reading the audio</source>
        <translation>读取音频</translation>
    </message>
    <message>
        <source>No audio: %1</source>
        <translation>没有音频：%1</translation>
    </message>
    <message>
        <source>Open a video first.</source>
        <translation>请先打开视频。</translation>
    </message>
    <message>
        <source>Select a line or a group first.</source>
        <translation>请先选择一行或一个组。</translation>
    </message>
    <message>
        <source>Sample of %1: line %2 of %3 (most confident first) — %4</source>
        <translation>%1 的样本：第 %2 / %3 行（置信度从高到低）— %4</translation>
    </message>
    <message>
        <source>Waiting for the running job to finish…</source>
        <translation>正在等待当前任务结束…</translation>
    </message>
    <message>
        <source>Group the speakers first (Tools ▸ Group speakers).</source>
        <translation>请先分组说话人（工具 ▸ 分组说话人）。</translation>
    </message>
    <message>
        <source>Comparing the groups…</source>
        <translation>正在比较各组…</translation>
    </message>
    <message>
        <source>Comparing groups</source>
        <translation>比较各组</translation>
    </message>
    <message>
        <source>No hints: the project has no video or no dialogue lines.</source>
        <translation>没有提示：项目没有视频或没有对白行。</translation>
    </message>
    <message>
        <source>Cannot open the folder</source>
        <translation>无法打开文件夹</translation>
    </message>
    <message>
        <source>The season folder this episode belongs to</source>
        <translation>本集所属的整季文件夹</translation>
    </message>
    <message>
        <source>Cannot add the episode to the season</source>
        <translation>无法将本集加入该季</translation>
    </message>
    <message>
        <source>This episode belongs to the season of %1 now.</source>
        <translation>本集现已属于 %1 这一季。</translation>
    </message>
    <message>
        <source>The demo episode is missing</source>
        <translation>找不到演示剧集</translation>
    </message>
    <message>
        <source>No subtitles found: finding speech in the audio…</source>
        <translation>未找到字幕：正在从音频中检测语音…</translation>
    </message>
    <message>
        <source>Finding speech</source>
        <translation>正在检测语音</translation>
    </message>
    <message>
        <source>Cannot open the video</source>
        <translation>无法打开视频</translation>
    </message>
    <message>
        <source>The previous project was kept as %1</source>
        <translation>原项目已备份为 %1</translation>
    </message>
    <message>
        <source>Replace the project?</source>
        <translation>替换项目？</translation>
    </message>
    <message>
        <source>%1 already holds %2 correction(s). Start a new project from these subtitles? The current project will be kept as a backup beside it.</source>
        <translation>%1 已有 %2 处修正。要用这些字幕新建项目吗？当前项目会作为备份保存在它旁边。</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <source>Imported with notes: %1</source>
        <translation>已导入，附注：%1</translation>
    </message>
    <message>
        <source>Opened read-only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <source>%1 lines, %2 grouped, %3 groups</source>
        <translation>%1 句台词，%2 句已分组，%3 个分组</translation>
    </message>
    <message>
        <source>Grouping speakers</source>
        <translation>正在为说话人分组</translation>
    </message>
    <message>
        <source>Nothing to label</source>
        <translation>没有可标注的内容</translation>
    </message>
    <message>
        <source>Grouped: %1 groups. Your corrections were kept.</source>
        <translation>分组完成：%1 个分组。你的修改已保留。</translation>
    </message>
    <message>
        <source>Grouped: %1 groups.</source>
        <translation>已分组：%1 个组。</translation>
    </message>
    <message>
        <source>All lines are listed.</source>
        <translation>已列出全部台词。</translation>
    </message>
    <message>
        <source>Only the lines of %1 are listed (Ctrl+L: all lines).</source>
        <translation>只列出 %1 的台词（Ctrl+L：全部台词）。</translation>
    </message>
    <message>
        <source>Merge the groups?</source>
        <translation>合并这些组？</translation>
    </message>
    <message>
        <source>Another group is already called “%1”. Merge this group into it?</source>
        <translation>已有另一个组名为“%1”。要把此组合并进去吗？</translation>
    </message>
    <message>
        <source>No: keep two groups with the same name.</source>
        <translation>否：保留两个同名的组。</translation>
    </message>
    <message>
        <source>Every line has been checked.</source>
        <translation>所有台词都已检查。</translation>
    </message>
    <message>
        <source>About svsg</source>
        <translation>关于 svsg</translation>
    </message>
    <message>
        <source>svsg gives a speaker label to every subtitle line: voice and image features, learned confidence, confidence-aware grouping, and your corrections by drag and drop.</source>
        <translation>svsg 为每一句字幕标注说话人：声音与画面特征、学习得到的置信度、考虑置信度的分组，以及通过拖放进行的人工修正。</translation>
    </message>
    <message>
        <source>&amp;CSV (start, end, speaker, text)…</source>
        <translation>&amp;CSV（开始、结束、说话人、台词）…</translation>
    </message>
    <message>
        <source>Chat-&amp;Haruhi CSV (人物, 人物台词 …)…</source>
        <translation>Chat-&amp;Haruhi CSV（人物、人物台词 …）…</translation>
    </message>
    <message>
        <source>Chat-Haruhi &amp;text (人物:「台词」)…</source>
        <translation>Chat-Haruhi 文本（人物:「台词」）(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;ASS subtitles (speaker as Name)…</source>
        <translation>&amp;ASS 字幕（说话人写入 Name）…</translation>
    </message>
    <message>
        <source>&amp;SRT subtitles (speaker prefix)…</source>
        <translation>&amp;SRT 字幕（说话人前缀）…</translation>
    </message>
    <message>
        <source>&amp;WebVTT (voice tags)…</source>
        <translation>&amp;WebVTT（voice 标签）…</translation>
    </message>
    <message>
        <source>&amp;RTTM (diarization)…</source>
        <translation>&amp;RTTM（说话人日志）…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Assign to group</source>
        <translation>归入分组(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Automatic (GPU when available)</source>
        <translation>自动（有 GPU 时使用 GPU）</translation>
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
        <translation>设备：</translation>
    </message>
    <message>
        <source>Automatic (the method the models were validated with)</source>
        <translation>自动（模型验证时选定的方法）</translation>
    </message>
    <message>
        <source>Adapted to each episode (speakers counted per episode)</source>
        <translation>按每一集自适应（每集单独估计说话人数）</translation>
    </message>
    <message>
        <source>Learned merge model (voice, image, confidence)</source>
        <translation>学习得到的合并模型（声音、画面、置信度）</translation>
    </message>
    <message>
        <source>Voice and image similarity</source>
        <translation>声音与画面相似度</translation>
    </message>
    <message>
        <source>Voice only</source>
        <translation>仅声音</translation>
    </message>
    <message>
        <source>Grouping:</source>
        <translation>分组方式：</translation>
    </message>
    <message>
        <source>Group an episode as soon as it opens</source>
        <translation>剧集一打开就分组</translation>
    </message>
    <message>
        <source>Review lines below:</source>
        <translation>需检查的置信度低于：</translation>
    </message>
    <message>
        <source>Play each line when moving with Up/Down</source>
        <translation>用上/下键移动时自动播放台词</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>A new language applies after a restart.</source>
        <translation>更改语言后需重启才能生效。</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 model missing</source>
        <translation>缺少 %1 模型</translation>
    </message>
    <message>
        <source>Models: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <source>Models: unknown</source>
        <translation>模型：未知</translation>
    </message>
    <message>
        <source>CPU (CUDA not available)</source>
        <translation>CPU（CUDA 不可用）</translation>
    </message>
    <message>
        <source>no ONNX runtime</source>
        <translation>没有 ONNX 运行时</translation>
    </message>
    <message>
        <source>Engine: %1</source>
        <translation>引擎：%1</translation>
    </message>
    <message>
        <source>no video backend</source>
        <translation>没有视频后端</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暂停（空格）</translation>
    </message>
    <message>
        <source>Play the current line (R, F5)</source>
        <translation>播放当前台词（R、F5）</translation>
    </message>
    <message>
        <source>Video: VLC</source>
        <translation>视频：VLC</translation>
    </message>
    <message>
        <source>Video off: %1</source>
        <translation>视频已关闭：%1</translation>
    </message>
    <message>
        <source>Video is off</source>
        <translation>视频已关闭</translation>
    </message>
    <message>
        <source>Speaker %1</source>
        <translation>说话人 %1</translation>
    </message>
    <message>
        <source>Audio playback is off: %1</source>
        <extracomment>``SVSG_AUDIO=off`` forces the null backend. libVLC error messages that mean the sound did not come out (its aout core and output modules say these)</extracomment>
        <translation>音频播放已关闭：%1</translation>
    </message>
    <message>
        <source>the window was closed</source>
        <translation>窗口已关闭</translation>
    </message>
    <message>
        <source>Audio playback failed: %1</source>
        <translation>音频播放失败：%1</translation>
    </message>
    <message>
        <source>Audio playback failed: VLC could not play %1</source>
        <translation>音频播放失败：VLC 无法播放 %1</translation>
    </message>
    <message>
        <source>No sound: the audio output failed (is a sound device connected and free?) %1</source>
        <translation>没有声音：音频输出失败（声音设备是否已连接且未被占用？）%1</translation>
    </message>
    <message>
        <source>Groups that may be the same person appear here after grouping.</source>
        <translation>分组后,可能是同一人的组会显示在这里。</translation>
    </message>
    <message>
        <source>&amp;Merge this pair (M)</source>
        <translation>合并这一对(&amp;M)</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>%1 (%2 lines) ↔ %3 (%4 lines) — score %5</source>
        <translation>%1（%2 行）↔ %3（%4 行）— 得分 %5</translation>
    </message>
    <message>
        <source>These groups may be the same person (most alike first; bold: as alike as lines the engine merges). M or Return merges the selected pair; Ctrl+Z undoes it. Shift+G plays a group&apos;s sample.</source>
        <translation>这些组可能是同一人（最相似的在前；粗体：与引擎会合并的行一样相似）。按 M 或回车合并所选的一对，Ctrl+Z 撤销。Shift+G 试听组的样本。</translation>
    </message>
    <message>
        <source>No pair of groups is as alike as lines the engine merges; the closest pairs are listed. Listen first (Shift+G), then M merges the selected pair.</source>
        <translation>没有哪一对组像引擎会合并的行那样相似；下面列出最接近的几对。请先试听（Shift+G），再按 M 合并所选的一对。</translation>
    </message>
    <message>
        <source>No pair of groups looks like the same person.</source>
        <translation>没有看起来是同一人的组。</translation>
    </message>
    <message>
        <source>No audio yet</source>
        <translation>尚无音频</translation>
    </message>
    <message>
        <source>Click: play from there (audio only). Double-click a line: go to it.</source>
        <translation>单击：从该处播放（仅音频）。双击某行：跳到该行。</translation>
    </message>
    <message>
        <source>No audio</source>
        <translation>没有音频</translation>
    </message>
    <message>
        <source>Merge %1 groups</source>
        <translation>合并 %1 个组</translation>
    </message>
    <message>
        <source>Clear the marks of %1 line(s)</source>
        <translation>清除 %1 行的标记</translation>
    </message>
    <message>
        <source>All lines</source>
        <translation>全部台词</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>尚未检查</translation>
    </message>
    <message>
        <source>Checked (✔)</source>
        <translation>已检查 (✔)</translation>
    </message>
    <message>
        <source>Without a speaker name</source>
        <translation>没有说话人名字</translation>
    </message>
    <message>
        <source>Low confidence</source>
        <translation>低置信度</translation>
    </message>
    <message>
        <source>Which lines the list shows</source>
        <translation>列表显示哪些台词</translation>
    </message>
    <message>
        <source>In time order</source>
        <translation>按时间顺序</translation>
    </message>
    <message>
        <source>Least confident first</source>
        <translation>置信度最低的优先</translation>
    </message>
    <message>
        <source>✔ = checked by you (placed or confirmed); italics in a group: checked</source>
        <translation>✔ = 你已检查（放置或确认）；组内斜体：已检查</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>✔ Saved %1</source>
        <translation>✔ 已保存 %1</translation>
    </message>
    <message>
        <source>Not saved!</source>
        <translation>未保存！</translation>
    </message>
    <message>
        <source>Reading the season&apos;s characters</source>
        <translation>正在读取本季的角色</translation>
    </message>
    <message>
        <source>Characters named in the other episodes of this folder appear here, and new episodes&apos; groups come back named from them.</source>
        <translation>此文件夹中其他剧集里命名过的角色会显示在这里，新剧集的分组会自动用这些名字命名。</translation>
    </message>
    <message>
        <source>Characters of the season</source>
        <translation>本季角色</translation>
    </message>
    <message>
        <source>Episodes (lines checked / dialogue lines)</source>
        <translation>剧集（已检查台词 / 对白台词）</translation>
    </message>
    <message>
        <source>%1 lines</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>%1: %2 lines in %3 episode(s)</source>
        <translation>%1：%3 集中共 %2 行</translation>
    </message>
    <message>
        <source>not opened yet</source>
        <translation>尚未打开</translation>
    </message>
    <message>
        <source>missing: %1</source>
        <translation>文件缺失：%1</translation>
    </message>
    <message>
        <source>Move %1 line(s) to %2</source>
        <translation>将 %1 行移到 %2</translation>
    </message>
    <message>
        <source>New group from %1 line(s)</source>
        <translation>用 %1 行新建组</translation>
    </message>
    <message>
        <source>Merge %1 into %2</source>
        <translation>将 %1 合并到 %2</translation>
    </message>
    <message>
        <source>Rename to “%1”</source>
        <translation>重命名为“%1”</translation>
    </message>
    <message>
        <source>Mark %1 line(s)</source>
        <translation>标记 %1 行</translation>
    </message>
    <message>
        <source>Unmark %1 line(s)</source>
        <translation>取消标记 %1 行</translation>
    </message>
    <message>
        <source>Set a line&apos;s speaker to “%1”</source>
        <translation>将一行的说话人设为“%1”</translation>
    </message>
    <message>
        <source>Group speakers</source>
        <translation>说话人分组</translation>
    </message>
    <message>
        <source>Give every subtitle line its speaker</source>
        <translation>为每一行字幕标注说话人</translation>
    </message>
    <message>
        <source>Open an episode: its lines are grouped by voice and look at once, and you name and fix the groups. Every correction is saved as you go.</source>
        <translation>打开一集：台词会立即按声音和外观分组，你来命名并修正分组。每次修改都会随时保存。</translation>
    </message>
    <message>
        <source>Open a video…</source>
        <translation>打开视频…</translation>
    </message>
    <message>
        <source>Open a season folder…</source>
        <translation>打开一季的文件夹…</translation>
    </message>
    <message>
        <source>Open the demo episode</source>
        <translation>打开演示剧集</translation>
    </message>
</context>
</TS>
