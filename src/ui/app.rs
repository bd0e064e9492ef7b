//! The page: the program, a Run button, the live log and the total time.

use yew::prelude::*;

use super::log::Log;
use super::state::{Action, RunState};
use crate::model::presets::find;
use crate::model::print::print;
use crate::runtime::{run, RunHandle, RunOptions};

/// The playground page with the hello-world demo.
#[function_component]
pub fn App() -> Html {
    let preset = find("hello-world").expect("the hello-world preset");
    let program = use_memo((), |_| preset.program());
    let state = use_reducer(RunState::default);
    let handle = use_mut_ref(|| None::<RunHandle>);

    let on_run = {
        let program = program.clone();
        let dispatch = state.dispatcher();
        let handle = handle.clone();
        Callback::from(move |_| {
            handle.borrow_mut().take();
            dispatch.dispatch(Action::Started);
            let on_event = {
                let dispatch = dispatch.clone();
                move |event| dispatch.dispatch(Action::Event(event))
            };
            let on_finish = {
                let dispatch = dispatch.clone();
                move |ms| dispatch.dispatch(Action::Finished(ms))
            };
            *handle.borrow_mut() = Some(run(&program, RunOptions::default(), on_event, on_finish));
        })
    };

    html! {
        <main class="playground">
            <header>
                <h1>{ "Coroutine Playground" }</h1>
                <p class="subtitle">{ preset.title.en }</p>
            </header>
            <section class="program" aria-label="Program">
                <pre><code>{ print(&program) }</code></pre>
                <button class="run" onclick={on_run}>{ "Run" }</button>
            </section>
            <section class="output" aria-label="Log">
                <Log events={state.events.clone()} />
                <p class="total">
                    { state.total_ms.map(|ms| format!("Total: {ms:.0} ms")).unwrap_or_default() }
                </p>
            </section>
        </main>
    }
}
