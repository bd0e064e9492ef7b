//! The on-demand wasm's side of a view: the component the page asked for,
//! drawn from its data, its events sent back to the page.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::parse::parse;
use crate::ui::compare::Compare;
use crate::ui::orders::Orders;
use crate::ui::python_tab::PythonTab;
use crate::ui::quiz::Quiz;
use crate::ui::table::Table;
use crate::views::on_demand::{OnDemandEvent, OnDemandView};

/// Properties of [`OnDemandRoot`].
#[derive(Properties, PartialEq)]
pub struct OnDemandRootProps {
    /// The view the page asked for, with what it shows.
    pub view: OnDemandView,
    /// Tells the page what the view does.
    pub on_event: Callback<OnDemandEvent>,
}

/// The program text a view shows, read once per text.
fn source_of(view: &OnDemandView) -> Option<String> {
    match view {
        OnDemandView::Table { source, .. } | OnDemandView::PythonTab { source, .. } => {
            Some(source.clone())
        }
        OnDemandView::Quiz(_) | OnDemandView::Compare { .. } | OnDemandView::Orders { .. } => None,
    }
}

/// The view the page asked for.
#[function_component]
pub fn OnDemandRoot(props: &OnDemandRootProps) -> Html {
    let program = use_memo(source_of(&props.view), |source| {
        source
            .as_deref()
            .and_then(|source| parse(source).ok().map(Rc::new))
    });
    let on_event = &props.on_event;
    match (&props.view, (*program).clone()) {
        (OnDemandView::Table { lang, .. }, Some(program)) => html! {
            <Table lang={*lang} {program} on_edit={on_event.reform(OnDemandEvent::Edited)} />
        },
        (OnDemandView::PythonTab { lang, .. }, Some(program)) => html! {
            <PythonTab lang={*lang} {program} />
        },
        (OnDemandView::Quiz(of), _) => html! {
            <Quiz of={of.clone()} on_checked={on_event.reform(|()| OnDemandEvent::Checked)} />
        },
        (
            OnDemandView::Compare {
                lang,
                traces,
                pinned,
            },
            _,
        ) => html! {
            <Compare lang={*lang} traces={traces.iter().cloned().map(AttrValue::from).collect::<Vec<_>>()}
                pinned={*pinned} on_unpin={on_event.reform(OnDemandEvent::Unpinned)} />
        },
        (
            OnDemandView::Orders {
                lang,
                trace,
                has_events,
                show_prediction,
                predicted,
            },
            _,
        ) => html! {
            <Orders lang={*lang} trace={AttrValue::from(trace.clone())} has_events={*has_events}
                show_prediction={*show_prediction} predicted={predicted.clone().map(AttrValue::from)}
                on_toggle_prediction={on_event.reform(|()| OnDemandEvent::PredictionToggled)} />
        },
        (OnDemandView::Table { .. } | OnDemandView::PythonTab { .. }, None) => Html::default(),
    }
}
