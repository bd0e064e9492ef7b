//! The postMessage API of an embedded page (docs/embed.md): the messages a
//! host may send, read from untrusted data, and the ones the page sends;
//! and the Embed dialog's options and `<iframe>` snippet.

use super::html::escape;
use super::i18n::{Key, Lang};
use super::json::Json;
use super::limits::MAX_PROGRAM_BYTES;
use super::trace::Event;
use super::trace_export::{event_json, trace_json};

/// The options a course author may give an embedded demo, as the Embed
/// dialog offers them: each one's words and its query.
pub const CHALLENGE_OPTIONS: [(Key, &str); 5] = [
    (Key::OptionPredict, "mode=predict"),
    (Key::OptionReadonly, "readonly=1"),
    (Key::OptionHideEditor, "hide=editor"),
    (Key::OptionHideCode, "hide=code"),
    (Key::OptionNoLints, "lints=0"),
];

/// What the Embed dialog's snippet is of: the page's address (`base`,
/// origin and path), its link's fragment and the program's heading.
pub struct Snippet<'a> {
    pub lang: Lang,
    /// The [`CHALLENGE_OPTIONS`] checked, one bit each.
    pub options: u8,
    pub base: &'a str,
    pub hash: &'a str,
    pub heading: &'a str,
}

impl Snippet<'_> {
    /// A ready `<iframe>` for the program, for a course page, with the
    /// checked options' queries.
    pub fn iframe(&self) -> String {
        let options: String = CHALLENGE_OPTIONS
            .iter()
            .enumerate()
            .filter(|(at, _)| self.options & (1 << at) != 0)
            .map(|(_, (_, query))| format!("&amp;{query}"))
            .collect();
        let title = escape(&format!(
            "{}: {}",
            Key::EmbedTitle.text(self.lang),
            self.heading
        ));
        format!(
            "<iframe src=\"{}?embed=1{options}{}\" title=\"{title}\" width=\"100%\" height=\"520\" loading=\"lazy\" style=\"border:0\"></iframe>",
            escape(self.base),
            escape(self.hash)
        )
    }
}

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

/// The `done` message of a Python run: its trace, with the Python as its
/// program, and `language: "python"`.
pub fn done_python(python: &str, events: &[Event]) -> Json {
    Json::object([
        ("type", kind("done")),
        ("language", "python".into()),
        ("trace", trace_json(python, 1.0, events)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::json::tests::to_serde;
    use serde_json::{json, Value};

    #[test]
    fn the_snippet_has_the_checked_options_and_escapes_the_heading() {
        let snippet = Snippet {
            lang: Lang::En,
            options: 0b1001,
            base: "http://127.0.0.1:8080/",
            hash: "#example/chain",
            heading: "An <await> chain",
        };
        assert_eq!(
            snippet.iframe(),
            "<iframe src=\"http://127.0.0.1:8080/?embed=1&amp;mode=predict&amp;hide=code#example/chain\" title=\"Coroutine Playground demo: An &lt;await&gt; chain\" width=\"100%\" height=\"520\" loading=\"lazy\" style=\"border:0\"></iframe>"
        );
    }

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
