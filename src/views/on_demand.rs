//! The views the page draws with a wasm of their own, loaded the first time
//! one is shown (`src/bin/on_demand.rs`): what each is given and what it
//! tells the page, as the bytes that travel between the two wasms.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::model::i18n::Lang;
use crate::views::quiz::QuizAsk;

/// A view the on-demand wasm draws, with what it shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum OnDemandView {
    /// The table editor of the program whose text is `source` (one that
    /// parses).
    Table { lang: Lang, source: String },
    /// Predict mode's quiz about a program or a Python script.
    Quiz(QuizAsk),
    /// The Compare tab: the runs' traces (JSON text), the first `pinned` of
    /// them pinned, then the latest run's.
    Compare {
        lang: Lang,
        traces: Vec<Rc<str>>,
        pinned: usize,
    },
    /// The Python tab of the program whose text is `source` (one that
    /// parses).
    PythonTab { lang: Lang, source: String },
    /// The Orders tab of the run whose `trace` (JSON text) is given once it
    /// is over, with CPython's prediction of a Python run (JSON text) once
    /// made.
    Orders {
        lang: Lang,
        trace: Rc<str>,
        has_events: bool,
        show_prediction: bool,
        predicted: Option<Rc<str>>,
    },
}

/// What a view of the on-demand wasm tells the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum OnDemandEvent {
    /// The table editor's program text after an edit.
    Edited(String),
    /// The quiz's answers are checked: the page runs the program.
    Checked,
    /// The Compare tab lets go of the pinned run at this place.
    Unpinned(usize),
    /// The Orders tab's button shows or hides the prediction.
    PredictionToggled,
}

/// Writes a view or an event as the bytes that travel between the wasms.
pub fn to_bytes(value: &impl Serialize) -> Vec<u8> {
    postcard::to_allocvec(value).unwrap_or_default()
}

/// Reads a view or an event from the bytes the other wasm sent, or says
/// why it cannot.
pub fn from_bytes<T: for<'a> Deserialize<'a>>(bytes: &[u8]) -> Result<T, String> {
    postcard::from_bytes(bytes).map_err(|error| format!("a damaged view message: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_and_events_travel_as_bytes_and_damaged_bytes_are_named() {
        let views = [
            OnDemandView::Table {
                lang: Lang::Zh,
                source: "task a\n  sleep 1\n".into(),
            },
            OnDemandView::Quiz(QuizAsk {
                lang: Lang::En,
                preset: Some("hello".into()),
                program: "print".into(),
                predicted: None,
            }),
            OnDemandView::Compare {
                lang: Lang::En,
                traces: vec![Rc::from("{}"), Rc::from("[]")],
                pinned: 1,
            },
            OnDemandView::PythonTab {
                lang: Lang::En,
                source: String::new(),
            },
            OnDemandView::Orders {
                lang: Lang::Zh,
                trace: Rc::from("{\"events\":[]}"),
                has_events: false,
                show_prediction: true,
                predicted: Some(Rc::from("{}")),
            },
        ];
        for view in views {
            assert_eq!(from_bytes::<OnDemandView>(&to_bytes(&view)), Ok(view));
        }
        for event in [
            OnDemandEvent::Edited("x".into()),
            OnDemandEvent::Checked,
            OnDemandEvent::Unpinned(3),
            OnDemandEvent::PredictionToggled,
        ] {
            assert_eq!(from_bytes::<OnDemandEvent>(&to_bytes(&event)), Ok(event));
        }
        let damaged = from_bytes::<OnDemandView>(&[200, 1]).unwrap_err();
        assert!(damaged.starts_with("a damaged view message"), "{damaged}");
    }
}
