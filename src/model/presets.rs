//! The preset demos, one per idea of the tutorial, as data in one registry.

pub mod questions;

use serde::{Deserialize, Serialize};

use super::i18n::Lang;
use super::parse::parse;
use super::program::CheckedProgram;

/// A string in both languages of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localized {
    pub en: &'static str,
    pub zh: &'static str,
}

/// One demo: what it shows, where in the tutorial it comes from, and its program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    pub id: &'static str,
    /// The tutorial section it reproduces, e.g. `1.4.4`.
    pub section: &'static str,
    pub title: Localized,
    /// What to look at in the run.
    pub notice: Localized,
    /// The program in the v1 text format; the languages differ only in the
    /// text it prints.
    pub source: Localized,
}

impl Preset {
    /// The program text in `lang`.
    pub fn source_in(&self, lang: Lang) -> &'static str {
        lang.pick(self.source.en, self.source.zh)
    }

    /// The preset's program, in English; every preset parses (a test checks it).
    pub fn program(&self) -> CheckedProgram {
        parse(self.source.en)
            .unwrap_or_else(|error| panic!("preset {} does not parse: {error}", self.id))
    }
}

/// What the preset called `id` explains.
pub fn explanation(id: &str) -> Option<Localized> {
    EXPLANATIONS
        .iter()
        .find(|(preset, _)| *preset == id)
        .map(|(_, text)| *text)
}

/// What the page asks the worker for the Notes tab: what the preset called
/// `preset` explains, in `lang` (answered with the text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotesAsk {
    pub lang: Lang,
    pub preset: String,
}

/// The demo a page without a program in its link opens (index.html's
/// first paint shows it too).
pub const DEFAULT_PRESET: &str = "hello-world";

/// The preset called `id`.
pub fn find(id: &str) -> Option<&'static Preset> {
    catalog().iter().find(|preset| preset.id == id)
}

/// Every preset, in the tutorial's order.
pub fn catalog() -> &'static [Preset] {
    &CATALOG
}

const CATALOG: [Preset; 11] = [
    Preset {
        id: "hello",
        section: "1.4.1",
        title: Localized { en: "Define and run a coroutine", zh: "定义并运行一个协程" },
        notice: Localized { en: "main starts first; foo starts only after main waits.", zh: "main 先开始；main 等待之后 foo 才开始。" },
        source: Localized {
            en: "title \"A coroutine does nothing until the loop runs it\"\nrun sequential\n\ntask foo\n  print \"this is a coroutine\"\n",
            zh: "title \"协程在事件循环运行它之前什么也不做\"\nrun sequential\n\ntask foo\n  print \"这是一个协程\"\n",
        },
    },
    Preset {
        id: "chain",
        section: "1.4.2",
        title: Localized { en: "An await chain", zh: "协程的链式调用" },
        notice: Localized { en: "No new task appears: result1 and result2 run inside chain.", zh: "没有出现新任务：result1 和 result2 都在 chain 里面运行。" },
        source: Localized {
            en: "title \"An await chain\"\nrun sequential\n\ntask chain\n  print \"main coroutine\"\n  print \"waiting for result1\"\n  await result1\n  print \"waiting for result2\"\n  await result2\n  return \"({result1}, {result2})\"\n\ncoroutine result1\n  print \"this is result1\"\n  return \"result1\"\n\ncoroutine result2\n  print \"this is result2\"\n  return \"result2 got an argument: {result1}\"\n",
            zh: "title \"协程的链式调用\"\nrun sequential\n\ntask chain\n  print \"主协程\"\n  print \"等待 result1 协程运行\"\n  await result1\n  print \"等待 result2 协程运行\"\n  await result2\n  return \"({result1}, {result2})\"\n\ncoroutine result1\n  print \"这是 result1 协程\"\n  return \"result1\"\n\ncoroutine result2\n  print \"这是 result2 协程\"\n  return \"result2 接收了一个参数：{result1}\"\n",
        },
    },
    Preset {
        id: "never-awaited",
        section: "1.4.3",
        title: Localized { en: "Calling without await", zh: "不加 await 调用协程" },
        notice: Localized { en: "The warning, then the value 11 once net is awaited.", zh: "先是警告，await 之后才得到 11。" },
        source: Localized {
            en: "title \"Calling a coroutine without await\"\nrun sequential\n\ntask demo\n  call net\n  print \"net() was called, but nothing ran\"\n  await net\n  print \"await net() gave {net}\"\n\ncoroutine net\n  return \"11\"\n",
            zh: "title \"不加 await 调用协程\"\nrun sequential\n\ntask demo\n  call net\n  print \"调用了 net()，但什么也没有运行\"\n  await net\n  print \"await net() 得到 {net}\"\n\ncoroutine net\n  return \"11\"\n",
        },
    },
    Preset {
        id: "create-task",
        section: "1.4.3",
        title: Localized { en: "asyncio.create_task", zh: "asyncio.create_task" },
        notice: Localized { en: "net starts while demo sleeps; demo waits on the join.", zh: "demo 睡眠时 net 已经开始；demo 在 join 处等待。" },
        source: Localized {
            en: "title \"create_task: a task starts on its own\"\nrun sequential\n\ntask demo\n  spawn net\n  print \"task created; demo keeps going\"\n  sleep 50\n  print \"demo awaits the task\"\n  await net\n  print \"joined: {net}\"\n\ncoroutine net\n  print \"net runs as its own task\"\n  sleep 100\n  return \"11\"\n",
            zh: "title \"create_task：任务自己开始运行\"\nrun sequential\n\ntask demo\n  spawn net\n  print \"任务已创建；demo 继续执行\"\n  sleep 50\n  print \"demo 等待这个任务\"\n  await net\n  print \"join 得到：{net}\"\n\ncoroutine net\n  print \"net 作为独立的任务运行\"\n  sleep 100\n  return \"11\"\n",
        },
    },
    Preset {
        id: "gather-vs-wait",
        section: "1.4.4",
        title: Localized { en: "Ten num(i) tasks: gather and wait", zh: "十个 num(i) 任务：gather 与 wait" },
        notice: Localized { en: "Start order 0..9, completion order 9..0, result order 0..9. Change run to as_completed.", zh: "开始顺序 0..9，完成顺序 9..0，结果顺序 0..9。试着把 run 改成 as_completed。" },
        source: Localized {
            en: "title \"Ten num(i) tasks: start, completion and result order\"\nrun gather\n\ntask num x10\n  print \"current number {i}\"\n  sleep 900-100*{i}\n  print \"waited for {i}\"\n  return \"{i}\"\n",
            zh: "title \"十个 num(i) 任务：开始、完成与结果顺序\"\nrun gather\n\ntask num x10\n  print \"当前的数字是：{i}\"\n  sleep 900-100*{i}\n  print \"等待时间：{i}\"\n  return \"{i}\"\n",
        },
    },
    Preset {
        id: "call-soon",
        section: "1.4.5",
        title: Localized { en: "loop.call_soon", zh: "loop.call_soon" },
        notice: Localized { en: "Both callbacks run after demo's print, in the order queued.", zh: "两个回调都在 demo 的打印之后运行，并按排队顺序执行。" },
        source: Localized {
            en: "title \"call_soon: plain callbacks on the loop\"\nrun sequential\n\ntask demo\n  print \"register callbacks\"\n  call_soon \"callback got 1, default\"\n  call_soon \"callback got 2, not default\"\n  print \"callbacks wait until demo awaits\"\n  sleep 200\n  print \"demo done\"\n",
            zh: "title \"call_soon：事件循环上的普通回调\"\nrun sequential\n\ntask demo\n  print \"注册回调\"\n  call_soon \"回调获取参数：1，默认值\"\n  call_soon \"回调获取参数：2，非默认值\"\n  print \"仍在 demo 中：回调要等事件循环空闲\"\n  sleep 200\n  print \"demo 结束\"\n",
        },
    },
    Preset {
        id: "hello-world",
        section: "2",
        title: Localized { en: "Hello, world: four waits at once", zh: "Hello, world：四个等待同时进行" },
        notice: Localized { en: "Total time ≈ 3000 ms; hello 0..3 then world 0..3.", zh: "总时间约 3000 毫秒；先 hello 0..3，再 world 0..3。" },
        source: Localized {
            en: "title \"Hello, world: four waits at once\"\nrun gather\n\ntask hello x4\n  print \"hello {i}\"\n  sleep 3000\n  print \"world {i}\"\n",
            zh: "title \"Hello, world：四个等待同时进行\"\nrun gather\n\ntask hello x4\n  print \"hello {i}\"\n  sleep 3000\n  print \"world {i}\"\n",
        },
    },
    Preset {
        id: "blocking-sleep",
        section: "2",
        title: Localized { en: "time.sleep blocks everything", zh: "time.sleep 会阻塞一切" },
        notice: Localized { en: "Total ≈ 4000 ms, and the page freezes during each block.", zh: "总时间约 4000 毫秒，每次阻塞时页面都会卡住。" },
        source: Localized {
            en: "title \"time.sleep blocks everything\"\nrun gather\n\ntask hello x4\n  print \"hello {i}\"\n  block 1000\n  print \"world {i}\"\n",
            zh: "title \"time.sleep 会阻塞一切\"\nrun gather\n\ntask hello x4\n  print \"hello {i}\"\n  block 1000\n  print \"world {i}\"\n",
        },
    },
    Preset {
        id: "crawler",
        section: "3",
        title: Localized { en: "An asynchronous crawler", zh: "异步爬虫" },
        notice: Localized { en: "Three pages at a time; try run sequential and run gather.", zh: "一次三页；试试 run sequential 和 run gather。" },
        source: Localized {
            en: "title \"A crawler of nine pages\"\nrun limit 3\nlatency 300\n\ntask crawl x9\n  fetch \"site/{n}.html\" select \".post .author\"\n  print \"page {n} crawled\"\n",
            zh: "title \"爬取九个页面的爬虫\"\nrun limit 3\nlatency 300\n\ntask crawl x9\n  fetch \"site/{n}.html\" select \".post .author\"\n  print \"第 {n} 页爬取完成\"\n",
        },
    },
    Preset {
        id: "executor",
        section: "4",
        title: Localized { en: "run_in_executor and worker pools", zh: "run_in_executor 与进程池" },
        notice: Localized { en: "Change offload compute to compute and compare the times.", zh: "把 offload compute 改成 compute，比较用时。" },
        source: Localized {
            en: "title \"CPU work in a worker pool\"\nrun gather\nworkers 4\n\ntask job x4\n  print \"job {i} starts\"\n  offload compute 500\n  print \"job {i} done\"\n",
            zh: "title \"工作池中的 CPU 计算\"\nrun gather\nworkers 4\n\ntask job x4\n  print \"任务 {i} 开始\"\n  offload compute 500\n  print \"任务 {i} 完成\"\n",
        },
    },
    Preset {
        id: "not-random",
        section: "2",
        title: Localized { en: "The order is not random", zh: "顺序并不随机" },
        notice: Localized { en: "Run it again: the same order every time.", zh: "再运行一次：每次顺序都一样。" },
        source: Localized {
            en: "title \"The order is not random\"\nrun wait\n\ntask hello x4\n  print \"hello {i}\"\n  sleep 3000\n  print \"world {i}\"\n",
            zh: "title \"顺序并不随机\"\nrun wait\n\ntask hello x4\n  print \"hello {i}\"\n  sleep 3000\n  print \"world {i}\"\n",
        },
    },
];

/// What each preset explains, including where the tutorial is wrong, by
/// preset id. The worker answers the Notes tab with it ([`NotesAsk`]), so
/// the page's first load does not carry these texts.
const EXPLANATIONS: [(&str, Localized); 11] = [
    (
        "hello",
        Localized {
        en: "Calling an async function only creates a coroutine object. Its body runs when the event loop runs it: here main creates the task, and foo's first line runs on the loop's next turn.",
        zh: "调用异步函数只会创建一个协程对象，函数体要等事件循环来运行它：这里 main 创建了任务，foo 的第一行在事件循环的下一轮才执行。",
    },
    ),
    (
        "chain",
        Localized {
        en: "await runs the called coroutine to its end, inside the same task, and hands back its return value. result2 receives the value of result1.",
        zh: "await 会在同一个任务里把被调用的协程运行到结束，并交回它的返回值。result2 拿到了 result1 的返回值。",
    },
    ),
    (
        "never-awaited",
        Localized {
        en: "net() without await creates a coroutine and throws it away: its body never runs, and Python warns \"coroutine 'net' was never awaited\". With await it runs and returns 11.",
        zh: "不加 await 调用 net() 只是创建了协程又把它丢掉：函数体从未运行，Python 会警告 \"coroutine 'net' was never awaited\"。加上 await 后它才运行并返回 11。",
    },
    ),
    (
        "create-task",
        Localized {
        en: "create_task wraps a coroutine in a task that starts on its own at the loop's next turn, while the creator keeps going. Awaiting the task later joins it and gives its result.",
        zh: "create_task 把协程包装成任务，任务在事件循环的下一轮自己开始运行，创建者继续往下执行。之后 await 这个任务就是等它结束并拿到结果。",
    },
    ),
    (
        "gather-vs-wait",
        Localized {
        en: "The tutorial's num(i) tasks, sleeping 9 − i tenths of a second so that they finish in reverse. Tasks start in the order they were created; gather gives results in input order; as_completed in completion order. (asyncio.wait takes tasks, not coroutines, since Python 3.11.) To compare, press Pin this run, change run gather to run as_completed and run again: the Compare tab marks where the orders differ.",
        zh: "教程中的 num(i) 任务，这里睡眠 (9 − i) × 0.1 秒，所以它们倒序结束。任务按创建顺序开始；gather 按输入顺序给出结果；as_completed 按完成顺序。（从 Python 3.11 起 asyncio.wait 只接受任务，不接受协程。）想比较的话，点“固定本次运行”，把 run gather 改成 run as_completed 再运行：“比较”标签页会标出顺序不同的地方。",
    },
    ),
    (
        "call-soon",
        Localized {
        en: "call_soon queues a plain function on the loop. It does not run at once: it waits in the ready queue, first in first out, until the running task gives the loop back.",
        zh: "call_soon 把一个普通函数排进事件循环。它不会立即执行：它在就绪队列里先进先出地等待，直到当前任务把事件循环让出来。",
    },
    ),
    (
        "hello-world",
        Localized {
        en: "Four hello(i) coroutines each wait 3 seconds. While one waits, the loop runs the others, so all four waits overlap: about 3 seconds in all, not 12. To see the 12, press Pin this run, change run gather to run sequential and run again: the Compare tab puts the two runs on one time axis, with the ratio.",
        zh: "四个 hello(i) 协程各等待 3 秒。一个在等待时，事件循环去运行其他的，所以四个等待重叠在一起：总共约 3 秒，而不是 12 秒。想看那 12 秒，点“固定本次运行”，把 run gather 改成 run sequential 再运行：“比较”标签页把两次运行放在同一时间轴上，并给出倍数。",
    },
    ),
    (
        "blocking-sleep",
        Localized {
        en: "time.sleep does not give the loop back: nothing else runs, not even the page. Four 1-second blocks take 4 seconds, one after another. Press Pin this run, change block 1000 to sleep 1000 and run again: the Compare tab shows 4 seconds against 1.",
        zh: "time.sleep 不会把事件循环让出来：其他任务都无法运行，连页面也会卡住。四个 1 秒的阻塞依次进行，共 4 秒。点“固定本次运行”，把 block 1000 改成 sleep 1000 再运行：“比较”标签页显示 4 秒对 1 秒。",
    },
    ),
    (
        "crawler",
        Localized {
        en: "The tutorial's aiohttp crawler of pages 1 to 9, on a small site bundled with the playground. Each fetch really goes over the network stack; a CSS selector picks the author names. At most 3 requests are in flight at once.",
        zh: "教程中用 aiohttp 爬取第 1 到 9 页的爬虫，这里爬的是随 playground 打包的小网站。每次 fetch 都是真实请求；用 CSS 选择器取出作者名。同一时间最多 3 个请求。",
    },
    ),
    (
        "executor",
        Localized {
        en: "CPU work on the loop holds it: nothing else runs. Sent to a pool of workers (Web Workers here, processes in Python) it runs in parallel while the loop stays free. The tutorial's timing table takes three runs: press Pin this run; change offload compute to compute (on the loop, one job after another, like the serial code) and run, then pin that too; put offload back, set workers 2 and run again. The Compare tab lays the three side by side with their totals and ratios.",
        zh: "在事件循环上做 CPU 计算会占住它，别的都无法运行。把计算交给工作池（这里是 Web Worker，Python 中是进程池）就能并行运行，事件循环保持空闲。教程里的用时对比表三次运行就能做出来：点“固定本次运行”；把 offload compute 改成 compute（在事件循环上一个接一个地算，如同串行代码）再运行，也固定下来；再改回 offload compute，把 workers 改成 2，运行一次。“比较”标签页把三次运行并排列出，给出各自的总用时和倍数。",
    },
    ),
    (
        "not-random",
        Localized {
        en: "The tutorial says the order is random and decided by the operating system. It is not: the ready queue is first in, first out, and timers fire by deadline. Its shuffled output came from Python 3.7's asyncio.wait, which put the coroutines into a set before making tasks.",
        zh: "教程说执行顺序是随机的、由操作系统决定。其实不是：就绪队列先进先出，定时器按到期时间触发。教程里乱序的输出来自 Python 3.7 的 asyncio.wait，它先把协程放进一个集合（set）再创建任务。",
    },
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::print::print;
    use crate::model::simulate::simulate;
    use crate::model::trace::{
        completion_order, printed_lines, result_order, start_order, total_ms,
    };

    #[test]
    fn every_preset_parses_prints_back_identically_and_simulates() {
        for preset in catalog() {
            let program = preset.program();
            assert_eq!(
                print(&program),
                preset.source.en,
                "preset {} is not in canonical form",
                preset.id
            );
            assert!(
                !simulate(&program).is_empty(),
                "preset {} simulates to nothing",
                preset.id
            );
        }
    }

    #[test]
    fn the_chinese_programs_are_the_english_ones_with_other_text() {
        for preset in catalog() {
            let zh = parse(preset.source.zh).unwrap_or_else(|e| panic!("{}: {e}", preset.id));
            assert_eq!(
                print(&zh),
                preset.source.zh,
                "preset {} (zh) is not canonical",
                preset.id
            );
            let shape = |program: &CheckedProgram| -> Vec<(String, &'static str)> {
                simulate(program)
                    .into_iter()
                    .map(|e| (e.task.to_string(), e.kind.name()))
                    .collect()
            };
            assert_eq!(
                shape(&zh),
                shape(&preset.program()),
                "preset {} runs differently in Chinese",
                preset.id
            );
        }
    }

    #[test]
    fn the_catalog_has_the_eleven_designed_demos() {
        let ids: Vec<_> = catalog().iter().map(|p| p.id).collect();
        assert_eq!(
            ids,
            [
                "hello",
                "chain",
                "never-awaited",
                "create-task",
                "gather-vs-wait",
                "call-soon",
                "hello-world",
                "blocking-sleep",
                "crawler",
                "executor",
                "not-random"
            ]
        );
        for preset in catalog() {
            let explained = explanation(preset.id)
                .unwrap_or_else(|| panic!("{} has no explanation", preset.id));
            for text in [preset.title, explained, preset.notice, preset.source] {
                assert!(
                    !text.en.is_empty() && !text.zh.is_empty(),
                    "{} lacks a translation",
                    preset.id
                );
            }
        }
    }

    #[test]
    fn hello_world_prints_all_hellos_then_all_worlds_in_one_wait() {
        let events = simulate(&find("hello-world").unwrap().program());
        assert_eq!(
            printed_lines(&events),
            [
                "hello 0", "hello 1", "hello 2", "hello 3", "world 0", "world 1", "world 2",
                "world 3"
            ]
        );
        assert_eq!(total_ms(&events), 3000.0);
    }

    #[test]
    fn blocking_sleep_adds_up() {
        assert_eq!(
            total_ms(&simulate(&find("blocking-sleep").unwrap().program())),
            4000.0
        );
    }

    #[test]
    fn gather_vs_wait_shows_three_different_orders() {
        let events = simulate(&find("gather-vs-wait").unwrap().program());
        let names: Vec<String> = (0..10).map(|i| format!("num{i}")).collect();
        let reversed: Vec<String> = names.iter().rev().cloned().collect();
        assert_eq!(start_order(&events), names);
        assert_eq!(completion_order(&events), reversed);
        assert_eq!(result_order(&events), names);
    }

    #[test]
    fn chain_hands_result1_to_result2() {
        let events = simulate(&find("chain").unwrap().program());
        assert!(
            events
                .iter()
                .any(|e| e.key() == "chain done (result1, result2 got an argument: result1)"),
            "{events:#?}"
        );
    }

    #[test]
    fn never_awaited_warns_and_runs_nothing_until_awaited() {
        let events = simulate(&find("never-awaited").unwrap().program());
        let keys: Vec<String> = events.iter().map(|e| e.key()).collect();
        let warning = keys
            .iter()
            .position(|k| k == "demo warning coroutine 'net' was never awaited")
            .unwrap();
        let enter = keys.iter().position(|k| k == "demo enter net").unwrap();
        assert!(warning < enter);
        assert!(keys.contains(&"demo print await net() gave 11".to_string()));
    }
}
