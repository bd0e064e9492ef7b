//! What a Python run shows besides its events: Python loading (a progress
//! bar in bytes), CPython's own output, where the run differed from CPython,
//! and why it stopped early.

use yew::prelude::*;

use super::number::fixed;
use super::state::{PythonFailure, PythonShown};
use crate::model::i18n::{Key, Lang};
use crate::model::python_run::Stream;

fn megabytes(bytes: f64) -> String {
    fixed(bytes / 1_000_000.0, 1)
}

/// The Python run's loading, output, notes and failure; `ended` once the
/// program has ended (an empty output then says so). A function, not a
/// component: the page's state holds all it shows, and a component's code
/// would weigh on the first load.
pub fn python_output(lang: Lang, shown: &PythonShown, ended: bool) -> Html {
    let t = |key: Key| key.text(lang);
    let loading = shown.loading.map(|(loaded, total)| {
        let words = format!(
            "{}{}{} {} {} MB",
            t(Key::LoadingPython),
            lang.pick(": ", "："),
            megabytes(loaded),
            t(Key::LoadedOf),
            megabytes(total),
        );
        html! {
            <div class="python-loading" role="status">
                <progress max={fixed(total, 0)} value={fixed(loaded, 0)} aria-label={t(Key::LoadingPython)}></progress>
                <span>{ words }</span>
            </div>
        }
    });
    let failure = shown.failure.as_ref().map(|failure| {
        let text = match failure {
            PythonFailure::Limit => t(Key::PythonLimit).to_string(),
            PythonFailure::Broken(why) => format!("{} {why}", t(Key::PythonBroke)),
        };
        html! { <p class="error" role="alert">{ text }</p> }
    });
    let notes = (!shown.notes.is_empty()).then(|| {
        html! {
            <section class="python-notes" aria-label={t(Key::PythonNotes)}>
                <ul>{ for shown.notes.iter().map(|note| html! { <li>{ note.text(lang) }</li> }) }</ul>
            </section>
        }
    });
    let output = if shown.output.is_empty() && ended {
        html! { <p class="empty">{ t(Key::NothingPrinted) }</p> }
    } else if shown.output.is_empty() {
        Html::default()
    } else {
        html! {
            <pre class="console" tabindex="0" aria-label={t(Key::PythonOutputLabel)}>
                { for shown.output.iter().map(|piece| match piece.stream {
                    Stream::Stdout => html! { <span>{ piece.text.clone() }</span> },
                    Stream::Stderr => html! { <span class="stderr">{ piece.text.clone() }</span> },
                }) }
            </pre>
        }
    };
    html! {
        <div class="python-output">
            { for loading }
            { for failure }
            { output }
            { for notes }
        </div>
    }
}
