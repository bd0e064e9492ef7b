//! The page's side of the views drawn by a wasm of their own
//! (`src/bin/on_demand.rs`: the table editor, predict mode's quiz and the
//! Orders, Compare and Python tabs), loaded the first time one is shown: a
//! host element per view, sent the view's data and hearing its events.

mod root;

use std::cell::RefCell;
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;
use yew::prelude::*;

pub use root::{OnDemandRoot, OnDemandRootProps};

use super::future_effect::use_future_effect;
use crate::model::i18n::{Key, Lang};
use crate::runtime::{answer_for_views, rethrow_trap};
use crate::views::on_demand::{from_bytes, to_bytes, OnDemandEvent, OnDemandView};

/// The function `static/boot.js` defines that imports the on-demand wasm:
/// a promise of its module.
const LOADER: &str = "loadOnDemandViews";

/// The on-demand wasm's module, loaded and told how to ask the page's worker.
#[derive(Clone)]
struct Module(JsValue);

impl Module {
    /// Calls the module's export `name` with `args`.
    fn call(&self, name: &str, args: &[&JsValue]) -> Result<JsValue, String> {
        let export = Reflect::get(&self.0, &name.into())
            .ok()
            .and_then(|export| export.dyn_into::<Function>().ok())
            .ok_or_else(|| format!("the on-demand views have no {name}"))?;
        let args: js_sys::Array = args.iter().copied().collect();
        export
            .apply(&JsValue::NULL, &args)
            .map_err(|why| described(&rethrow_trap(why)))
    }
}

type Loading = Shared<LocalBoxFuture<'static, Result<Module, String>>>;

/// The page's function that answers the module's questions (`answer_for_views`).
type AskPage = Closure<dyn Fn(String, JsValue) -> Promise>;

thread_local! {
    /// The module once asked for, shared by every host; forgotten if it failed, so a later view tries again.
    static LOADING: RefCell<Option<Loading>> = const { RefCell::new(None) };
    /// The function the module asks the page's worker through: kept while the page lives, as the module is.
    static ASK_PAGE: RefCell<Option<AskPage>> = const { RefCell::new(None) };
}

fn described(error: &JsValue) -> String {
    error
        .as_string()
        .or_else(|| Reflect::get(error, &"message".into()).ok()?.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

async fn load() -> Result<Module, String> {
    let loader = Reflect::get(&js_sys::global(), &LOADER.into())
        .ok()
        .and_then(|loader| loader.dyn_into::<Function>().ok())
        .ok_or("the page has no loader of its on-demand views")?;
    let loading = loader
        .call0(&JsValue::NULL)
        .ok()
        .and_then(|promise| promise.dyn_into::<Promise>().ok())
        .ok_or("the loader of the on-demand views did not start")?;
    let module = Module(
        JsFuture::from(loading)
            .await
            .map_err(|why| described(&why))?,
    );
    let ask_page = AskPage::new(|ask: String, source| answer_for_views(&ask, source));
    module.call("connect", &[ask_page.as_ref()])?;
    ASK_PAGE.with(|kept| *kept.borrow_mut() = Some(ask_page));
    Ok(module)
}

/// The module: loaded the first time it is asked for.
async fn module() -> Result<Module, String> {
    let loading = LOADING.with(|loading| {
        loading
            .borrow_mut()
            .get_or_insert_with(|| load().boxed_local().shared())
            .clone()
    });
    let loaded = loading.await;
    if loaded.is_err() {
        LOADING.with(|loading| loading.borrow_mut().take());
    }
    loaded
}

/// A view the module draws in a host element; dropping it takes the view
/// down.
struct Mounted {
    module: Module,
    id: JsValue,
    heard: Closure<dyn Fn(Uint8Array)>,
}

impl Mounted {
    fn new(
        module: Module,
        host: &Element,
        view: &[u8],
        on_event: Rc<RefCell<Callback<OnDemandEvent>>>,
    ) -> Result<Mounted, String> {
        let heard = Closure::<dyn Fn(Uint8Array)>::new(move |bytes: Uint8Array| {
            if let Ok(event) = from_bytes::<OnDemandEvent>(&bytes.to_vec()) {
                let on_event = on_event.borrow().clone();
                on_event.emit(event);
            }
        });
        let id = module.call(
            "mount",
            &[host, &Uint8Array::from(view).into(), heard.as_ref()],
        )?;
        Ok(Mounted { module, id, heard })
    }

    fn update(&self, view: &[u8]) -> Result<(), String> {
        self.module
            .call(
                "update",
                &[
                    &self.id,
                    &Uint8Array::from(view).into(),
                    self.heard.as_ref(),
                ],
            )
            .map(drop)
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = self.module.call("unmount", &[&self.id]);
    }
}

/// Properties of [`OnDemand`].
#[derive(Properties, PartialEq)]
pub struct OnDemandProps {
    /// The language of the messages while it loads or if it cannot.
    pub lang: Lang,
    /// The view, with what it shows.
    pub view: OnDemandView,
    /// Hears what the view does.
    pub on_event: Callback<OnDemandEvent>,
}

/// A view of the on-demand wasm: "loading" until the wasm is there, then
/// the view, drawn again each time its data changes.
#[function_component]
pub fn OnDemand(props: &OnDemandProps) -> Html {
    let host = use_node_ref();
    let loaded = use_state(|| None::<Result<Module, String>>);
    let failed = use_state_eq(|| None::<String>);
    let mounted = use_mut_ref(|| None::<Mounted>);
    let on_event = use_mut_ref(|| props.on_event.clone());
    *on_event.borrow_mut() = props.on_event.clone();
    // Asked again for another kind of view, so that one that failed to load tries again.
    {
        let loaded = loaded.clone();
        use_future_effect(std::mem::discriminant(&props.view), move |_| {
            Some(async move { loaded.set(Some(module().await)) })
        });
    }
    {
        let (host, mounted, failed) = (host.clone(), mounted.clone(), failed.clone());
        let module = loaded
            .as_ref()
            .and_then(|loaded| loaded.as_ref().ok())
            .cloned();
        use_effect_with((module.is_some(), props.view.clone()), move |(_, view)| {
            let view = to_bytes(view);
            let mut mounted = mounted.borrow_mut();
            let outcome = match (&*mounted, module, host.cast::<Element>()) {
                (Some(shown), ..) => shown.update(&view),
                (None, Some(module), Some(host)) => {
                    Mounted::new(module, &host, &view, on_event).map(|shown| *mounted = Some(shown))
                }
                (None, ..) => Ok(()),
            };
            failed.set(outcome.err());
        });
    }
    use_effect_with((), move |_| move || drop(mounted.take()));
    let t = |key: Key| key.text(props.lang);
    let why = match &*loaded {
        Some(Err(why)) => Some(why.clone()),
        _ => (*failed).clone(),
    };
    html! { <>
        if let Some(why) = why {
            <p class="error" role="alert">{ t(Key::ViewFailed) }{ props.lang.pick(" ", "") }{ why }</p>
        } else if loaded.is_none() {
            <p class="empty" role="status">{ t(Key::LoadingView) }</p>
        }
        <div class="on-demand" ref={host}></div>
    </> }
}
