//! What a screen reader hears of a run: the prints, completions and
//! failures of each batch of events, a few at a time, and the run's summary
//! (its orders, total time and worst lag) once it has ended. The worker
//! writes both with the timeline.

use super::numbers::duration;
use crate::model::i18n::{Lang, WorkerText};
use crate::model::trace::{
    completion_order, result_order, start_order, total_ms, worst_lag_ms, Event, EventKind,
};

/// Events said of a batch at most; the rest are counted.
const MAX_SAID: usize = 3;
/// Tasks named in each of the summary's orders at most.
const MAX_NAMED: usize = 12;

/// The prints, completions and failures among `batch`, the last few said
/// in full and the ones before counted (empty when there are none).
pub fn batch_news(batch: &[Event], lang: Lang) -> String {
    let news: Vec<&Event> = batch
        .iter()
        .filter(|event| {
            matches!(
                event.kind,
                EventKind::Print(_)
                    | EventKind::Done(_)
                    | EventKind::Failed(_)
                    | EventKind::Cancelled
            )
        })
        .collect();
    let earlier = news.len().saturating_sub(MAX_SAID);
    let said = news[earlier..]
        .iter()
        .map(|event| format!("{}: {}", event.task, event.describe(lang)))
        .collect::<Vec<_>>()
        .join("; ");
    match earlier {
        0 => said,
        _ => format!("(+{earlier}) {said}"),
    }
}

/// The run of `events` in a few sentences: how many tasks, the three
/// orders, the total time and the loop's worst lag.
pub fn run_summary(events: &[Event], lang: Lang) -> String {
    let w = |key: WorkerText| key.text(lang);
    let named = |tasks: Vec<&str>| {
        if tasks.is_empty() {
            return "–".to_string();
        }
        let more = tasks.len().saturating_sub(MAX_NAMED);
        let mut list = tasks[..tasks.len() - more].join(", ");
        if more > 0 {
            list += &format!(" (+{more})");
        }
        list
    };
    let started = start_order(events);
    format!(
        "{}: {}. {}: {}. {}: {}. {}: {}. {}: {}. {}: {}.",
        w(WorkerText::Tasks),
        started.len(),
        w(WorkerText::StartOrder),
        named(started),
        w(WorkerText::CompletionOrder),
        named(completion_order(events)),
        w(WorkerText::ResultOrder),
        named(result_order(events)),
        WorkerText::TotalTime.text(lang),
        duration(total_ms(events), lang),
        w(WorkerText::WorstLag),
        duration(worst_lag_ms(events) as f64, lang),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse::parse;
    use crate::model::simulate::simulate;

    #[test]
    fn a_batch_says_its_last_prints_and_ends_and_counts_the_rest() {
        let events = simulate(
            &parse("run gather\n\ntask t x4\n  print \"hi {i}\"\n  sleep 10\n  return \"{i}\"\n")
                .unwrap(),
        );
        let news = batch_news(&events, Lang::En);
        assert!(
            news.starts_with("(+6) "),
            "4 prints, 4 tasks and main ending, 3 said: {news}"
        );
        assert!(news.contains("t3: finished"), "{news}");
        assert_eq!(
            batch_news(&events[..1], Lang::En),
            "",
            "main starting is not news"
        );
        let first_print = events
            .iter()
            .position(|e| matches!(e.kind, EventKind::Print(_)))
            .unwrap();
        assert_eq!(
            batch_news(&events[first_print..=first_print], Lang::En),
            "t0: printed \"hi 0\""
        );
    }

    #[test]
    fn the_summary_gives_the_orders_the_total_and_the_worst_lag() {
        let events = simulate(&parse("run gather\n\ntask t x3\n  sleep 300-100*{i}\n").unwrap());
        let summary = run_summary(&events, Lang::En);
        assert!(summary.contains("Start order: t0, t1, t2."), "{summary}");
        assert!(
            summary.contains("Completion order: t2, t1, t0."),
            "{summary}"
        );
        assert!(summary.contains("Result order: t0, t1, t2."), "{summary}");
        assert!(summary.contains("Total time: 300 ms."), "{summary}");
        let many = simulate(&parse("run gather\n\ntask t x30\n  sleep 1\n").unwrap());
        assert!(
            run_summary(&many, Lang::Zh).contains("(+18)"),
            "30 tasks, 12 named"
        );
        assert!(
            run_summary(&[], Lang::En).contains("Start order: –."),
            "no task yet"
        );
    }
}
