//! The Compare tab as HTML: pinned runs and the latest one side by side —
//! their totals with the ratio, their timelines on one time axis, and their
//! orders with the differences marked. The worker writes it.

use super::numbers::{duration, tenths};
use super::timeline::{timeline_html, Drawing};
use crate::model::html::escape;
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

/// The Compare tab of `runs` (the first `pinned` of them pinned, then the
/// latest), with every text in it escaped; each pinned run's row has a
/// button to unpin it (`data-unpin` is its place). Without a pinned run it
/// says how to pin one.
pub fn comparison_html(runs: &[TraceRun], pinned: usize, lang: Lang) -> String {
    let w = |key: WorkerText| key.text(lang);
    let names = labels(runs, lang);
    let unpin = |at: usize| {
        if at < pinned {
            format!(
                " <button class=\"unpin\" data-unpin=\"{at}\" aria-label=\"{} {}\">×</button>",
                escape(w(WorkerText::Unpin)),
                escape(&names[at])
            )
        } else {
            String::new()
        }
    };
    if pinned == 0 {
        return format!(
            "<p class=\"empty\">{}</p>",
            escape(w(WorkerText::CompareHint))
        );
    }
    if runs.len() < 2 {
        return format!(
            "<p class=\"empty\">{}</p><p class=\"pins\">{}{}</p>",
            escape(w(WorkerText::CompareNeedsTwo)),
            escape(names.first().map_or("", String::as_str)),
            unpin(0)
        );
    }
    let totals: Vec<f64> = runs.iter().map(|run| total_ms(&run.events)).collect();
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
    let mut html = format!(
        "<div class=\"comparison\"><p class=\"ratio\">{}",
        escape(&said.join(", "))
    );
    if let Some(ratio) = ratio(slowest).filter(|_| totals[slowest] > totals[fastest]) {
        html += &escape(&format!(
            " — {} {}{}",
            names[fastest],
            tenths(ratio),
            w(WorkerText::TimesFaster)
        ));
    }
    html += "</p><table class=\"totals\"><thead><tr>";
    for head in [
        w(WorkerText::Run),
        WorkerText::TotalTime.text(lang),
        w(WorkerText::VsFastest),
    ] {
        html += &format!("<th scope=\"col\">{}</th>", escape(head));
    }
    html += "</tr></thead><tbody>";
    for at in 0..runs.len() {
        let against = match ratio(at) {
            _ if at == fastest => w(WorkerText::Fastest).to_string(),
            Some(ratio) => format!("{}{}", tenths(ratio), w(WorkerText::TimesSlower)),
            None => "–".into(),
        };
        html += &format!(
            "<tr><th scope=\"row\">{}{}</th><td>{}</td><td>{}</td></tr>",
            escape(&names[at]),
            unpin(at),
            escape(&duration(totals[at], lang)),
            escape(&against)
        );
    }
    html += "</tbody></table>";
    let end = totals.iter().fold(1.0_f64, |end, total| end.max(*total));
    html += &format!("<h3>{}</h3>", escape(w(WorkerText::RunsOnOneAxis)));
    for (run, name) in runs.iter().zip(&names) {
        let caption = format!("{name} · {}", duration(total_ms(&run.events), lang));
        html += &timeline_html(
            &run.events,
            &Drawing {
                lang,
                lints: false,
                end_ms: Some(end),
                caption: Some(&caption),
                zoomable: false,
            },
        );
    }
    html += &orders_html(runs, &names, lang);
    html + "</div>"
}

/// The three orders, each run's side by side; a task not where the first
/// run had it is marked (by a sign as well as a colour).
fn orders_html(runs: &[TraceRun], names: &[String], lang: Lang) -> String {
    let w = |key: WorkerText| key.text(lang);
    let mut html = String::new();
    for (title, order) in [
        (
            WorkerText::StartOrder,
            start_order as fn(&[Event]) -> Vec<&str>,
        ),
        (WorkerText::CompletionOrder, completion_order),
        (WorkerText::ResultOrder, result_order),
    ] {
        let orders: Vec<Vec<&str>> = runs.iter().map(|run| order(&run.events)).collect();
        let same = orders.iter().all(|o| *o == orders[0]);
        html += &format!("<h3>{}", escape(w(title)));
        if same {
            html += &format!(
                " <small>({})</small>",
                escape(w(WorkerText::SameInEveryRun))
            );
        }
        html += "</h3><div class=\"orders\">";
        for (at, (tasks, name)) in orders.iter().zip(names).enumerate() {
            html += &format!("<div class=\"order\"><h4>{}</h4><ol>", escape(name));
            for (place, task) in tasks.iter().take(MAX_ROWS).enumerate() {
                if at > 0 && orders[0].get(place) != Some(task) {
                    html += &format!(
                        "<li class=\"differs\" title=\"{0}\"><span class=\"sr-only\">{0}: </span>≠ {1}</li>",
                        escape(w(WorkerText::DiffersFromFirst)),
                        escape(task)
                    );
                } else {
                    html += &format!("<li>{}</li>", escape(task));
                }
            }
            html += "</ol>";
            if tasks.len() > MAX_ROWS {
                html += &format!(
                    "<p class=\"more\">+{} {}</p>",
                    tasks.len() - MAX_ROWS,
                    escape(w(WorkerText::MoreRows))
                );
            }
            html += "</div>";
        }
        html += "</div>";
    }
    html
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
            let html = comparison_html(&runs, 0, Lang::En);
            assert!(
                html.contains(WorkerText::CompareHint.text(Lang::En)) && !html.contains("<figure"),
                "{html}"
            );
        }
    }

    #[test]
    fn gather_against_sequential_is_said_with_its_ratio() {
        let gather = run(&format!("run gather\n\n{SLEEPS}"), 1.0);
        let sequential = run(&format!("run sequential\n\n{SLEEPS}"), 1.0);
        let html = comparison_html(&[sequential, gather], 1, Lang::En);
        assert!(
            html.contains("run sequential: 6.0 s, run gather: 3.0 s — run gather 2.0× faster"),
            "{html}"
        );
        assert!(html.contains("2.0× as long") && html.contains("fastest"));
        assert_eq!(html.matches("<figure class=\"timeline\"").count(), 2);
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
    fn orders_that_differ_from_the_first_run_are_marked_and_every_text_is_escaped() {
        let a = run(
            "title \"<a>\"\nrun gather\n\ntask x\n  sleep 10\n\ntask y\n  sleep 20\n",
            1.0,
        );
        let b = run(
            "title \"<b>\"\nrun gather\n\ntask x\n  sleep 20\n\ntask y\n  sleep 10\n",
            1.0,
        );
        let html = comparison_html(&[a, b], 2, Lang::Zh);
        assert!(!html.contains("<a>") && html.contains("&lt;a&gt;"));
        assert!(html.contains("class=\"differs\""), "{html}");
        assert!(
            html.contains(WorkerText::SameInEveryRun.text(Lang::Zh)),
            "start orders agree"
        );
        assert!(comparison_html(&[run(SLEEPS, 1.0)], 1, Lang::En)
            .contains(WorkerText::CompareNeedsTwo.text(Lang::En)));
    }
}
