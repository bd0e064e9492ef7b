//! The Compare tab as data: pinned runs and the latest one side by side —
//! their totals with the ratio, their timelines on one time axis, and their
//! orders with the differences marked. The worker makes it; `ui::compare`
//! shows it.

use serde::{Deserialize, Serialize};

use super::numbers::{duration, tenths};
use super::timeline::{chart, Chart, Drawing};
use crate::model::i18n::{Lang, WorkerText};
use crate::model::parse::parse;
use crate::model::trace::{completion_order, result_order, start_order, total_ms, Event};
use crate::model::trace_export::TraceRun;

/// Tasks listed per order at most.
const MAX_ROWS: usize = 30;

/// What each run is called: the programs' titles when they differ, else
/// the first line of each program that the others do not have, with the
/// time scale when the runs' scales differ; "Run N" when nothing tells
/// them apart.
fn labels(runs: &[TraceRun], lang: Lang) -> Vec<String> {
    let titles: Vec<Option<String>> = runs
        .iter()
        .map(|run| parse(&run.program).ok().and_then(|p| p.title.clone()))
        .collect();
    let distinct = |names: &[Option<String>]| {
        names.iter().enumerate().all(|(at, name)| {
            name.is_some() && names.iter().skip(at + 1).all(|other| other != name)
        })
    };
    let mut names = if distinct(&titles) {
        titles
    } else {
        runs.iter()
            .enumerate()
            .map(|(at, run)| {
                run.program
                    .lines()
                    .map(str::trim)
                    .find(|line| {
                        !line.is_empty()
                            && runs.iter().enumerate().all(|(other, them)| {
                                other == at || !them.program.lines().any(|l| l.trim() == *line)
                            })
                    })
                    .map(str::to_string)
            })
            .collect()
    };
    let scales_differ = runs.iter().any(|run| run.time_scale != runs[0].time_scale);
    if !distinct(&names) && !scales_differ {
        names = vec![None; runs.len()];
    }
    names
        .into_iter()
        .zip(runs)
        .enumerate()
        .map(|(at, (name, run))| {
            let name = name.unwrap_or_else(|| format!("{} {}", WorkerText::Run.text(lang), at + 1));
            if scales_differ {
                format!(
                    "{name} ({} ×{})",
                    WorkerText::Scale.text(lang),
                    run.time_scale
                )
            } else {
                name
            }
        })
        .collect()
}

/// What the page asks the worker for the Compare tab: the runs (each
/// one's trace as JSON text, with its program and time scale), the first
/// `pinned` of them pinned, then the latest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonAsk {
    pub lang: Lang,
    pub pinned: usize,
    pub traces: Vec<String>,
}

/// The Compare tab: what to do first, or the runs side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Said instead of a comparison: how to pin a run, or that one more is
    /// needed.
    pub hint: Option<String>,
    /// Each run's row (only the pinned one's while one more is needed).
    pub runs: Vec<RunRow>,
    /// What an unpin button says before its run's name.
    pub unpin: String,
    /// The runs' totals in a sentence, with the ratio.
    pub said: String,
    /// The totals table's column heads.
    pub heads: [String; 3],
    /// The heading of the runs' timelines on one axis.
    pub axis: String,
    pub charts: Vec<Chart>,
    pub orders: Vec<OrderSet>,
}

/// A run's row: its name, whether it is pinned, its total and how it
/// compares with the fastest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRow {
    pub name: String,
    pub pinned: bool,
    pub total: String,
    pub against: String,
}

/// One order of every run, side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderSet {
    pub title: String,
    /// Said when every run has the same order.
    pub same: Option<String>,
    pub columns: Vec<RunOrder>,
}

/// One run's order: its tasks, each marked with what is said of it when
/// it is not where the first run had it, and the rows left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunOrder {
    pub name: String,
    pub rows: Vec<(String, Option<String>)>,
    pub more: Option<String>,
}

/// The Compare tab of `runs` (the first `pinned` of them pinned, then the
/// latest). Without a pinned run it says how to pin one.
pub fn comparison(runs: &[TraceRun], pinned: usize, lang: Lang) -> Comparison {
    let w = |key: WorkerText| key.text(lang).to_string();
    let names = labels(runs, lang);
    let mut comparison = Comparison {
        hint: None,
        runs: Vec::new(),
        unpin: w(WorkerText::Unpin),
        said: String::new(),
        heads: [
            w(WorkerText::Run),
            w(WorkerText::TotalTime),
            w(WorkerText::VsFastest),
        ],
        axis: w(WorkerText::RunsOnOneAxis),
        charts: Vec::new(),
        orders: Vec::new(),
    };
    if pinned == 0 {
        comparison.hint = Some(w(WorkerText::CompareHint));
        return comparison;
    }
    let totals: Vec<f64> = runs.iter().map(|run| total_ms(&run.events)).collect();
    let row = |at: usize, against: String| RunRow {
        name: names[at].clone(),
        pinned: at < pinned,
        total: duration(totals[at], lang),
        against,
    };
    if runs.len() < 2 {
        comparison.hint = Some(w(WorkerText::CompareNeedsTwo));
        comparison.runs = (0..runs.len()).map(|at| row(at, String::new())).collect();
        return comparison;
    }
    let fastest = (0..runs.len())
        .min_by(|&a, &b| totals[a].total_cmp(&totals[b]))
        .unwrap_or(0);
    let slowest = (0..runs.len())
        .max_by(|&a, &b| totals[a].total_cmp(&totals[b]))
        .unwrap_or(0);
    let ratio = |at: usize| (totals[fastest] > 0.0).then(|| totals[at] / totals[fastest]);
    let said: Vec<String> = (0..runs.len())
        .map(|at| format!("{}: {}", names[at], duration(totals[at], lang)))
        .collect();
    comparison.said = said.join(", ");
    if let Some(ratio) = ratio(slowest).filter(|_| totals[slowest] > totals[fastest]) {
        comparison.said += &format!(
            " — {} {}{}",
            names[fastest],
            tenths(ratio),
            w(WorkerText::TimesFaster)
        );
    }
    comparison.runs = (0..runs.len())
        .map(|at| {
            let against = match ratio(at) {
                _ if at == fastest => w(WorkerText::Fastest),
                Some(ratio) => format!("{}{}", tenths(ratio), w(WorkerText::TimesSlower)),
                None => "–".into(),
            };
            row(at, against)
        })
        .collect();
    comparison.charts = charts(runs, &names, &totals, lang);
    comparison.orders = orders(runs, &names, lang);
    comparison
}

/// Each run's timeline, captioned with its name and total, on one axis:
/// the longest run's.
fn charts(runs: &[TraceRun], names: &[String], totals: &[f64], lang: Lang) -> Vec<Chart> {
    let end = totals.iter().fold(1.0_f64, |end, total| end.max(*total));
    runs.iter()
        .zip(names)
        .zip(totals)
        .map(|((run, name), total)| {
            let caption = format!("{name} · {}", duration(*total, lang));
            chart(
                &run.events,
                &Drawing {
                    lang,
                    lints: false,
                    end_ms: Some(end),
                    caption: Some(&caption),
                    zoomable: false,
                },
            )
        })
        .collect()
}

/// The three orders, each run's side by side; a task not where the first
/// run had it is marked (by a sign as well as a colour, in the page).
fn orders(runs: &[TraceRun], names: &[String], lang: Lang) -> Vec<OrderSet> {
    let w = |key: WorkerText| key.text(lang).to_string();
    [
        (
            WorkerText::StartOrder,
            start_order as fn(&[Event]) -> Vec<&str>,
        ),
        (WorkerText::CompletionOrder, completion_order),
        (WorkerText::ResultOrder, result_order),
    ]
    .into_iter()
    .map(|(title, order)| {
        let orders: Vec<Vec<&str>> = runs.iter().map(|run| order(&run.events)).collect();
        let same = orders.iter().all(|o| *o == orders[0]);
        let columns = orders
            .iter()
            .zip(names)
            .enumerate()
            .map(|(at, (tasks, name))| RunOrder {
                name: name.clone(),
                rows: tasks
                    .iter()
                    .take(MAX_ROWS)
                    .enumerate()
                    .map(|(place, task)| {
                        let differs = at > 0 && orders[0].get(place) != Some(task);
                        (
                            task.to_string(),
                            differs.then(|| w(WorkerText::DiffersFromFirst)),
                        )
                    })
                    .collect(),
                more: (tasks.len() > MAX_ROWS)
                    .then(|| format!("+{} {}", tasks.len() - MAX_ROWS, w(WorkerText::MoreRows))),
            })
            .collect();
        OrderSet {
            title: w(title),
            same: same.then(|| w(WorkerText::SameInEveryRun)),
            columns,
        }
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::simulate::simulate;

    fn run(source: &str, time_scale: f64) -> TraceRun {
        TraceRun {
            program: source.into(),
            time_scale,
            events: simulate(&parse(source).expect("the program parses")),
        }
    }

    const SLEEPS: &str = "task a\n  sleep 1000\n\ntask b\n  sleep 2000\n\ntask c\n  sleep 3000\n";

    #[test]
    fn without_a_pinned_run_the_tab_says_how_to_pin_one() {
        let latest = run(&format!("run gather\n\n{SLEEPS}"), 1.0);
        for runs in [Vec::new(), vec![latest]] {
            let shown = comparison(&runs, 0, Lang::En);
            assert_eq!(
                shown.hint.as_deref(),
                Some(WorkerText::CompareHint.text(Lang::En))
            );
            assert!(shown.charts.is_empty() && shown.runs.is_empty());
        }
    }

    #[test]
    fn gather_against_sequential_is_said_with_its_ratio() {
        let gather = run(&format!("run gather\n\n{SLEEPS}"), 1.0);
        let sequential = run(&format!("run sequential\n\n{SLEEPS}"), 1.0);
        let shown = comparison(&[sequential, gather], 1, Lang::En);
        assert_eq!(
            shown.said,
            "run sequential: 6.0 s, run gather: 3.0 s — run gather 2.0× faster"
        );
        let against: Vec<&str> = shown.runs.iter().map(|row| row.against.as_str()).collect();
        assert_eq!(against, ["2.0× as long", "fastest"]);
        assert_eq!(
            shown.runs.iter().map(|row| row.pinned).collect::<Vec<_>>(),
            [true, false]
        );
        assert_eq!(shown.charts.len(), 2);
        assert!(shown
            .charts
            .iter()
            .all(|chart| chart.captioned && chart.zoom.is_none()));
    }

    #[test]
    fn runs_are_named_by_title_else_by_the_line_only_they_have_else_by_number() {
        let titled = |title: &str| run(&format!("title \"{title}\"\n{SLEEPS}"), 1.0);
        assert_eq!(
            labels(&[titled("one"), titled("two")], Lang::En),
            ["one", "two"]
        );
        let same = || run(SLEEPS, 1.0);
        assert_eq!(labels(&[same(), same()], Lang::En), ["Run 1", "Run 2"]);
        let scaled = labels(&[same(), run(SLEEPS, 0.5)], Lang::En);
        assert_eq!(scaled, ["Run 1 (time scale ×1)", "Run 2 (time scale ×0.5)"]);
        let changed = labels(
            &[
                titled("x"),
                run(
                    &format!("title \"x\"\n{}", SLEEPS.replace("3000", "300")),
                    1.0,
                ),
            ],
            Lang::En,
        );
        assert_eq!(changed, ["sleep 3000", "sleep 300"]);
    }

    #[test]
    fn orders_that_differ_from_the_first_run_are_marked() {
        let a = run(
            "title \"<a>\"\nrun gather\n\ntask x\n  sleep 10\n\ntask y\n  sleep 20\n",
            1.0,
        );
        let b = run(
            "title \"<b>\"\nrun gather\n\ntask x\n  sleep 20\n\ntask y\n  sleep 10\n",
            1.0,
        );
        let shown = comparison(&[a, b], 2, Lang::Zh);
        assert_eq!(shown.runs[0].name, "<a>");
        let [start, completion, _] = &shown.orders[..] else {
            panic!("three orders")
        };
        assert_eq!(
            start.same.as_deref(),
            Some(WorkerText::SameInEveryRun.text(Lang::Zh)),
            "start orders agree"
        );
        assert!(completion.same.is_none());
        assert!(completion.columns[1]
            .rows
            .iter()
            .any(|(_, differs)| differs.is_some()));
        assert!(completion.columns[0]
            .rows
            .iter()
            .all(|(_, differs)| differs.is_none()));
        let alone = comparison(&[run(SLEEPS, 1.0)], 1, Lang::En);
        assert_eq!(
            alone.hint.as_deref(),
            Some(WorkerText::CompareNeedsTwo.text(Lang::En))
        );
        assert_eq!(alone.runs.len(), 1);
    }
}
