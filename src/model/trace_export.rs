//! Trace export: the trace as versioned JSON (docs/trace-format.md), and as
//! Chrome trace event JSON that Perfetto and chrome://tracing open.

use super::json::Json;
use super::trace::{lanes, Activity, Event, EventKind, LOOP};

/// The `format` field of an exported trace.
pub const FORMAT: &str = "coroutine-playground-trace";
/// The version of the exported trace format.
pub const VERSION: u32 = 1;

/// One event as the trace format writes it.
pub fn event_json(event: &Event) -> Json {
    Json::object([
        ("t_ms", event.t_ms.into()),
        ("task", (*event.task).into()),
        ("kind", event.kind.name().into()),
        ("detail", event.kind.detail().into()),
    ])
}

/// A run's trace with the program that made it.
pub fn trace_json(program: &str, time_scale: f64, events: &[Event]) -> Json {
    Json::object([
        ("format", FORMAT.into()),
        ("version", u64::from(VERSION).into()),
        ("program", program.into()),
        ("time_scale", time_scale.into()),
        ("events", events.iter().map(event_json).collect()),
    ])
}

/// The trace as Chrome trace events: a track per task (the loop first),
/// a complete event per running, waiting or blocked slice, and an instant
/// event per trace event.
pub fn chrome_trace(events: &[Event]) -> Json {
    let mut tids: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::from([(LOOP, 0)]);
    let mut tasks: Vec<&str> = vec![LOOP];
    for event in events {
        if !tids.contains_key(&*event.task) {
            tids.insert(&event.task, tasks.len());
            tasks.push(&event.task);
        }
    }
    let tid = |task: &str| tids.get(task).map_or(0, |&tid| tid as u64);
    let mut out: Vec<Json> = tasks
        .iter()
        .enumerate()
        .map(|(tid, task)| {
            Json::object([
                ("ph", "M".into()),
                ("name", "thread_name".into()),
                ("pid", 1u64.into()),
                ("tid", (tid as u64).into()),
                ("ts", 0u64.into()),
                ("args", Json::object([("name", (*task).into())])),
            ])
        })
        .collect();
    for (task, slices) in lanes(events) {
        for slice in slices {
            let name = match &slice.activity {
                Activity::Running => "running".to_string(),
                Activity::Waiting(wait) => format!("waiting: {}", wait.detail()),
                Activity::Blocked => "blocked".to_string(),
            };
            out.push(complete(
                name,
                "task",
                tid(task),
                slice.from_ms,
                slice.to_ms - slice.from_ms,
            ));
        }
    }
    for event in events {
        if let EventKind::Lag(ms) = event.kind {
            out.push(complete(
                "loop held".into(),
                "lag",
                0,
                event.t_ms - ms as f64,
                ms as f64,
            ));
        }
        let name = format!("{} {}", event.kind.name(), event.kind.detail())
            .trim_end()
            .to_string();
        out.push(Json::object([
            ("ph", "i".into()),
            ("s", "t".into()),
            ("name", name.into()),
            ("cat", event.kind.name().into()),
            ("pid", 1u64.into()),
            ("tid", tid(&event.task).into()),
            ("ts", micros(event.t_ms).into()),
        ]));
    }
    Json::object([
        ("traceEvents", Json::List(out)),
        ("displayTimeUnit", "ms".into()),
    ])
}

/// Whole microseconds of `ms`, as Chrome traces count time.
fn micros(ms: f64) -> f64 {
    (ms * 1000.0).round()
}

/// A Chrome trace complete event (`X`): a slice of `dur_ms` from `from_ms`.
fn complete(name: String, category: &str, tid: u64, from_ms: f64, dur_ms: f64) -> Json {
    Json::object([
        ("ph", "X".into()),
        ("name", name.into()),
        ("cat", category.into()),
        ("pid", 1u64.into()),
        ("tid", tid.into()),
        ("ts", micros(from_ms).into()),
        ("dur", micros(dur_ms).into()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::json::tests::to_serde;
    use crate::model::presets::catalog;
    use crate::model::simulate::simulate;

    #[test]
    fn the_trace_json_has_every_required_field() {
        for preset in catalog() {
            let events = simulate(&preset.program());
            let trace = to_serde(&trace_json(preset.source.en, 0.5, &events));
            assert_eq!(
                (trace["format"].as_str(), trace["version"].as_u64()),
                (Some(FORMAT), Some(1))
            );
            assert_eq!(trace["program"].as_str(), Some(preset.source.en));
            assert_eq!(trace["time_scale"].as_f64(), Some(0.5));
            let exported = trace["events"].as_array().unwrap();
            assert_eq!(exported.len(), events.len());
            for (json, event) in exported.iter().zip(&events) {
                assert_eq!(json["t_ms"].as_f64(), Some(event.t_ms));
                assert_eq!(json["task"].as_str(), Some(&*event.task));
                assert_eq!(json["kind"].as_str(), Some(event.kind.name()));
                assert!(json["detail"].is_string());
            }
        }
    }

    #[test]
    fn the_chrome_trace_has_a_named_track_per_task_and_valid_events() {
        let events = simulate(
            &catalog()
                .iter()
                .find(|p| p.id == "blocking-sleep")
                .unwrap()
                .program(),
        );
        let trace = to_serde(&chrome_trace(&events));
        let all = trace["traceEvents"].as_array().unwrap();
        let names: Vec<&str> = all
            .iter()
            .filter(|e| e["ph"] == "M")
            .map(|e| e["args"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            ["loop", "main", "hello0", "hello1", "hello2", "hello3"]
        );
        for event in all {
            for field in ["ph", "name", "pid", "tid", "ts"] {
                assert!(!event[field].is_null(), "{field} missing in {event}");
            }
            if event["ph"] == "X" {
                assert!(event["dur"].as_f64().unwrap() >= 0.0);
            }
        }
        assert!(all
            .iter()
            .any(|e| e["ph"] == "X" && e["name"] == "blocked" && e["dur"] == 1_000_000.0));
    }
}
