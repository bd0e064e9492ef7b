//! The playground page: the header and gallery, the program's section
//! (`page::program`) and the run's (`page::output`), with the hooks that
//! tie them to the page's state (`page::hooks`).

mod hooks;
mod output;
mod program;

use yew::prelude::*;

use super::embed::use_embed_api;
use super::gallery::{gallery, GalleryProps};
use super::header::Header;
use super::link::use_link_sync;
use super::python_view::use_python_import;
use super::runner::use_runner;
use super::shortcuts::{skip_link, use_shortcuts};
use super::state::{Action, Playground};
use crate::model::i18n::{Key, Lang};
use crate::model::route::{Link, Opened};
use hooks::{use_autorun, use_document_lang, use_first_paint_done, use_run_requests, use_warm_up};

/// Properties of [`Page`].
#[derive(Properties, PartialEq)]
pub struct PageProps {
    /// The link the page opened with, ready to open.
    pub link: Link,
}

/// The page as `link` opens it, in `?lang=` or the browser's language,
/// and whether the link asks to run at once.
fn initial_state(link: &Link) -> (Playground, bool) {
    let browser = web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|tag| Lang::from_tag(&tag));
    let lang = link.lang.or(browser).unwrap_or(Lang::En);
    let page = Playground::from_link(lang, link);
    let autorun = page.may_autorun(link);
    (page, autorun)
}

/// The program's heading: the preset's title as shipped, else the
/// program's own (not the Python's, in Python mode), else "your program".
fn heading(state: &Playground) -> String {
    let lang = state.lang;
    if state.is_unmodified_preset() {
        return lang
            .pick(state.preset.title.en, state.preset.title.zh)
            .to_string();
    }
    state
        .program
        .as_ref()
        .ok()
        .filter(|_| state.python.is_none())
        .and_then(|p| p.title.clone())
        .unwrap_or_else(|| Key::YourProgram.text(lang).to_string())
}

/// The playground page.
#[function_component]
pub fn Page(props: &PageProps) -> Html {
    let opening = use_memo((), |_| initial_state(&props.link));
    let state = use_reducer(|| opening.0.clone());
    let runner = use_runner(state.dispatcher());
    let hash = use_link_sync(&state);
    use_embed_api(state.dispatcher(), runner.stop.clone());
    use_python_import(&state);
    let painted = use_first_paint_done();
    // Before the run requests: a run asked for stops the warm-up before it starts.
    use_warm_up(painted, state.run_requests);
    use_run_requests(&state, &runner);
    use_autorun(&state, opening.1);
    use_document_lang(state.lang);
    let lang = state.lang;
    let dispatch = state.dispatcher();
    let on_run = dispatch.to_callback().reform(|()| Action::RequestRun);
    use_shortcuts(on_run.clone(), runner.stop.clone());
    let heading = heading(&state);
    let program = program::program_section(&state, &runner, &hash, &heading);
    let output = output::use_output_section(&state, on_run.clone(), painted);
    // A challenge's link may lock the program and hide parts of the page:
    // the page's classes hide them (static/style.css).
    let challenge = classes!(
        state.readonly.then_some("readonly"),
        state.hide.editor.then_some("hide-editor"),
        state.hide.code.then_some("hide-code")
    );
    let top = if state.embed {
        Html::default()
    } else {
        let on_select = {
            let stop = runner.stop.clone();
            let dispatch = dispatch.clone();
            Callback::from(move |id| {
                stop.emit(());
                dispatch.dispatch(Action::LoadPreset(id));
            })
        };
        html! { <>
            { skip_link(lang) }
            <Header lang={lang} heading={heading.clone()} hash={hash.clone()}
                preset={state.is_unmodified_preset().then_some(state.preset)} source={state.source.clone()}
                python={state.python_for_link().map(|python| AttrValue::from(python.to_string()))}
                link_problem={state.link_problem.clone()} autorun_withheld={state.autorun_withheld} step={state.step.filter(|_| state.predicted)}
                on_lang={dispatch.to_callback().reform(Action::SetLang)}
                on_dismiss_problem={dispatch.to_callback().reform(|()| Action::OpenLink(Ok(Opened::Default)))} />
            { gallery(&GalleryProps { lang, selected: state.preset.id, on_select }) }
        </> }
    };
    html! {
        <div class={classes!("page", state.embed.then_some("embed"), challenge)}>
            { top }
            <main class="workspace">
                { program }
                { output }
            </main>
        </div>
    }
}
