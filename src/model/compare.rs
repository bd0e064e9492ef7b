//! Expected vs actual: a run's trace paired with the simulator's prediction.

use std::collections::HashMap;

use super::program::Work;
use super::trace::{Event, EventKind, Wait};

/// How a run compares with its prediction.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Per actual event: the index of the predicted event with the same key
    /// and occurrence, and the lateness (actual ms minus predicted ms times
    /// the time scale). `None` for measured events and unpredicted ones.
    pub pairs: Vec<Option<(usize, f64)>>,
    /// The first place the orders differ: (index among predictable events,
    /// predicted key, actual key). `None` when the order is the same.
    pub first_difference: Option<(usize, String, String)>,
    /// The program waits on measured things (fetch, workers, real CPU
    /// work), so an order difference may come from timing, not semantics.
    pub timing_dependent: bool,
}

impl Comparison {
    /// Whether the predictable events happened in the predicted order.
    pub fn same_order(&self) -> bool {
        self.first_difference.is_none()
    }

    /// Lateness of the events that resumed after a timer (`sleep`), in ms.
    pub fn timer_lateness(&self, actual: &[Event]) -> Vec<f64> {
        let mut sleeping = std::collections::HashSet::new();
        let mut lateness = Vec::new();
        for (event, pair) in actual.iter().zip(&self.pairs) {
            match &event.kind {
                EventKind::Suspend(Wait::Sleep(ms)) if *ms > 0 => {
                    sleeping.insert(&*event.task);
                }
                EventKind::Resume if sleeping.remove(&*event.task) => {
                    lateness.extend(pair.map(|(_, late)| late))
                }
                _ => {}
            }
        }
        lateness
    }
}

fn depends_on_timing(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Suspend(Wait::Worker(..) | Wait::Fetch(_)) | EventKind::Block(Work::Compute, _)
    )
}

/// What the order comparisons look at: the task and what happened (the
/// same as [`Event::key`], without making a string per event).
fn key(event: &Event) -> (&str, &EventKind) {
    (&event.task, &event.kind)
}

/// Pairs `actual` (real ms, run at `time_scale`) with `predicted` (virtual ms).
pub fn compare(predicted: &[Event], actual: &[Event], time_scale: f64) -> Comparison {
    let predictable: Vec<(usize, &Event)> = predicted
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.kind.is_measured())
        .collect();
    let mut unpaired: HashMap<(&str, &EventKind), Vec<usize>> = HashMap::new();
    for (index, event) in predictable.iter().rev() {
        unpaired.entry(key(event)).or_default().push(*index);
    }
    let mut pairs = Vec::with_capacity(actual.len());
    let mut actual_events = Vec::new();
    for event in actual {
        if event.kind.is_measured() {
            pairs.push(None);
            continue;
        }
        let pair = unpaired.get_mut(&key(event)).and_then(Vec::pop);
        pairs.push(pair.map(|index| (index, event.t_ms - predicted[index].t_ms * time_scale)));
        actual_events.push(event);
    }
    let differs_at = predictable
        .iter()
        .zip(&actual_events)
        .position(|((_, p), a)| key(p) != key(a))
        .or_else(|| {
            (predictable.len() != actual_events.len())
                .then(|| predictable.len().min(actual_events.len()))
        });
    let shown = |event: Option<&&Event>| event.map_or_else(|| "(nothing)".into(), |e| e.key());
    Comparison {
        pairs,
        first_difference: differs_at.map(|at| {
            (
                at,
                shown(predictable.get(at).map(|(_, e)| e)),
                shown(actual_events.get(at)),
            )
        }),
        timing_dependent: predicted.iter().any(|e| depends_on_timing(&e.kind)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(t_ms: f64, task: &str, kind: EventKind) -> Event {
        Event {
            t_ms,
            task: task.into(),
            kind,
        }
    }

    #[test]
    fn the_same_trace_later_pairs_every_event_with_its_lateness() {
        let predicted = vec![
            event(0.0, "a", EventKind::Start),
            event(100.0, "a", EventKind::Resume),
        ];
        let actual = vec![
            event(1.0, "a", EventKind::Start),
            event(54.0, "a", EventKind::Lag(30)),
            event(53.0, "a", EventKind::Resume),
        ];
        let comparison = compare(&predicted, &actual, 0.5);
        assert!(comparison.same_order());
        assert_eq!(comparison.pairs, [Some((0, 1.0)), None, Some((1, 3.0))]);
    }

    #[test]
    fn a_different_order_is_reported_where_it_starts() {
        let predicted = vec![
            event(0.0, "a", EventKind::Print("1".into())),
            event(0.0, "b", EventKind::Print("2".into())),
        ];
        let actual = vec![
            event(0.0, "b", EventKind::Print("2".into())),
            event(0.0, "a", EventKind::Print("1".into())),
        ];
        let comparison = compare(&predicted, &actual, 1.0);
        assert_eq!(
            comparison.first_difference,
            Some((0, "a print 1".into(), "b print 2".into()))
        );
        assert_eq!(comparison.pairs, [Some((1, 0.0)), Some((0, 0.0))]);
        assert!(!comparison.timing_dependent);
    }

    #[test]
    fn a_missing_event_is_a_difference() {
        let predicted = vec![
            event(0.0, "a", EventKind::Start),
            event(0.0, "a", EventKind::Cancelled),
        ];
        let actual = vec![event(0.0, "a", EventKind::Start)];
        assert_eq!(
            compare(&predicted, &actual, 1.0).first_difference,
            Some((1, "a cancelled".into(), "(nothing)".into()))
        );
    }
}
