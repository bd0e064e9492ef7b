//! Every string of the page in English and Chinese, in one place.

/// A language of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// `en` or `zh`, as in `?lang=`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language a `?lang=` value or a browser language tag names.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.to_ascii_lowercase();
        if tag.starts_with("zh") {
            Some(Lang::Zh)
        } else if tag.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// A place in a text: `line 3, col 5`.
    pub fn place(self, line: usize, col: usize) -> String {
        match self {
            Lang::En => format!("line {line}, col {col}"),
            Lang::Zh => format!("第 {line} 行第 {col} 列"),
        }
    }

    /// Picks the string of this language.
    pub fn pick(self, en: &'static str, zh: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

macro_rules! texts {
    ($(#[$doc:meta])* $name:ident { $($key:ident => $en:expr, $zh:expr;)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($key),* }

        impl $name {
            /// Every key, for the test that both languages have each one.
            pub const ALL: &'static [$name] = &[$($name::$key),*];

            /// The string in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match self { $($name::$key => lang.pick($en, $zh)),* }
            }
        }
    };
}

texts! {
    /// A string of the page.
    Key {
        AppTitle => "Coroutine Playground", "协程游乐场";
        AppTagline => "Asynchronous programming, run for real on your browser's event loop.", "异步编程：在浏览器的事件循环上真实运行。";
        Language => "Language", "语言";
        Gallery => "Demos", "示例";
        Section => "Section", "章节";
        Program => "Program", "程序";
        ProgramText => "Program text", "程序文本";
        Run => "Run", "运行";
        Stop => "Stop", "停止";
        TimeScale => "Time scale", "时间倍率";
        StatusIdle => "Ready", "就绪";
        StatusRunning => "Running…", "运行中…";
        StatusFinished => "Finished in", "完成，用时";
        StatusStopped => "Stopped", "已停止";
        StatusMainFailed => "main failed in", "main 失败，用时";
        RunDisabled => "Fix the error in the program to run it.", "修正程序中的错误后才能运行。";
        Log => "Log", "日志";
        RunOutput => "What the run did", "运行经过";
        Orders => "Orders", "顺序";
        Notes => "Notes", "说明";
        Python => "Python", "Python";
        AllTasks => "All tasks", "全部任务";
        FilterTask => "Show task", "显示任务";
        NoEvents => "Press Run to see what happens, event by event.", "点击“运行”，逐个事件查看发生了什么。";
        RevealPrediction => "Show the prediction", "显示预测";
        HidePrediction => "Hide the prediction", "隐藏预测";
        Copied => "Copied", "已复制";
        Copy => "Copy", "复制";
        PythonIntro => "The same program as a Python asyncio script (3.11+). Run it with python3 to compare.", "同一个程序的 Python asyncio 版本（3.11+），可用 python3 运行对比。";
        WhatToNotice => "What to notice", "注意看";
        FromSection => "From the tutorial, section", "出自教程第";
        WritingPython => "Writing the Python…", "正在生成 Python 代码…";
        Predicting => "Predicting the order…", "正在预测顺序…";
        NoPrediction => "No prediction:", "无法预测：";
        Loading => "Loading the notes…", "正在载入说明…";
        LoadingView => "Loading this view…", "正在载入此视图…";
        ViewFailed => "This view could not load:", "此视图无法载入：";
        Responsive => "Page responsive", "页面响应中";
        Frozen => "Page frozen", "页面卡住";
        FramesPerSecond => "frames/s", "帧/秒";
        Ms => "ms", "毫秒";
        Started => "started", "开始";
        Printed => "printed", "打印";
        WaitingOn => "waiting on", "等待";
        Resumed => "resumed", "恢复";
        Callback => "callback", "回调";
        HoldsLoop => "holds the loop:", "占用事件循环：";
        CreatedTask => "created task", "创建任务";
        RunAsPython => "Run as Python", "作为 Python 运行";
        WritePython => "Write some Python to run.", "先写一些 Python 代码再运行。";
        ToTaskList => "Turn into a task list", "转换为任务列表";
        StaysPython => "It stays Python (Run still runs it): no task list says this, because", "它仍是 Python（照样可以运行）：任务列表表达不了它，因为";
        PythonMode => "Python mode: this code runs in CPython in your browser; the log and timeline show its tasks.", "Python 模式：这段代码在浏览器里的 CPython 中运行，日志和时间线显示它的任务。";
        LoadingPython => "Loading Python", "正在载入 Python";
        LoadedOf => "of", "/";
        PythonOutputLabel => "What the program printed", "程序打印的内容";
        PythonNotes => "Where this run differs from CPython", "这次运行与 CPython 的不同之处";
        PythonBroke => "Python could not run:", "Python 无法运行：";
        PythonLimit => "Stopped: a Python run may take 60 s (wall clock) at most.", "已停止：一次 Python 运行最多 60 秒（墙上时钟）。";
        NothingPrinted => "The program printed nothing.", "程序没有打印任何内容。";
        CancelsTask => "cancels task", "取消任务";
        AwaitsCoroutine => "awaits coroutine", "await 协程";
        Returned => "returned", "返回";
        FinishedWith => "finished →", "完成 →";
        FailedWith => "failed:", "失败：";
        Cancelled => "cancelled", "已取消";
        Warning => "warning:", "警告：";
        ResultOf => "result of", "收到结果：";
        LagLate => "loop held: heartbeat late by", "事件循环被占用：心跳晚了";
        Fetched => "got HTTP", "收到 HTTP";
        Bytes => "bytes", "字节";
        Selected => "selected:", "选中：";
        ErrorAt => "Error", "错误";
        TableView => "Table", "表格";
        TextView => "Text", "文本";
        PythonView => "From Python", "从 Python 导入";
        PythonText => "Python asyncio code: read into the program as you type", "Python asyncio 代码：边输入边转换为程序";
        ReadingPython => "Reading the Python…", "正在读取 Python 代码…";
        ImportNotes => "How the Python was read", "导入说明";
        PredictFirst => "Predict before running", "先预测再运行";
        Share => "Share", "分享";
        ReplayTime => "Time", "时间";
        ReplayFollows => "Steps go through the events of {} only (the log's “Show task”).", "只逐步查看 {} 的事件（日志的“显示任务”）。";
        ReplayPredicted => "Stepping through the simulator's prediction: nothing has run yet.", "正在逐步查看模拟器的预测：还没有真正运行。";
        ReplayFromPrediction => "Step through the prediction", "逐步查看预测";
        Replay => "Replay", "回放";
        ReplayBack => "◀ Back", "◀ 上一步";
        ReplayNext => "Next ▶", "下一步 ▶";
        ReplayNextPrint => "Next print", "下一个输出";
        ReplayKeys => "← → step, Home/End first/last", "← → 单步，Home/End 首/尾";
        Pin => "Pin this run", "固定本次运行";
        Compare => "Compare", "比较";
        YourProgram => "Your program", "你的程序";
        Embed => "Embed", "嵌入";
        OpenFull => "Open in the playground ↗", "在游乐场中打开 ↗";
        DownloadTrace => "Download the trace (JSON)", "下载运行记录（JSON）";
        DownloadChrome => "Download for Perfetto", "下载 Perfetto 格式";
        LinkCopied => "Link copied:", "链接已复制：";
        ShareLink => "Link to this program", "此程序的链接";
        LinkUnknownPreset => "This link names a demo that does not exist:", "链接中的示例不存在：";
        LinkTooLong => "This link is too long to open", "链接太长，无法打开";
        LinkUnknownVersion => "This link was made by a newer version of the playground", "此链接由更新版本的游乐场生成";
        LinkDamaged => "This link is damaged: it does not decode to a program", "此链接已损坏，无法解码出程序";
        LinkBadSource => "This link's program text is not valid percent-encoded text", "此链接中的程序文本编码无效";
        LinkUnknownForm => "This link is not a playground link", "这不是游乐场的链接";
        ShowingDefault => "Showing the default demo instead.", "现在显示默认示例。";
        Dismiss => "Dismiss", "关闭";
        AutorunWithheld => "This link asks to run at once, but its program would hold the page for up to", "这个链接要求立即运行，但它的程序会让页面停住最多";
        AutorunPressRun => "so it waits for you: press Run to start it.", "，所以要等你按“运行”才开始。";
        EarlierVersion => "This run is of an earlier version of the program; press Run to run it as it is now.", "这次运行的是修改前的程序；按“运行”运行现在的程序。";
        SkipToProgram => "Skip to the program", "跳到程序";
        Keys => "Keys", "快捷键";
        Lints => "Things to look at in this program", "这个程序中值得注意的地方";
        FixTextFirst => "The text has an error; fix it there to edit the table.", "文本中有错误，请先在文本中修正再编辑表格。";
        TaskKind => "task", "任务";
        CoroutineKind => "coroutine", "协程";
        Name => "Name", "名称";
        Copies => "Copies", "副本数";
        BlockKind => "Kind", "类型";
        StepKind => "Step", "步骤";
        StepValue => "Value", "值";
        AddStep => "+ step", "+ 步骤";
        AddTask => "+ task", "+ 任务";
        AddCoroutine => "+ coroutine", "+ 协程";
        RemoveStep => "Remove this step", "删除此步骤";
        RemoveBlock => "Remove", "删除";
        MoveEarlier => "Move earlier", "前移";
        MoveLater => "Move later", "后移";
        CheckAndRun => "Check and run", "检查并运行";
        ChooseTask => "Choose a task", "选择一个任务";
        MovedTo => "moved to place {}", "移到第 {} 位";
        MoveUp => "Move up:", "上移：";
        MoveDown => "Move down:", "下移：";
        EmbedTitle => "Coroutine Playground demo", "协程游乐场示例";
        OptionPredict => "Ask for a prediction first", "先让学习者预测";
        OptionReadonly => "Lock the program", "锁定程序";
        OptionHideEditor => "Hide the program", "隐藏程序";
        OptionHideCode => "Hide the Python", "隐藏 Python 代码";
        OptionNoLints => "No lints", "不显示提示";
        EmbedSnippet => "Paste this into a course page:", "将这段代码粘贴到课程页面：";
    }
}

texts! {
    /// A string the worker says in what it sends the page (the timeline,
    /// the Compare tab, the Orders report, what a screen reader hears of a
    /// run): the page's first load does not carry these.
    WorkerText {
        LegendRunning => "running", "运行";
        LegendWaiting => "waiting", "等待";
        LegendBlocked => "holds the loop", "占用事件循环";
        LegendLate => "loop late", "事件循环迟到";
        TimelineTable => "The timeline as a table", "时间线（表格）";
        SliceWhat => "Slice", "片段";
        SliceEvents => "Its events", "其间的事件";
        MoreSlices => "more slices not listed", "个片段未列出";
        ZoomIn => "Zoom in (+)", "放大（+）";
        ZoomOut => "Zoom out (−)", "缩小（−）";
        ZoomFit => "Show the whole run (0)", "显示整个运行（0）";
        Tasks => "Tasks", "任务数";
        CompareHint => "Pin a run, change the program or the time scale, and run again: the runs are compared here.", "固定一次运行，修改程序或时间倍率后再运行：这里会比较这些运行。";
        MoreTasks => "more tasks not drawn", "个任务未画出";
        TotalTime => "Total time", "总时间";
        NoOrders => "Press Run to see the order tasks start, complete and give results in, and how long it all took.", "点击“运行”，查看任务开始、完成和给出结果的顺序，以及总共用了多少时间。";
        StartOrder => "Start order", "开始顺序";
        CompletionOrder => "Completion order", "完成顺序";
        ResultOrder => "Result order", "结果顺序";
        SumOfWaits => "Sum of all waits", "所有等待之和";
        Speedup => "Speedup", "加速比";
        LoopBlocked => "Loop held by block/compute", "被 block/compute 占用的时间";
        WorstLag => "Worst event-loop lag", "事件循环最大延迟";
        SameOrder => "The run happened in the predicted order.", "实际运行顺序与预测一致。";
        OrderDiffers => "The order differs from the prediction at event", "实际顺序与预测不同，位置：事件";
        TimingDependent => "This program waits on measured things (network, workers, CPU), so its order may depend on timing.", "此程序等待的是实测的事物（网络、工作线程、CPU），顺序可能取决于时间。";
        PredictedWas => "predicted", "预测";
        ActualWas => "actual", "实际";
        MoreRows => "more", "更多";
        Run => "Run", "运行";
        VsFastest => "Against the fastest", "与最快的相比";
        Fastest => "fastest", "最快";
        TimesSlower => "× as long", "倍用时";
        TimesFaster => "× faster", "倍速度";
        CompareNeedsTwo => "Run the program again (changed or not) to compare it with the pinned run.", "再运行一次程序（改不改都行），就能与固定的运行比较。";
        DiffersFromFirst => "differs from the first run", "与第一次运行不同";
        SameInEveryRun => "the same in every run", "每次运行都相同";
        RunsOnOneAxis => "The runs on one time axis", "同一时间轴上的各次运行";
        Scale => "time scale", "时间倍率";
        ReplayEvent => "Event", "事件";
        ReplayOf => "of", "/";
        ReplayRuns => "runs", "正在运行";
        ReplayHolds => "holds the loop: no other task can run", "占用事件循环：其他任务都无法运行";
        ReplayIdle => "The loop waits: nothing is ready until a timer or a result comes", "事件循环在等待：在计时器到期或结果到来之前，没有可运行的任务";
        ReplayPicks => "The loop has control and runs the next ready task", "事件循环收回控制权，运行下一个就绪的任务";
        ReplayWaiting => "Waiting:", "等待中：";
        ReplayReady => "Ready queue:", "就绪队列：";
        ReplayEmpty => "empty", "空";
        ReplayMore => "more", "个";
        Unpin => "Unpin", "取消固定";
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_languages() {
        let texts = Key::ALL
            .iter()
            .map(|key| (format!("{key:?}"), key.text(Lang::En), key.text(Lang::Zh)))
            .chain(
                WorkerText::ALL
                    .iter()
                    .map(|key| (format!("{key:?}"), key.text(Lang::En), key.text(Lang::Zh))),
            );
        for (key, en, zh) in texts {
            assert!(!en.is_empty() && !zh.is_empty(), "{key}");
            assert!(key == "Python" || en != zh, "{key} is not translated");
        }
    }

    /// Fails when `text` puts ASCII punctuation right after a Chinese
    /// character, where Chinese writes the full-width mark (，；：！？（）).
    pub(crate) fn assert_full_width_punctuation(text: &str) {
        let chars: Vec<char> = text.chars().collect();
        for pair in chars.windows(2) {
            let chinese = ('\u{4e00}'..='\u{9fff}').contains(&pair[0]);
            assert!(
                !(chinese && ",;:!?()".contains(pair[1])),
                "{:?} in {text:?}",
                pair.iter().collect::<String>()
            );
        }
    }

    #[test]
    fn chinese_texts_use_chinese_punctuation() {
        for key in Key::ALL {
            assert_full_width_punctuation(key.text(Lang::Zh));
        }
        for key in WorkerText::ALL {
            assert_full_width_punctuation(key.text(Lang::Zh));
        }
        assert_full_width_punctuation("示例：好");
    }

    #[test]
    fn tags_pick_a_language() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
    }
}
