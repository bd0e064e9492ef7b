//! The postMessage API of an embedded page (docs/embed.md): the messages a
//! host may send, read from untrusted data, and the ones the page sends.

use super::json::Json;
use super::limits::MAX_PROGRAM_BYTES;
use super::trace::Event;
use super::trace_export::{event_json, trace_json};

/// The namespace every message type starts with.
pub const PREFIX: &str = "coroutine-playground:";

/// What a host asks of the embedded page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostMessage {
    /// Replace the program with this text.
    Load(String),
    /// Replace the program with what this Python code imports to.
    LoadPython(String),
    Run,
    Stop,
}

/// Reads a host's message from its `type`, `program` and `python` fields
/// (each given only when the message is an object and the field a string);
/// anything of another shape is `None` (ignored), and so is a `load` with
/// both a program and Python.
pub fn read_host_message(
    kind: Option<&str>,
    program: Option<&str>,
    python: Option<&str>,
) -> Option<HostMessage> {
    let fits = |text: &&str| text.len() <= MAX_PROGRAM_BYTES;
    match kind?.strip_prefix(PREFIX)? {
        "load" => match (program.filter(fits), python.filter(fits)) {
            (Some(program), None) if python.is_none() => Some(HostMessage::Load(program.into())),
            (None, Some(python)) if program.is_none() => {
                Some(HostMessage::LoadPython(python.into()))
            }
            _ => None,
        },
        "run" => Some(HostMessage::Run),
        "stop" => Some(HostMessage::Stop),
        _ => None,
    }
}

/// The `type` of the page's message `name`.
fn kind(name: &str) -> Json {
    format!("{PREFIX}{name}").into()
}

/// `ready`: the page listens.
pub fn ready() -> Json {
    Json::object([("type", kind("ready"))])
}

/// `resize`: the page's height in CSS px.
pub fn resize(height: f64) -> Json {
    Json::object([("type", kind("resize")), ("height", height.into())])
}

/// `event`: one event of the run, as it happens.
pub fn event(event: &Event) -> Json {
    Json::object([("type", kind("event")), ("event", event_json(event))])
}

/// `answer`: the learner checked an answer to predict mode's question
/// `question` (from 0), right or not, after `attempts` checks of it.
pub fn answer(question: usize, correct: bool, attempts: u32) -> Json {
    Json::object([
        ("type", kind("answer")),
        ("question", (question as u64).into()),
        ("correct", correct.into()),
        ("attempts", u64::from(attempts).into()),
    ])
}

/// `done`: the run's whole trace (docs/trace-format.md).
pub fn done(program: &str, time_scale: f64, events: &[Event]) -> Json {
    Json::object([
        ("type", kind("done")),
        ("trace", trace_json(program, time_scale, events)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::json::tests::to_serde;
    use serde_json::{json, Value};

    /// The fields the page reads of a posted `data`, as `ui::embed` reads them.
    fn read(data: &Value) -> Option<HostMessage> {
        let field = |key| data.as_object()?.get(key)?.as_str();
        read_host_message(field("type"), field("program"), field("python"))
    }

    #[test]
    fn host_messages_of_the_right_shape_are_read() {
        assert_eq!(
            read(&json!({"type": "coroutine-playground:run"})),
            Some(HostMessage::Run)
        );
        assert_eq!(
            read(&json!({"type": "coroutine-playground:stop", "extra": 1})),
            Some(HostMessage::Stop)
        );
        assert_eq!(
            read(&json!({"type": "coroutine-playground:load", "program": "task a\n  yield\n"})),
            Some(HostMessage::Load("task a\n  yield\n".into()))
        );
        assert_eq!(
            read(&json!({"type": "coroutine-playground:load", "python": "print('hi')"})),
            Some(HostMessage::LoadPython("print('hi')".into()))
        );
    }

    #[test]
    fn anything_else_is_ignored() {
        for data in [
            json!(null),
            json!("coroutine-playground:run"),
            json!(42),
            json!({"type": "run"}),
            json!({"type": "coroutine-playground:explode"}),
            json!({"type": 7}),
            json!({"type": "coroutine-playground:load"}),
            json!({"type": "coroutine-playground:load", "program": ["not", "text"]}),
            json!({"type": "coroutine-playground:load", "program": "x".repeat(MAX_PROGRAM_BYTES + 1)}),
            json!({"type": "coroutine-playground:load", "python": "x".repeat(MAX_PROGRAM_BYTES + 1)}),
            json!({"type": "coroutine-playground:load", "program": "task a\n", "python": "pass"}),
            json!({"type": "coroutine-playground:load", "python": 3}),
        ] {
            assert_eq!(read(&data), None, "{data}");
        }
    }

    #[test]
    fn page_messages_are_namespaced() {
        for message in [ready(), resize(300.5), done("", 1.0, &[])] {
            assert!(to_serde(&message)["type"]
                .as_str()
                .unwrap()
                .starts_with(PREFIX));
        }
        assert_eq!(to_serde(&resize(300.5))["height"], 300.5);
        assert_eq!(
            to_serde(&answer(1, true, 2)),
            json!({"type": "coroutine-playground:answer", "question": 1, "correct": true, "attempts": 2})
        );
    }
}
