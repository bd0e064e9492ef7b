//! The page's state and the actions that change it.

use std::rc::Rc;

use yew::Reducible;

use crate::model::trace::Event;

/// What the page shows about the current run.
#[derive(Clone, Default, PartialEq)]
pub struct RunState {
    pub events: Rc<Vec<Event>>,
    pub total_ms: Option<f64>,
}

/// Everything that changes [`RunState`].
pub enum Action {
    /// A new run started: clear the old one.
    Started,
    /// The run reported an event.
    Event(Event),
    /// The run finished after this many ms.
    Finished(f64),
}

impl Reducible for RunState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        match action {
            Action::Started => next = RunState::default(),
            Action::Event(event) => Rc::make_mut(&mut next.events).push(event),
            Action::Finished(ms) => next.total_ms = Some(ms),
        }
        Rc::new(next)
    }
}
