//! The page's link follows its program, and back/forward reopen what the
//! link names; plus the banner for a link that did not open.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::state::{Action, Playground};
use crate::model::i18n::{Key, Lang};
use crate::model::route::{hash_for, read, LinkProblem};
use crate::model::share::LinkError;

/// `location.search` and `location.hash` now.
pub fn location() -> (String, String) {
    let location = web_sys::window().map(|w| w.location());
    let part = |get: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| {
        location
            .as_ref()
            .and_then(|l| get(l).ok())
            .unwrap_or_default()
    };
    (
        part(web_sys::Location::search),
        part(web_sys::Location::hash),
    )
}

/// Keeps `location.hash` on the current program: a new preset and the first
/// edit of a preset are new history entries, later edits replace the current
/// one. Back and forward open the program their link names.
#[hook]
pub fn use_link_sync(state: &UseReducerHandle<Playground>) {
    let last_preset = use_mut_ref(|| state.preset.id);
    let unmodified = state.is_unmodified_preset();
    let deps = (state.preset.id, state.source.clone(), unmodified);
    use_effect_with(deps, move |(id, source, unmodified)| {
        let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
            return;
        };
        let preset = unmodified
            .then(|| crate::model::presets::find(id))
            .flatten();
        let hash = hash_for(preset, source);
        let (search, current) = location();
        if hash != current {
            let url = format!("{search}{hash}");
            // A new preset, or the first edit of one, is a step Back can undo.
            let new_entry = *last_preset.borrow() != *id
                || (current.starts_with("#example/") && hash.starts_with("#code/"));
            let _ = if new_entry {
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
            } else {
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
            };
        }
        *last_preset.borrow_mut() = id;
    });
    let dispatch = state.dispatcher();
    use_effect_with((), move |_| {
        let on_pop = Closure::<dyn FnMut()>::new(move || {
            let (search, hash) = location();
            dispatch.dispatch(Action::OpenLink(read(&search, &hash).opened));
        });
        let window = web_sys::window();
        if let Some(window) = &window {
            let _ = window
                .add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
        }
        move || {
            if let Some(window) = window {
                let _ = window.remove_event_listener_with_callback(
                    "popstate",
                    on_pop.as_ref().unchecked_ref(),
                );
            }
        }
    });
}

/// What went wrong with a link, in `lang`.
pub fn describe_problem(problem: &LinkProblem, lang: Lang) -> String {
    let t = |key: Key| key.text(lang);
    match problem {
        LinkProblem::UnknownPreset(id) => format!("{} {id:?}.", t(Key::LinkUnknownPreset)),
        LinkProblem::Code(LinkError::TooLong(length)) => {
            format!("{} ({length}).", t(Key::LinkTooLong))
        }
        LinkProblem::Code(LinkError::UnknownVersion(version)) => {
            format!("{} ({version}).", t(Key::LinkUnknownVersion))
        }
        LinkProblem::Code(LinkError::Garbage) => format!("{}.", t(Key::LinkDamaged)),
        LinkProblem::BadSource => format!("{}.", t(Key::LinkBadSource)),
        LinkProblem::UnknownForm => format!("{}.", t(Key::LinkUnknownForm)),
    }
}
