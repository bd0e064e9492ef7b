//! Expected vs actual: a run's trace paired with the simulator's prediction.

use std::collections::HashMap;

use crate::model::program::Work;
use crate::model::trace::{completion_order, result_order, start_order, Event, EventKind, Wait};

/// How a run compares with its prediction.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Per actual event: the index of the expected event (among those of
    /// [`Expected`]) with the same key and occurrence, and the lateness
    /// (actual ms minus predicted ms times the time scale). `None` for
    /// measured events and unpredicted ones.
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

/// Whether a run of these events waits on measured things (a worker, the
/// network, real CPU work), so its order and times depend on the machine.
pub fn timing_dependent(events: &[Event]) -> bool {
    events.iter().any(|event| {
        matches!(
            event.kind,
            EventKind::Suspend(Wait::Worker(..) | Wait::Fetch(_))
                | EventKind::Block(Work::Compute, _)
        )
    })
}

/// What a run is compared with: the predicted trace's events that a run
/// can repeat (measured ones left out), by key ([`Event::key`]) and virtual
/// time, and whether the program waits on measured things. The worker
/// makes it, so the page does not carry the simulator.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Expected {
    pub keys: Vec<String>,
    pub times_ms: Vec<f64>,
    pub timing_dependent: bool,
}

impl Expected {
    /// What `predicted` (the simulator's trace) leads a run to expect.
    pub fn of(predicted: &[Event]) -> Expected {
        let predictable = predicted.iter().filter(|e| !e.kind.is_measured());
        Expected {
            keys: predictable.clone().map(Event::key).collect(),
            times_ms: predictable.map(|e| e.t_ms).collect(),
            timing_dependent: timing_dependent(predicted),
        }
    }
}

/// The simulator's prediction as the Orders tab shows it: the three orders
/// and what a run is compared with.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Prediction {
    pub start: Vec<String>,
    pub completion: Vec<String>,
    pub result: Vec<String>,
    pub expected: Expected,
}

impl Prediction {
    /// The prediction in `predicted`, the simulator's trace.
    pub fn of(predicted: &[Event]) -> Prediction {
        let owned = |tasks: Vec<&str>| tasks.into_iter().map(str::to_string).collect();
        Prediction {
            start: owned(start_order(predicted)),
            completion: owned(completion_order(predicted)),
            result: owned(result_order(predicted)),
            expected: Expected::of(predicted),
        }
    }
}

/// Pairs `actual` (real ms, run at `time_scale`) with `predicted` (virtual ms).
pub fn compare(predicted: &[Event], actual: &[Event], time_scale: f64) -> Comparison {
    compare_with(&Expected::of(predicted), actual, time_scale)
}

/// Pairs `actual` (real ms, run at `time_scale`) with what was expected.
pub fn compare_with(expected: &Expected, actual: &[Event], time_scale: f64) -> Comparison {
    let mut unpaired: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, key) in expected.keys.iter().enumerate().rev() {
        unpaired.entry(key).or_default().push(index);
    }
    let mut pairs = Vec::with_capacity(actual.len());
    let mut actual_keys = Vec::new();
    for event in actual {
        if event.kind.is_measured() {
            pairs.push(None);
            continue;
        }
        let key = event.key();
        let pair = unpaired.get_mut(key.as_str()).and_then(Vec::pop);
        pairs.push(pair.map(|index| (index, event.t_ms - expected.times_ms[index] * time_scale)));
        actual_keys.push(key);
    }
    let differs_at = expected
        .keys
        .iter()
        .zip(&actual_keys)
        .position(|(p, a)| p != a)
        .or_else(|| {
            (expected.keys.len() != actual_keys.len())
                .then(|| expected.keys.len().min(actual_keys.len()))
        });
    let shown = |key: Option<&String>| key.map_or_else(|| "(nothing)".into(), String::clone);
    Comparison {
        pairs,
        first_difference: differs_at
            .map(|at| (at, shown(expected.keys.get(at)), shown(actual_keys.get(at)))),
        timing_dependent: expected.timing_dependent,
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
    fn a_prediction_holds_the_orders_and_what_a_run_is_compared_with() {
        let predicted = crate::model::simulate::simulate(
            &crate::model::parse::parse(
                "run gather\n\ntask a\n  sleep 20\ntask b\n  offload compute 5\n",
            )
            .unwrap(),
        );
        let prediction = Prediction::of(&predicted);
        assert_eq!(prediction.start, ["a", "b"]);
        assert_eq!(prediction.completion, ["b", "a"]);
        assert_eq!(prediction.result, ["a", "b"]);
        let expected = &prediction.expected;
        assert_eq!(expected.keys.len(), predicted.len());
        assert_eq!(expected.keys[0], predicted[0].key());
        assert!(expected.timing_dependent);
        assert!(compare_with(expected, &predicted, 1.0).same_order());
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
