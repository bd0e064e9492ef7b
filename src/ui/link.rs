//! The page's link follows its program, and back/forward reopen what the
//! link names; plus the banner for a link that did not open.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::future_effect::use_future_effect;
use super::listener::Listener;
use super::state::{Action, Playground};
use crate::model::i18n::{Key, Lang};
use crate::model::limits::MAX_PROGRAM_BYTES;
use crate::model::presets::Preset;
use crate::model::route::{
    code_hash, example_hash, py_code_hash, py_hash, read, src_hash, LinkProblem, Opened,
};
use crate::model::share::{program_text, LinkError};
use crate::runtime::{deflate_raw, from_base64, inflate_raw, to_base64};

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

/// The fragment that opens `source`: the preset's when it is one as
/// shipped, the `python` the page runs when there is one
/// ([`Playground::python_for_link`]), else the text; both deflated by the
/// browser into a payload (`#py/`, `#code/`), or percent-encoded (`#py/`,
/// `#src/`) where the browser cannot deflate.
pub async fn hash_for(
    preset: Option<&'static Preset>,
    python: Option<&str>,
    source: &str,
) -> String {
    match (preset, python) {
        (Some(preset), _) => example_hash(preset),
        (None, Some(python)) => match deflate_raw(python).await {
            Ok(deflated) => py_code_hash(&to_base64(&deflated)),
            Err(_) => py_hash(python),
        },
        (None, None) => match deflate_raw(source).await {
            Ok(deflated) => code_hash(&to_base64(&deflated)),
            Err(_) => src_hash(source),
        },
    }
}

/// `opened` ready for the page: a `#code/` program or `#py/` Python
/// inflated by the browser, or the reason it does not inflate.
pub async fn inflated(opened: Result<Opened, LinkProblem>) -> Result<Opened, LinkProblem> {
    let text = |base64: String| async move {
        let inflated = match from_base64(&base64) {
            Some(deflated) => inflate_raw(&deflated, MAX_PROGRAM_BYTES).await.ok(),
            None => None,
        };
        program_text(inflated).map_err(LinkProblem::Code)
    };
    match opened {
        Ok(Opened::DeflatedPython(base64)) => text(base64).await.map(Opened::Python),
        Ok(Opened::Deflated(base64)) => text(base64).await.map(Opened::Text),
        other => other,
    }
}

/// Keeps `location.hash` on the current program, and returns that hash: a
/// new preset and the first edit of a preset are new history entries, later
/// edits replace the current one. Back and forward open the program their
/// link names.
#[hook]
pub fn use_link_sync(state: &UseReducerHandle<Playground>) -> String {
    // Starts on the hash the page will show, so that writing it into the
    // address bar does not draw the page again.
    let hash = use_state_eq(|| {
        state
            .is_unmodified_preset()
            .then(|| crate::model::presets::find(state.preset.id))
            .flatten()
            .map_or_else(|| location().1, example_hash)
    });
    let last_preset = use_mut_ref(|| state.preset.id);
    let unmodified = state.is_unmodified_preset();
    let python = state.python_for_link().map(str::to_string);
    let deps = (state.preset.id, state.source.clone(), unmodified, python);
    {
        let hash = hash.clone();
        use_future_effect(deps, move |(id, source, unmodified, python)| {
            let id = *id;
            let show = move |new_hash: String| {
                follow(&new_hash, *last_preset.borrow() != id);
                *last_preset.borrow_mut() = id;
                hash.set(new_hash);
            };
            let preset = unmodified
                .then(|| crate::model::presets::find(id))
                .flatten();
            match preset {
                Some(preset) => {
                    show(example_hash(preset));
                    None
                }
                None => {
                    let (source, python) = (source.clone(), python.clone());
                    Some(async move { show(hash_for(None, python.as_deref(), &source).await) })
                }
            }
        });
    }
    let dispatch = state.dispatcher();
    use_effect_with((), move |_| {
        let listener = Listener::new(web_sys::window().map(Into::into), "popstate", move |_| {
            let (search, hash) = location();
            let dispatch = dispatch.clone();
            spawn_local(async move {
                let opened = inflated(read(&search, &hash).opened).await;
                dispatch.dispatch(Action::OpenLink(opened));
            });
        });
        move || drop(listener)
    });
    (*hash).clone()
}

/// Puts `hash` in the address bar: as a new history entry for a new preset
/// or the first edit of one (a step Back can undo), else in place.
fn follow(hash: &str, new_preset: bool) {
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
        return;
    };
    let (search, current) = location();
    if hash == current {
        return;
    }
    let url = format!("{search}{hash}");
    let _ = if new_preset || (current.starts_with("#example/") && !hash.starts_with("#example/")) {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
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
