//! Tests of `trace_export`.

use super::*;
use crate::model::json::tests::to_serde;
use crate::model::presets::catalog;
use crate::model::simulate::simulate;

#[test]
fn a_trace_written_as_json_reads_back_with_its_events() {
    for preset in catalog() {
        let events = simulate(&preset.program());
        let text = trace_json(preset.source.en, 0.5, &events).text();
        let run = read_trace(&text).expect("the trace reads back");
        assert_eq!(
            (run.program.as_str(), run.time_scale),
            (preset.source.en, 0.5)
        );
        assert_eq!(run.events, events, "{}", preset.id);
        assert_eq!(read_trace_events(&text), Ok(events), "{}", preset.id);
    }
    for (bad, says) in [
        ("{", "not JSON"),
        ("{}", "no list of events"),
        (r#"{"events":[{"t_ms":1}]}"#, "event 0"),
        (
            r#"{"events":[{"t_ms":1,"task":"a","kind":"sleep","detail":""}]}"#,
            "event 0",
        ),
    ] {
        let read = read_trace_events(bad);
        assert!(
            read.as_ref().is_err_and(|m| m.contains(says)),
            "{bad}: {read:?}"
        );
    }
    let without_scale = read_trace(r#"{"program":"","events":[]}"#);
    assert!(without_scale.is_err_and(|m| m.contains("time scale")));
}

#[test]
fn every_predicted_event_of_every_preset_reads_back_from_its_posted_form() {
    for preset in catalog() {
        for event in simulate(&preset.program()) {
            let (kind, fields) = posted(&event).expect("a prediction is not measured");
            assert_eq!(
                from_posted(event.t_ms, &event.task, kind, &fields),
                Some(event.clone()),
                "{}",
                preset.id
            );
        }
    }
    let waits = [
        Wait::Yield,
        Wait::Join("a".into()),
        Wait::Worker(Work::Block, 3),
        Wait::Worker(Work::Compute, 4),
        Wait::Fetch("/x".into()),
        Wait::Semaphore,
        Wait::Gather,
        Wait::Wait,
        Wait::AsCompleted,
        Wait::Race,
        Wait::On("Queue.get".into()),
    ];
    let kinds = waits.into_iter().map(EventKind::Suspend).chain([
        EventKind::Block(Work::Compute, 9),
        EventKind::Warning("w".into()),
        EventKind::Callback("c".into()),
        EventKind::Cancel("t2".into()),
        EventKind::Fetched {
            status: 200,
            bytes: 985,
            items: vec!["Ada".into(), "Alan".into()],
        },
    ]);
    for kind in kinds {
        let event = Event {
            t_ms: 1.5,
            task: "t".into(),
            kind,
        };
        let (code, fields) = posted(&event).unwrap();
        assert_eq!(from_posted(1.5, "t", code, &fields), Some(event));
    }
    assert!(posted(&Event {
        t_ms: 0.0,
        task: "loop".into(),
        kind: EventKind::Lag(3)
    })
    .is_none());
    assert_eq!(
        from_posted(0.0, "t", 13, &[Field::Number(0.0)]),
        None,
        "a sleep without its ms"
    );
    assert_eq!(from_posted(0.0, "t", 99, &[]), None);
}

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

/// `event` written as the trace format writes it, and read back.
fn round_trip(event: &Event) -> Option<Event> {
    let json = to_serde(&event_json(event));
    read_event(
        json["t_ms"].as_f64()?,
        json["task"].as_str()?,
        json["kind"].as_str()?,
        json["detail"].as_str()?,
    )
}

#[test]
fn every_event_a_run_writes_reads_back_as_it_was() {
    let measured = [
        EventKind::Lag(120),
        EventKind::Fetched {
            status: 200,
            bytes: 5120,
            items: vec!["Ada Lovelace".into(), "Grace Hopper".into()],
        },
        EventKind::Fetched {
            status: 404,
            bytes: 0,
            items: vec![],
        },
        EventKind::Suspend(Wait::Fetch("/site/a b.html".into())),
        EventKind::Failed("ValueError: x: y".into()),
        EventKind::Cancelled,
    ];
    let more = measured.into_iter().map(|kind| Event {
        t_ms: 12.5,
        task: "crawl-1".into(),
        kind,
    });
    let simulated = catalog()
        .iter()
        .flat_map(|preset| simulate(&preset.program()));
    let mut kinds = std::collections::BTreeSet::new();
    for event in simulated.chain(more) {
        assert_eq!(round_trip(&event).as_ref(), Some(&event));
        kinds.insert(event.kind.name());
    }
    assert_eq!(kinds.len(), 16, "every kind is read: {kinds:?}");
}

#[test]
fn fields_that_are_no_event_read_as_none() {
    for (kind, detail) in [
        ("explode", ""),
        ("suspend", "sleep soon"),
        ("suspend", "yield now"),
        ("block", "block"),
        ("block", "think 5"),
        ("lag", "5 ms early"),
        ("exit", "f gave 3"),
        ("result", "no colon"),
        ("fetched", "200 bytes"),
    ] {
        assert_eq!(read_event(0.0, "t", kind, detail), None, "{kind} {detail}");
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
