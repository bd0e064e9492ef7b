//! The Orders tab's report as data: start, completion and result orders
//! side by side (with the prediction's when shown), the totals, and how the
//! run compares with the prediction. The worker makes it (and says its
//! words in the page's language), so the page's first load carries neither
//! the analyses nor their words; `ui::orders` shows it.

use serde::{Deserialize, Serialize};

use super::numbers::tenths;
use super::prediction::{compare_with, Prediction};
use crate::model::i18n::{Key, Lang, WorkerText};
use crate::model::trace::{
    blocked_ms, completion_order, result_order, start_order, sum_of_waits_ms, total_ms,
    worst_lag_ms, Event,
};

/// Rows shown per order; a run of thousands of tasks lists the rest as a count.
const MAX_ROWS: usize = 50;

/// What the page asks the worker for the Orders report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrdersAsk {
    pub lang: Lang,
    /// Whether the learner asked to see the predicted orders.
    pub reveal: bool,
    /// The run's trace (`trace_export::trace_json` as JSON text, with the
    /// program that ran).
    pub trace: String,
    /// A Python run's prediction, as trace JSON text (the worker simulates
    /// a task list's itself).
    pub predicted: Option<String>,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrdersReport {
    pub columns: Vec<OrderColumn>,
    /// What to do to see any, before a run.
    pub empty: Option<String>,
    /// The run's totals: what each is, and its value.
    pub totals: Vec<(String, String)>,
    pub finding: Option<Finding>,
}

/// One order: the run's tasks (those out of the predicted place marked),
/// how many rows are left out, and the predicted order when shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderColumn {
    pub title: String,
    pub rows: Vec<(String, bool)>,
    /// Said of the rows left out (`+N more`), if any are.
    pub more: Option<String>,
    pub predicted: Option<Vec<String>>,
}

/// How the run compares with the prediction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub said: String,
    pub differs: bool,
    /// Said when the order depends on timing the simulator cannot know.
    pub timing_dependent: Option<String>,
}

/// What the Orders tab shows of a run.
pub struct OrdersOf<'a> {
    /// The run's events so far (none before a run).
    pub events: &'a [Event],
    /// The simulator's prediction for the program that ran, if it parses.
    pub prediction: Option<&'a Prediction>,
    pub reveal: bool,
    /// The time scale the run ran at.
    pub time_scale: f64,
    pub lang: Lang,
}

impl OrdersOf<'_> {
    /// The report of this run.
    pub fn report(&self) -> OrdersReport {
        let t = |key: WorkerText| key.text(self.lang).to_string();
        let events = self.events;
        let shown = |order: fn(&Prediction) -> &Vec<String>| {
            self.prediction
                .filter(|_| self.reveal)
                .map(|prediction| order(prediction).clone())
        };
        let columns = [
            (
                WorkerText::StartOrder,
                start_order(events),
                shown(|p| &p.start),
            ),
            (
                WorkerText::CompletionOrder,
                completion_order(events),
                shown(|p| &p.completion),
            ),
            (
                WorkerText::ResultOrder,
                result_order(events),
                shown(|p| &p.result),
            ),
        ]
        .into_iter()
        .map(|(title, actual, predicted)| OrderColumn {
            title: t(title),
            rows: actual
                .iter()
                .take(MAX_ROWS)
                .enumerate()
                .map(|(at, task)| {
                    let differs = predicted
                        .as_ref()
                        .is_some_and(|p| p.get(at).map(String::as_str) != Some(*task));
                    (task.to_string(), differs)
                })
                .collect(),
            more: (actual.len() > MAX_ROWS)
                .then(|| format!("+{} {}", actual.len() - MAX_ROWS, t(WorkerText::MoreRows))),
            predicted: predicted.map(|p| p.into_iter().take(MAX_ROWS).collect()),
        })
        .collect();
        if events.is_empty() {
            return OrdersReport {
                columns,
                empty: Some(t(WorkerText::NoOrders)),
                totals: Vec::new(),
                finding: None,
            };
        }
        OrdersReport {
            columns,
            empty: None,
            totals: self.totals(),
            finding: self.finding(),
        }
    }

    fn totals(&self) -> Vec<(String, String)> {
        let events = self.events;
        let t = |key: WorkerText| key.text(self.lang).to_string();
        let (total, waits) = (total_ms(events), sum_of_waits_ms(events));
        let ms = Key::Ms.text(self.lang);
        let speedup = if total > 0.0 {
            format!("{}×", tenths(waits / total))
        } else {
            "–".into()
        };
        vec![
            (t(WorkerText::TotalTime), format!("{} {ms}", whole(total))),
            (t(WorkerText::SumOfWaits), format!("{} {ms}", whole(waits))),
            (t(WorkerText::Speedup), speedup),
            (
                t(WorkerText::LoopBlocked),
                format!("{} {ms}", whole(blocked_ms(events))),
            ),
            (
                t(WorkerText::WorstLag),
                format!("{} {ms}", worst_lag_ms(events)),
            ),
        ]
    }

    fn finding(&self) -> Option<Finding> {
        let t = |key: WorkerText| key.text(self.lang);
        let comparison = compare_with(&self.prediction?.expected, self.events, self.time_scale);
        let said = match &comparison.first_difference {
            None => t(WorkerText::SameOrder).to_string(),
            Some((at, predicted, actual)) => format!(
                "{} {}: {} “{predicted}”, {} “{actual}”.",
                t(WorkerText::OrderDiffers),
                at + 1,
                t(WorkerText::PredictedWas),
                t(WorkerText::ActualWas)
            ),
        };
        Some(Finding {
            said,
            differs: !comparison.same_order(),
            timing_dependent: comparison
                .timing_dependent
                .then(|| t(WorkerText::TimingDependent).to_string()),
        })
    }
}

/// `ms` rounded to a whole number, as text.
fn whole(ms: f64) -> String {
    (ms.round() as i64).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse::parse;
    use crate::model::presets::catalog;
    use crate::model::simulate::simulate;

    fn report(events: &[Event], prediction: Option<&Prediction>, reveal: bool) -> OrdersReport {
        OrdersOf {
            events,
            prediction,
            reveal,
            time_scale: 1.0,
            lang: Lang::En,
        }
        .report()
    }

    #[test]
    fn a_run_in_the_predicted_order_says_so_with_its_totals() {
        for preset in catalog() {
            let events = simulate(&preset.program());
            let prediction = Prediction::of(&events);
            let report = report(&events, Some(&prediction), true);
            let finding = report.finding.expect("a finding");
            assert_eq!(
                (finding.said.as_str(), finding.differs),
                ("The run happened in the predicted order.", false),
                "{}",
                preset.id
            );
            assert_eq!(report.totals.len(), 5);
            for column in &report.columns {
                assert!(
                    column.rows.iter().all(|(_, differs)| !differs),
                    "{}",
                    preset.id
                );
                assert!(column.predicted.is_some());
            }
        }
    }

    #[test]
    fn before_a_run_the_columns_are_empty_and_the_page_says_to_run() {
        let report = report(&[], None, false);
        assert!(report.empty.is_some_and(|said| said.contains("Press Run")));
        assert!(report.totals.is_empty() && report.finding.is_none());
        assert_eq!(report.columns.len(), 3);
        assert!(report.columns.iter().all(|column| column.rows.is_empty()));
    }

    #[test]
    fn a_different_order_is_marked_where_it_differs() {
        let ran =
            simulate(&parse("run gather\n\ntask a\n  sleep 10\ntask b\n  sleep 20\n").unwrap());
        let other =
            simulate(&parse("run gather\n\ntask a\n  sleep 30\ntask b\n  sleep 20\n").unwrap());
        let report = report(&ran, Some(&Prediction::of(&other)), true);
        let finding = report.finding.unwrap();
        assert!(
            finding.differs && finding.said.starts_with("The order differs"),
            "{finding:?}"
        );
        assert!(report.columns[1].rows.contains(&("a".to_string(), true)));
    }

    #[test]
    fn a_long_order_shows_its_first_rows_and_counts_the_rest() {
        let ran = simulate(&parse("task t x60\n  yield\n").unwrap());
        let report = report(&ran, None, false);
        let start = &report.columns[0];
        assert_eq!(start.rows.len(), MAX_ROWS);
        assert_eq!(start.more.as_deref(), Some("+10 more"));
    }

    #[test]
    fn numbers_are_written_without_float_formatting() {
        assert_eq!(
            (whole(2999.6), whole(0.4), tenths(3.96), tenths(1.04)),
            ("3000".into(), "0".into(), "4.0".into(), "1.0".into())
        );
    }
}
