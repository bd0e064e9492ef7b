//! What the learner should know about how the Python code was read.

use crate::model::i18n::Lang;

/// Something the learner should know about how the code was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// `asyncio.wait` was given bare coroutines.
    WaitOnCoroutines,
    /// `asyncio.get_event_loop()` was called outside a running loop.
    GetEventLoop,
    /// `print` outside any coroutine was left out.
    PrintOutsideLoop,
    /// A coroutine is called and never awaited.
    NeverAwaited,
    /// Prints of a fetch's status, text or selected items were left out:
    /// the log's fetched line shows them.
    FetchShownInLog,
    /// A fetch of another site, which the browser refuses unless that site
    /// allows it.
    FetchOtherSite,
}

impl Note {
    /// The note in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Note::WaitOnCoroutines => lang.pick(
                "asyncio.wait was given coroutines, not tasks. Python 3.11 refuses that (TypeError: Passing coroutines is forbidden); older versions wrapped them in tasks kept in a set, which is why the order could look random. The playground runs them as tasks made in the order written, as asyncio.create_task would.",
                "asyncio.wait 收到的是协程而不是任务。Python 3.11 会拒绝（TypeError: Passing coroutines is forbidden）；旧版本把它们包装成放在集合里的任务，所以顺序看起来是“随机”的。这里按书写顺序把它们创建为任务运行，就像 asyncio.create_task 那样。",
            ),
            Note::GetEventLoop => lang.pick(
                "asyncio.get_event_loop() outside a running loop is deprecated since Python 3.10 and warns in 3.12; write asyncio.run(main()) instead. The playground runs it the same way.",
                "在没有运行中的事件循环时调用 asyncio.get_event_loop() 自 Python 3.10 起已弃用，3.12 会发出警告；请改用 asyncio.run(main())。这里按同样的方式运行。",
            ),
            Note::PrintOutsideLoop => lang.pick(
                "print outside any coroutine runs before or after the event loop; the playground shows only what the loop runs, so it is left out.",
                "协程之外的 print 在事件循环之前或之后运行；这里只展示事件循环中运行的内容，所以省略了它。",
            ),
            Note::NeverAwaited => lang.pick(
                "A coroutine is called without await: it never runs, and Python warns \"coroutine … was never awaited\".",
                "有协程被调用但没有 await：它永远不会运行，Python 会警告“coroutine … was never awaited”。",
            ),
            Note::FetchShownInLog => lang.pick(
                "Prints of a response's status, its text or what select picked were left out: the program's fetch step shows them in the log's fetched line (status, size and the texts the CSS selector picked).",
                "打印响应状态、网页文本或 select 选出内容的语句被省略了：程序的 fetch 步骤会在日志的 fetched 行中显示它们（状态、大小以及 CSS 选择器选出的文本）。",
            ),
            Note::FetchOtherSite => lang.pick(
                "This fetches from another site. The page fetches from your browser, which refuses other sites unless they allow it (CORS), and the page itself only connects to its own site: the run will show the fetch failing. The bundled pages site/1.html to site/9.html are there to crawl.",
                "这里请求的是其他网站。页面在你的浏览器中发起请求，除非对方网站允许（CORS），浏览器会拒绝，而且页面只连接自己的网站：运行时会看到请求失败。可以抓取随页面提供的 site/1.html 到 site/9.html。",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::i18n::tests::assert_full_width_punctuation;

    #[test]
    fn every_note_is_written_in_both_languages() {
        for note in [
            Note::WaitOnCoroutines,
            Note::GetEventLoop,
            Note::PrintOutsideLoop,
            Note::NeverAwaited,
            Note::FetchShownInLog,
            Note::FetchOtherSite,
        ] {
            assert_ne!(note.text(Lang::En), note.text(Lang::Zh));
            assert_full_width_punctuation(note.text(Lang::Zh));
        }
    }
}
