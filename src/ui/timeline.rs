//! The timeline: the model writes the chart of the run so far as SVG text
//! (`model::timeline`), which this component shows.

use yew::prelude::*;

use super::recording::Recording;
use crate::model::i18n::Lang;
use crate::model::timeline::{timeline_svg, Drawing};

/// Properties of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub lang: Lang,
    pub events: Recording,
    /// Slices that a teaching lint is about are marked (`?lints=0` turns
    /// the marks off with the lints).
    pub lints: bool,
}

/// An SVG chart of the run so far.
#[function_component]
pub fn Timeline(props: &TimelineProps) -> Html {
    if props.events.is_empty() {
        return Html::default();
    }
    let drawing = Drawing {
        lang: props.lang,
        lints: props.lints,
        end_ms: None,
        caption: None,
    };
    // The model escapes every text it puts in the chart.
    Html::from_html_unchecked(AttrValue::from(timeline_svg(
        &props.events.events(),
        &drawing,
    )))
}
