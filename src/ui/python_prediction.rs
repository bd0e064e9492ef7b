//! What a Python program does on the virtual clock, asked of CPython for
//! the views that show or grade a prediction.

use yew::prelude::*;

use super::future_effect::use_future_effect;
use crate::model::trace_export::trace_json;
use crate::runtime::python_prediction;

/// The prediction of `python`, when there is Python to predict: its trace
/// as JSON text once CPython has run it on the virtual clock, or why it
/// could not (`None` while it runs).
#[hook]
pub fn use_python_prediction(
    python: Option<AttrValue>,
) -> UseStateHandle<Option<Result<AttrValue, String>>> {
    let prediction = use_state(|| None);
    {
        let prediction = prediction.clone();
        use_future_effect(python, move |python| {
            prediction.set(None);
            let python = python.clone()?;
            Some(async move {
                let made = python_prediction(python.to_string()).await;
                prediction.set(Some(
                    made.map(|events| trace_json(&python, 1.0, &events).text().into()),
                ));
            })
        });
    }
    prediction
}
