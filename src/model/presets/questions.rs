//! The questions predict mode asks about each preset, written for its
//! lesson, and the generic ones it asks of an edited program or Python, in
//! English and Chinese; `views::quiz` asks and grades them.

use serde::{Deserialize, Serialize};

/// What a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// The order of the lines the run prints (callbacks' lines too).
    PrintOrder,
    /// The task that finishes first.
    FirstDone,
    /// The order in which `main` gets the tasks' results.
    ResultOrder,
    /// How long the run takes, in ms.
    Duration,
}

/// A question written for a preset: its kind, and the prompt and the hint
/// a wrong answer gets, in English and Chinese.
pub struct PresetQuestion {
    pub kind: Kind,
    pub prompt: (&'static str, &'static str),
    pub hint: (&'static str, &'static str),
}

const fn written(
    kind: Kind,
    prompt: (&'static str, &'static str),
    hint: (&'static str, &'static str),
) -> PresetQuestion {
    PresetQuestion { kind, prompt, hint }
}

/// The questions of the lesson of the preset called `id` (none for an
/// unknown one).
pub fn questions_of(id: &str) -> &'static [PresetQuestion] {
    const HOW_LONG: (&str, &str) = ("How long does the run take, in ms?", "这次运行要多少毫秒？");
    const LINES: (&str, &str) = (
        "Put the printed lines in the order the run prints them.",
        "把打印出来的行按运行时的顺序排好。",
    );
    match id {
        "hello" => {
            const {
                &[written(
                    Kind::Duration,
                    HOW_LONG,
                    (
                        "Nothing here waits: a print takes no time on the loop's clock.",
                        "这里没有任何等待：打印在事件循环的时钟上不花时间。",
                    ),
                )]
            }
        }
        "chain" => {
            const {
                &[written(
                    Kind::PrintOrder,
                    LINES,
                    (
                        "await runs the coroutine right there, before the line after it.",
                        "await 会当场运行那个协程，然后才执行下一行。",
                    ),
                )]
            }
        }
        "never-awaited" => {
            const {
                &[written(
                    Kind::PrintOrder,
                    LINES,
                    (
                        "Calling a coroutine only makes it; it runs when it is awaited.",
                        "调用协程只是创建它；要等到 await 时才运行。",
                    ),
                )]
            }
        }
        "create-task" => {
            const {
                &[written(
                    Kind::PrintOrder,
                    LINES,
                    (
                        "The new task starts only when demo gives the loop back, at its sleep.",
                        "新任务要等 demo 把事件循环让出来（在它 sleep 时）才开始。",
                    ),
                )]
            }
        }
        "gather-vs-wait" => {
            const {
                &[
            written(Kind::FirstDone, ("Which task finishes first?", "哪个任务最先完成？"), ("The shortest sleep ends first: num9 sleeps 0 ms.", "睡眠最短的先结束：num9 只睡 0 毫秒。")),
            written(Kind::ResultOrder, ("In what order does main get the results?", "main 按什么顺序拿到结果？"), ("gather gives the results in the order the tasks were passed, not the order they finish.", "gather 按传入任务的顺序给出结果，而不是按完成的顺序。")),
        ]
            }
        }
        "call-soon" => {
            const {
                &[written(
                    Kind::PrintOrder,
                    (
                        "When do the callbacks run? Put the lines in order.",
                        "回调什么时候运行？把这些行排好顺序。",
                    ),
                    (
                        "call_soon only queues a callback: it runs when demo gives the loop back.",
                        "call_soon 只是把回调排进队列：要等 demo 让出事件循环时才运行。",
                    ),
                )]
            }
        }
        "hello-world" => {
            const {
                &[
                    written(
                        Kind::Duration,
                        HOW_LONG,
                        (
                            "The four sleeps wait at the same time.",
                            "四个 sleep 是同时等待的。",
                        ),
                    ),
                    written(
                        Kind::PrintOrder,
                        LINES,
                        (
                            "Every hello prints before the first sleep ends.",
                            "所有 hello 都在第一个 sleep 结束前打印。",
                        ),
                    ),
                ]
            }
        }
        "blocking-sleep" => {
            const {
                &[written(
                    Kind::Duration,
                    HOW_LONG,
                    (
                        "block holds the loop: the four waits happen one after another.",
                        "block 占住事件循环：四次等待是一个接一个发生的。",
                    ),
                )]
            }
        }
        "crawler" => {
            const {
                &[written(Kind::ResultOrder, ("In what order does main get the pages' results?", "main 按什么顺序拿到各页的结果？"), ("With a limit, main still gathers: results come in the order the tasks were made.", "即使有数量限制，main 仍然用 gather：结果按任务创建的顺序给出。"))]
            }
        }
        "executor" => {
            const {
                &[written(
                    Kind::ResultOrder,
                    (
                        "In what order does main get the jobs' results?",
                        "main 按什么顺序拿到各个作业的结果？",
                    ),
                    (
                        "gather gives the results in the order the jobs were made, whichever worker ends first.",
                        "gather 按作业创建的顺序给出结果，不管哪个工作进程先结束。",
                    ),
                )]
            }
        }
        "not-random" => {
            const {
                &[
                    written(
                        Kind::PrintOrder,
                        LINES,
                        (
                            "The loop runs ready tasks in the order they became ready.",
                            "事件循环按任务就绪的先后顺序运行它们。",
                        ),
                    ),
                    written(
                        Kind::PrintOrder,
                        (
                            "Run it again in your head: in what order now?",
                            "在脑子里再运行一次：这次是什么顺序？",
                        ),
                        (
                            "The same program gives the same order every time: it is not random.",
                            "同一个程序每次都给出同样的顺序：它并不随机。",
                        ),
                    ),
                ]
            }
        }
        _ => &[],
    }
}

/// The questions of an edited program.
pub const GENERIC_QUESTIONS: [PresetQuestion; 3] = [
    written(
        Kind::PrintOrder,
        (
            "Put the printed lines in the order the run prints them.",
            "把打印出来的行按运行时的顺序排好。",
        ),
        (
            "Trace the loop: a task runs until it awaits, then the next ready one runs.",
            "跟着事件循环走：一个任务运行到 await 为止，然后运行下一个就绪的任务。",
        ),
    ),
    written(
        Kind::FirstDone,
        ("Which task finishes first?", "哪个任务最先完成？"),
        (
            "Add up each task's waits: the one with the least left ends first.",
            "把每个任务的等待加起来：剩余等待最少的先结束。",
        ),
    ),
    written(
        Kind::Duration,
        ("How long does the run take, in ms?", "这次运行要多少毫秒？"),
        (
            "Waits that overlap count once; what holds the loop (block, compute, time.sleep) adds up.",
            "重叠的等待只算一次；占住事件循环的（block、compute、time.sleep）时间会累加。",
        ),
    ),
];
