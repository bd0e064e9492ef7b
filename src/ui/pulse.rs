//! The responsiveness pulse in the header: frames per second, and "frozen"
//! while anything holds the page's main thread.

use yew::prelude::*;

use super::number::fixed;
use crate::model::i18n::{Key, Lang};
use crate::runtime::FrameCounter;

/// Below this many frames per second the page reads as frozen.
const FROZEN_BELOW_FPS: f64 = 20.0;

/// Properties of [`Pulse`].
#[derive(Properties, PartialEq)]
pub struct PulseProps {
    pub lang: Lang,
}

/// Counts the page's frames itself, so twice a second only the pulse draws
/// again, not the page.
#[function_component]
pub fn Pulse(props: &PulseProps) -> Html {
    let fps = use_state(|| 60.0);
    {
        let fps = fps.clone();
        use_effect_with((), move |_| {
            let counter = FrameCounter::start(move |measured| fps.set(measured));
            move || drop(counter)
        });
    }
    let t = |key: Key| key.text(props.lang);
    let frozen = *fps < FROZEN_BELOW_FPS;
    html! {
        <span class={classes!("pulse", frozen.then_some("frozen"))} role="status" title={t(Key::FramesPerSecond)}>
            <span class="dot" aria-hidden="true"></span>
            { format!("{} · {} {}", if frozen { t(Key::Frozen) } else { t(Key::Responsive) }, fixed(*fps, 0), t(Key::FramesPerSecond)) }
        </span>
    }
}
