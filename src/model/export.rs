//! Trace export: the trace as versioned JSON (docs/trace-format.md), and as
//! Chrome trace event JSON that Perfetto and chrome://tracing open.

use serde_json::{json, Value};

use super::trace::{lanes, Activity, Event, EventKind, LOOP};

/// The `format` field of an exported trace.
pub const FORMAT: &str = "coroutine-playground-trace";
/// The version of the exported trace format.
pub const VERSION: u32 = 1;

/// One event as the trace format writes it.
pub fn event_json(event: &Event) -> Value {
    json!({ "t_ms": event.t_ms, "task": &*event.task, "kind": event.kind.name(), "detail": event.kind.detail() })
}

/// A run's trace with the program that made it.
pub fn trace_json(program: &str, time_scale: f64, events: &[Event]) -> Value {
    json!({
        "format": FORMAT,
        "version": VERSION,
        "program": program,
        "time_scale": time_scale,
        "events": events.iter().map(event_json).collect::<Vec<_>>(),
    })
}

/// The trace as Chrome trace events: a track per task (the loop first),
/// a complete event per running, waiting or blocked slice, and an instant
/// event per trace event.
pub fn chrome_trace(events: &[Event]) -> Value {
    let mut tids: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::from([(LOOP, 0)]);
    let mut tasks: Vec<&str> = vec![LOOP];
    for event in events {
        if !tids.contains_key(&*event.task) {
            tids.insert(&event.task, tasks.len());
            tasks.push(&event.task);
        }
    }
    let tid = |task: &str| tids.get(task).copied().unwrap_or(0);
    let us = |ms: f64| (ms * 1000.0).round();
    let mut out: Vec<Value> = tasks
        .iter()
        .enumerate()
        .map(|(tid, task)| json!({ "ph": "M", "name": "thread_name", "pid": 1, "tid": tid, "ts": 0, "args": { "name": task } }))
        .collect();
    for (task, slices) in lanes(events) {
        for slice in slices {
            let name = match &slice.activity {
                Activity::Running => "running".to_string(),
                Activity::Waiting(wait) => format!("waiting: {}", wait.detail()),
                Activity::Blocked => "blocked".to_string(),
            };
            out.push(json!({ "ph": "X", "name": name, "cat": "task", "pid": 1, "tid": tid(task), "ts": us(slice.from_ms), "dur": us(slice.to_ms - slice.from_ms) }));
        }
    }
    for event in events {
        if let EventKind::Lag(ms) = event.kind {
            out.push(json!({ "ph": "X", "name": "loop held", "cat": "lag", "pid": 1, "tid": 0, "ts": us(event.t_ms - ms as f64), "dur": us(ms as f64) }));
        }
        let name = format!("{} {}", event.kind.name(), event.kind.detail())
            .trim_end()
            .to_string();
        out.push(json!({ "ph": "i", "s": "t", "name": name, "cat": event.kind.name(), "pid": 1, "tid": tid(&event.task), "ts": us(event.t_ms) }));
    }
    json!({ "traceEvents": out, "displayTimeUnit": "ms" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets::catalog;
    use crate::model::simulate::simulate;

    #[test]
    fn the_trace_json_has_every_required_field() {
        for preset in catalog() {
            let events = simulate(&preset.program());
            let trace: Value =
                serde_json::from_str(&trace_json(preset.source.en, 0.5, &events).to_string())
                    .unwrap();
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
        let trace = chrome_trace(&events);
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
