//! The Orders tab's report as HTML: start, completion and result orders
//! side by side (with the prediction's when shown), the totals, and how the
//! run compares with the prediction. The worker writes it, so the page's
//! first load carries neither the analyses nor their markup.

use super::compare::{compare_with, Prediction};
use super::html::escape;
use super::i18n::{Key, Lang, WorkerText};
use super::numbers::tenths;
use super::trace::{
    blocked_ms, completion_order, result_order, start_order, sum_of_waits_ms, total_ms,
    worst_lag_ms, Event,
};

/// Rows shown per order; a run of thousands of tasks lists the rest as a count.
const MAX_ROWS: usize = 50;

/// What the Orders tab shows of a run.
pub struct OrdersReport<'a> {
    /// The run's events so far (none before a run).
    pub events: &'a [Event],
    /// The simulator's prediction for the program that ran, if it parses.
    pub prediction: Option<&'a Prediction>,
    /// Whether the learner asked to see the predicted orders.
    pub reveal: bool,
    /// The time scale the run ran at.
    pub time_scale: f64,
    pub lang: Lang,
}

impl OrdersReport<'_> {
    /// The report as HTML with one root element, every text in it escaped.
    pub fn html(&self) -> String {
        format!("<div class=\"report\">{}</div>", self.body())
    }

    fn body(&self) -> String {
        let t = |key: WorkerText| key.text(self.lang);
        let events = self.events;
        let shown = |order: fn(&Prediction) -> &Vec<String>| {
            self.prediction.filter(|_| self.reveal).map(|prediction| {
                order(prediction)
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
            })
        };
        let mut html = String::from("<div class=\"orders\">");
        for (title, actual, predicted) in [
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
        ] {
            html += &column(
                t(title),
                &actual,
                predicted.as_deref(),
                t(WorkerText::MoreRows),
            );
        }
        html += "</div>";
        if events.is_empty() {
            html += &format!("<p class=\"empty\">{}</p>", escape(t(WorkerText::NoOrders)));
            return html;
        }
        let (total, waits) = (total_ms(events), sum_of_waits_ms(events));
        let ms = Key::Ms.text(self.lang);
        let speedup = if total > 0.0 {
            format!("{}×", tenths(waits / total))
        } else {
            "–".into()
        };
        html += "<dl class=\"totals\">";
        for (key, value) in [
            (
                WorkerText::TotalTime.text(self.lang),
                format!("{} {ms}", whole(total)),
            ),
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
        ] {
            html += &format!("<dt>{}</dt><dd>{}</dd>", escape(key), escape(&value));
        }
        html += "</dl>";
        if let Some(prediction) = self.prediction {
            let comparison = compare_with(&prediction.expected, events, self.time_scale);
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
            let class = if comparison.same_order() {
                "finding"
            } else {
                "finding differs"
            };
            html += &format!("<p class=\"{class}\">{}", escape(&said));
            if comparison.timing_dependent {
                html += &format!("<br>{}", escape(t(WorkerText::TimingDependent)));
            }
            html += "</p>";
        }
        html
    }
}

/// One order's column: the run's tasks (those out of the predicted place
/// marked), a count of the rows left out, and the predicted order.
fn column(title: &str, actual: &[&str], predicted: Option<&[&str]>, more: &str) -> String {
    let mut html = format!("<div class=\"order\"><h3>{}</h3><ol>", escape(title));
    for (at, task) in actual.iter().take(MAX_ROWS).enumerate() {
        let differs = predicted.is_some_and(|p| p.get(at) != Some(task));
        let class = if differs { " class=\"differs\"" } else { "" };
        html += &format!("<li{class}>{}</li>", escape(task));
    }
    html += "</ol>";
    let hidden = actual.len().saturating_sub(MAX_ROWS);
    if hidden > 0 {
        html += &format!("<p class=\"more\">+{hidden} {}</p>", escape(more));
    }
    if let Some(predicted) = predicted {
        html += "<ol class=\"predicted\">";
        for task in predicted.iter().take(MAX_ROWS) {
            html += &format!("<li>{}</li>", escape(task));
        }
        html += "</ol>";
    }
    html + "</div>"
}

/// What the page asks the worker for the Orders report: a line each for
/// the page's language and `1` when the prediction is shown, then the
/// run's trace (`trace_export::trace_json` as JSON text, with the program
/// that ran).
pub fn orders_request(lang: Lang, reveal: bool, trace: &str, predicted: Option<&str>) -> String {
    let mut request = format!("{}\n{}\n{trace}", lang.code(), u8::from(reveal));
    if let Some(predicted) = predicted {
        request.push('\n');
        request.push_str(predicted);
    }
    request
}

/// `ms` rounded to a whole number, as text.
fn whole(ms: f64) -> String {
    (ms.round() as i64).to_string()
}

/// `value` with one digit after the point.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse::parse;
    use crate::model::presets::catalog;
    use crate::model::simulate::simulate;

    fn report(events: &[Event], prediction: Option<&Prediction>, reveal: bool) -> String {
        OrdersReport {
            events,
            prediction,
            reveal,
            time_scale: 1.0,
            lang: Lang::En,
        }
        .html()
    }

    #[test]
    fn a_run_in_the_predicted_order_says_so_with_its_totals() {
        for preset in catalog() {
            let events = simulate(&preset.program());
            let prediction = Prediction::of(&events);
            let html = report(&events, Some(&prediction), true);
            assert!(
                html.contains("<p class=\"finding\">The run happened in the predicted order."),
                "{}: {html}",
                preset.id
            );
            assert_eq!(html.matches("<dt>").count(), 5);
            assert!(!html.contains("class=\"differs\""), "{}", preset.id);
            assert_eq!(html.matches("<ol class=\"predicted\">").count(), 3);
        }
    }

    #[test]
    fn before_a_run_the_columns_are_empty_and_the_page_says_to_run() {
        let html = report(&[], None, false);
        assert!(
            html.contains("Press Run") && !html.contains("totals") && !html.contains("finding")
        );
        assert_eq!(html.matches("<div class=\"order\">").count(), 3);
    }

    #[test]
    fn a_different_order_is_marked_where_it_differs() {
        let ran =
            simulate(&parse("run gather\n\ntask a\n  sleep 10\ntask b\n  sleep 20\n").unwrap());
        let other =
            simulate(&parse("run gather\n\ntask a\n  sleep 30\ntask b\n  sleep 20\n").unwrap());
        let html = report(&ran, Some(&Prediction::of(&other)), true);
        assert!(
            html.contains("<p class=\"finding differs\">The order differs"),
            "{html}"
        );
        assert!(html.contains("<li class=\"differs\">a</li>"), "{html}");
    }

    #[test]
    fn what_the_program_writes_is_escaped() {
        let ran = simulate(
            &parse("task evil\n  print \"<img src=x onerror=alert(1)> & 'q' </ol>\"\n").unwrap(),
        );
        let other = simulate(&parse("task evil\n  yield\n").unwrap());
        let html = report(&ran, Some(&Prediction::of(&other)), true);
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &#39;q&#39; &lt;/ol&gt;"),
            "{html}"
        );
        assert!(
            !html.contains("<img") && html.matches("</ol>").count() == 6,
            "{html}"
        );
    }

    #[test]
    fn numbers_are_written_without_float_formatting() {
        assert_eq!(
            (whole(2999.6), whole(0.4), tenths(3.96), tenths(1.04)),
            ("3000".into(), "0".into(), "4.0".into(), "1.0".into())
        );
    }
}
