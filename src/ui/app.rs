//! The app: it reads the page's link, inflates a `#code/` program, and
//! opens the page (`ui::page`) with it.

use yew::prelude::*;

use super::future_effect::use_future_effect;
use super::link::{inflated, location};
use super::page::Page;
use crate::model::route::{read, Link, Opened};

/// The playground, once the page's link is ready to open: a `#code/`
/// program is inflated first, which takes the browser a moment.
#[function_component]
pub fn App() -> Html {
    let link = use_state(|| {
        let (search, hash) = location();
        read(&search, &hash)
    });
    {
        let link = link.clone();
        use_future_effect((), move |_| {
            link.opened
                .as_ref()
                .is_ok_and(Opened::is_deflated)
                .then(|| {
                    let rest = (*link).clone();
                    let opening = inflated(link.opened.clone());
                    async move {
                        link.set(Link {
                            opened: opening.await,
                            ..rest
                        })
                    }
                })
        });
    }
    if link.opened.as_ref().is_ok_and(Opened::is_deflated) {
        return Html::default();
    }
    html! { <Page link={(*link).clone()} /> }
}
