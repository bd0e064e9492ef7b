//! The page's header: the title, the responsiveness pulse, Share (the link,
//! copied), Embed (a ready `<iframe>` snippet), the language switch, and the
//! notices about the link the page opened with.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::clipboard::copy;
use super::embed_dialog::{embed_dialog, EmbedDialogProps};
use super::link::{describe_problem, hash_for, location};
use super::number::fixed;
use super::pulse::Pulse;
use super::shortcuts::keys_help;
use crate::model::i18n::{Key, Lang};
use crate::model::presets::Preset;
use crate::model::route::{with_step, LinkProblem};

/// Properties of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub lang: Lang,
    /// The program's heading, for the snippet's title.
    pub heading: AttrValue,
    /// The page's link fragment now.
    pub hash: AttrValue,
    /// The preset shown, when it is unmodified: Share links to it by name.
    pub preset: Option<&'static Preset>,
    pub source: AttrValue,
    /// The Python the program was imported from: Share links to it.
    pub python: Option<AttrValue>,
    pub link_problem: Option<LinkProblem>,
    pub autorun_withheld: Option<u64>,
    /// The replay's event in the prediction: Share's link opens the replay
    /// there (a run's events may differ from the prediction's).
    pub step: Option<usize>,
    pub on_lang: Callback<Lang>,
    pub on_dismiss_problem: Callback<()>,
}

/// The header of the full page.
#[function_component]
pub fn Header(props: &HeaderProps) -> Html {
    let lang = props.lang;
    let t = |key: Key| key.text(lang);
    let embed_open = use_state(|| false);
    // The challenge options checked in the Embed dialog, one bit each.
    let options = use_state(|| 0u8);
    let shared_link = use_state(|| None::<String>);
    let on_share = share(props, shared_link.clone());
    let on_embed = {
        let embed_open = embed_open.clone();
        Callback::from(move |_| embed_open.set(!*embed_open))
    };
    let other = if lang == Lang::En { Lang::Zh } else { Lang::En };
    let snippet = if *embed_open {
        embed_dialog(&EmbedDialogProps {
            lang,
            hash: props.hash.clone(),
            heading: props.heading.clone(),
            options: *options,
            on_options: Callback::from(move |checked| options.set(checked)),
        })
    } else {
        Html::default()
    };
    let problem = link_problem_banner(props);
    html! {
        <header class="top">
            <div>
                <h1>{ t(Key::AppTitle) }</h1>
                <p class="tagline">{ t(Key::AppTagline) }</p>
            </div>
            <div class="top-tools">
                <Pulse lang={lang} />
                <button class="share" onclick={on_share}>{ t(Key::Share) }</button>
                <button class="share embed-button" onclick={on_embed} aria-expanded={embed_open.to_string()}>{ t(Key::Embed) }</button>
                { keys_help(lang) }
                <button class="lang" onclick={props.on_lang.reform(move |_: MouseEvent| other)} title={t(Key::Language)} lang={other.code()}>{ lang.pick("中文", "English") }</button>
            </div>
            if let Some(href) = (*shared_link).clone() {
                <label class="shared">{ t(Key::LinkCopied) }<input readonly=true value={href} aria-label={t(Key::ShareLink)} /></label>
            }
            { snippet }
            { problem }
            { autorun_notice(lang, props.autorun_withheld) }
        </header>
    }
}

/// What Share does: writes the link to the program (the preset's name, the
/// Python, or the text, deflated), with the replay's step, copies it and
/// shows it in `shared_link`.
fn share(props: &HeaderProps, shared_link: UseStateHandle<Option<String>>) -> Callback<MouseEvent> {
    let (preset, source, python, step) = (
        props.preset,
        props.source.clone(),
        props.python.clone(),
        props.step,
    );
    Callback::from(move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let (shared_link, source, python) = (shared_link.clone(), source.clone(), python.clone());
        spawn_local(async move {
            let search = with_step(&location().0, step);
            let address = window.location();
            let (origin, path) = (address.origin(), address.pathname());
            let hash = hash_for(preset, python.as_deref(), &source).await;
            let href = format!(
                "{}{}{search}{hash}",
                origin.unwrap_or_default(),
                path.unwrap_or_default()
            );
            copy(&href);
            shared_link.set(Some(href));
        });
    })
}

/// Why the link the page opened with did not open its program, with a
/// button that dismisses it (nothing without a problem).
fn link_problem_banner(props: &HeaderProps) -> Html {
    let lang = props.lang;
    let Some(problem) = &props.link_problem else {
        return Html::default();
    };
    let dismiss = props.on_dismiss_problem.reform(|_: MouseEvent| ());
    html! {
        <div class="banner" role="alert">
            { describe_problem(problem, lang) }{ " " }{ Key::ShowingDefault.text(lang) }
            <button onclick={dismiss}>{ Key::Dismiss.text(lang) }</button>
        </div>
    }
}

/// Why a link that asked to run at once waits for Run: `held_ms` of loop
/// holding (always one node, empty without it).
pub fn autorun_notice(lang: Lang, held_ms: Option<u64>) -> Html {
    let t = |key: Key| key.text(lang);
    match held_ms {
        Some(ms) => {
            // Rounded up, so a program just over the limit never reads as within it.
            let seconds = fixed((ms as f64 / 100.0).ceil() / 10.0, 1);
            html! {
                <div class="banner notice" role="status">
                    { format!("{} {seconds} {}{}", t(Key::AutorunWithheld), lang.pick("s, ", "秒"), t(Key::AutorunPressRun)) }
                </div>
            }
        }
        None => Html::default(),
    }
}
