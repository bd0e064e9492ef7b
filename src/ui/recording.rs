//! The events of a run as the page keeps them: one growing list that every
//! view shares, so a new batch is appended once and never copied.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use crate::model::trace::Event;

/// A run's events up to some point. Views made before a batch arrived keep
/// seeing the events they had; two views are equal when they see the same.
#[derive(Clone, Default)]
pub struct Recording {
    list: Rc<RefCell<Vec<Event>>>,
    len: usize,
}

impl Recording {
    /// This recording with `batch` appended: in place when this is the
    /// latest view, else on a copy, so every view keeps what it saw.
    pub fn extended(&self, batch: Vec<Event>) -> Self {
        let mut list = self.list.borrow_mut();
        if list.len() == self.len {
            list.extend(batch);
            return Self {
                list: self.list.clone(),
                len: list.len(),
            };
        }
        let copy: Vec<Event> = list[..self.len].iter().cloned().chain(batch).collect();
        Self {
            len: copy.len(),
            list: Rc::new(RefCell::new(copy)),
        }
    }

    /// The events this view sees. Holding them across a dispatch that adds
    /// events panics: read them within a render or a callback.
    pub fn events(&self) -> Ref<'_, [Event]> {
        Ref::map(self.list.borrow(), |list| &list[..self.len])
    }

    /// How many events this view sees.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether this view sees every event `earlier` saw, and maybe more.
    pub fn follows(&self, earlier: &Recording) -> bool {
        Rc::ptr_eq(&self.list, &earlier.list) && self.len >= earlier.len
    }

    /// Whether this view sees no event.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl PartialEq for Recording {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.list, &other.list) && self.len == other.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::trace::EventKind;

    fn event(task: &str) -> Event {
        Event {
            t_ms: 0.0,
            task: task.into(),
            kind: EventKind::Start,
        }
    }

    #[test]
    fn earlier_views_keep_what_they_saw() {
        let empty = Recording::default();
        let one = empty.extended(vec![event("a")]);
        let two = one.extended(vec![event("b")]);
        assert_eq!(
            (empty.events().len(), one.events().len(), two.events().len()),
            (0, 1, 2)
        );
        assert_eq!(&*one.events()[0].task, "a");
        assert_eq!(&*two.events()[1].task, "b");
        assert!(one != two && one == one.clone() && empty != Recording::default());
        assert!(two.follows(&one) && !one.follows(&two) && !one.follows(&Recording::default()));
        assert_eq!(two.len(), 2);
    }

    #[test]
    fn extending_an_older_view_leaves_the_newer_one_alone() {
        let tasks = |view: &Recording| -> Vec<String> {
            view.events().iter().map(|e| e.task.to_string()).collect()
        };
        let one = Recording::default().extended(vec![event("a")]);
        let two = one.extended(vec![event("b")]);
        let other = one.extended(vec![event("c")]);
        assert_eq!(
            (tasks(&two), tasks(&other)),
            (vec!["a".into(), "b".into()], vec!["a".into(), "c".into()])
        );
    }
}
