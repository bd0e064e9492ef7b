//! The log: one line per event, with its time, task and what happened. Only
//! the rows in view are rendered, so 10 000 events scroll smoothly and a
//! replay's step re-renders only them; a line clicked, or reached with the
//! arrow keys, is the replay's step and is shown whole below them.

use std::collections::HashSet;
use std::rc::Rc;

use web_sys::{Element, HtmlSelectElement};
use yew::prelude::*;

use super::number::fixed;
use super::recording::Recording;
use crate::model::i18n::{Key, Lang};
use crate::model::trace::{task_colour, Event};

/// Tasks offered in the filter at most (a list of thousands helps nobody).
const MAX_FILTER_TASKS: usize = 200;

/// Height of one row, in px (the CSS uses the same).
pub const ROW_PX: f64 = 26.0;
const VIEW_PX: f64 = 420.0;

/// An event's time, task and description, as a line of the log shows them.
fn cells(event: &Event, lang: Lang) -> Html {
    let what = event.describe(lang);
    html! {
        <>
            <span class="time">{ format!("{} {}", fixed(event.t_ms, 1), Key::Ms.text(lang)) }</span>
            <span class="task" style={format!("--task: {}", task_colour(&event.task))}>{ &*event.task }</span>
            <span class={classes!("what", event.kind.name())} title={what.clone()}>{ what }</span>
        </>
    }
}

/// The shown row the selection moves to on `key`: the next or previous one,
/// the first when none is selected; `None` for other keys or past either end.
fn row_after(key: &str, current: Option<usize>, shown: usize) -> Option<usize> {
    let next = match (key, current) {
        ("ArrowDown", None) | ("ArrowUp", None) => 0,
        ("ArrowDown", Some(row)) => row + 1,
        ("ArrowUp", Some(row)) => row.checked_sub(1)?,
        _ => return None,
    };
    (next < shown).then_some(next)
}

/// Properties of [`Log`].
#[derive(Properties, PartialEq)]
pub struct LogProps {
    pub lang: Lang,
    pub events: Recording,
    pub filter: Option<String>,
    pub on_filter: Callback<Option<String>>,
    /// The replay's event, highlighted and scrolled into view.
    pub step: Option<usize>,
    pub on_step: Callback<Option<usize>>,
}

/// The events of a run, in the order they happened, filterable by task.
#[function_component]
pub fn Log(props: &LogProps) -> Html {
    let lang = props.lang;
    let scroll_top = use_state(|| 0.0);
    let view = use_node_ref();
    let rows = use_memo(
        (props.events.clone(), props.filter.clone()),
        |(events, filter)| Rows::of(events, filter.as_deref()),
    );
    let tasks = use_memo(props.events.clone(), tasks_of);
    use_step_in_view(&view, props.step.and_then(|index| rows.row_of(index)));
    let events = props.events.events();
    let shown = rows.shown(events.len());
    let first = ((*scroll_top / ROW_PX) as usize)
        .saturating_sub(10)
        .min(shown);
    let last = (first + (VIEW_PX / ROW_PX) as usize + 20).min(shown);
    let on_scroll = Callback::from(move |event: yew::Event| {
        let view: Element = event.target_unchecked_into();
        scroll_top.set(f64::from(view.scroll_top()));
    });
    html! {
        <div class="log-panel">
            { task_filter(lang, &tasks, props.filter.as_deref(), &props.on_filter) }
            if shown == 0 {
                <p class="empty">{ Key::NoEvents.text(lang) }</p>
            }
            <div class="log-view" role="region" ref={view} onscroll={on_scroll} onkeydown={on_arrow_keys(&rows, props.step, &props.on_step, shown)} tabindex="0" aria-label={Key::Log.text(lang)}>
                <ol class="log" aria-live="polite" style={format!("padding-top: {}px; height: {}px", fixed(first as f64 * ROW_PX, 0), fixed(shown as f64 * ROW_PX, 0))}>
                    { for (first..last).map(|row| rows.index_at(row)).map(|index| {
                        let on_click = props.on_step.reform(move |_: MouseEvent| Some(index));
                        html! {
                            <li class={classes!("log-line", (props.step == Some(index)).then_some("selected"))} onclick={on_click}>
                                { cells(&events[index], lang) }
                            </li>
                        }
                    }) }
                </ol>
            </div>
            if let Some(event) = props.step.and_then(|index| events.get(index)) {
                <p class="log-detail">{ cells(event, lang) }</p>
            }
        </div>
    }
}

/// The events a filter shows: the indices of one task's events, or all.
#[derive(PartialEq)]
struct Rows(Option<Vec<usize>>);

impl Rows {
    fn of(events: &Recording, task: Option<&str>) -> Self {
        Rows(task.map(|task| {
            let events = events.events();
            (0..events.len())
                .filter(|&i| *events[i].task == *task)
                .collect()
        }))
    }

    /// How many rows show of `all` events.
    fn shown(&self, all: usize) -> usize {
        self.0.as_ref().map_or(all, Vec::len)
    }

    /// The event shown at `row`.
    fn index_at(&self, row: usize) -> usize {
        self.0.as_ref().map_or(row, |rows| rows[row])
    }

    /// The row event `index` shows at, if it shows.
    fn row_of(&self, index: usize) -> Option<usize> {
        self.0
            .as_ref()
            .map_or(Some(index), |rows| rows.binary_search(&index).ok())
    }
}

/// Scrolls `view` so that `row`, the replay's step, is in view when it changes.
#[hook]
fn use_step_in_view(view: &NodeRef, row: Option<usize>) {
    let view = view.clone();
    use_effect_with(row, move |row| {
        if let (Some(row), Some(view)) = (*row, view.cast::<Element>()) {
            let (top, height) = (row as f64 * ROW_PX, f64::from(view.client_height()));
            let scrolled = f64::from(view.scroll_top());
            if top < scrolled {
                view.set_scroll_top(top as i32);
            } else if top + ROW_PX > scrolled + height {
                view.set_scroll_top((top + ROW_PX - height) as i32);
            }
        }
    });
}

/// The arrow keys move the replay's step through the shown rows; Escape ends it.
fn on_arrow_keys(
    rows: &Rc<Rows>,
    step: Option<usize>,
    on_step: &Callback<Option<usize>>,
    shown: usize,
) -> Callback<KeyboardEvent> {
    let (rows, on_step) = (rows.clone(), on_step.clone());
    Callback::from(move |event: KeyboardEvent| {
        let key = event.key();
        if key == "Escape" {
            on_step.emit(None);
            return;
        }
        let current = step.and_then(|index| rows.row_of(index));
        let Some(row) = row_after(&key, current, shown) else {
            return;
        };
        event.prevent_default();
        on_step.emit(Some(rows.index_at(row)));
    })
}

/// The tasks of a run in the order they first appear, the first
/// [`MAX_FILTER_TASKS`] of them.
fn tasks_of(events: &Recording) -> Vec<Rc<str>> {
    let mut seen = HashSet::new();
    events
        .events()
        .iter()
        .filter(|e| seen.insert(&*e.task))
        .take(MAX_FILTER_TASKS)
        .map(|e| e.task.clone())
        .collect()
}

/// The task filter: one of `tasks`, or all.
fn task_filter(
    lang: Lang,
    tasks: &[Rc<str>],
    filter: Option<&str>,
    on_filter: &Callback<Option<String>>,
) -> Html {
    let on_change = on_filter.reform(|event: yew::Event| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        let value = select.value();
        (!value.is_empty()).then_some(value)
    });
    html! {
        <label class="filter">
            { Key::FilterTask.text(lang) }
            <select onchange={on_change}>
                <option value="" selected={filter.is_none()}>{ Key::AllTasks.text(lang) }</option>
                { for tasks.iter().map(|task| html! { <option value={task.to_string()} selected={filter == Some(&**task)}>{ &**task }</option> }) }
            </select>
        </label>
    }
}

#[cfg(test)]
mod tests {
    use super::row_after;

    #[test]
    fn arrows_step_through_the_shown_rows_and_stop_at_either_end() {
        assert_eq!(row_after("ArrowDown", None, 3), Some(0));
        assert_eq!(row_after("ArrowUp", None, 3), Some(0));
        assert_eq!(row_after("ArrowDown", Some(0), 3), Some(1));
        assert_eq!(row_after("ArrowDown", Some(2), 3), None);
        assert_eq!(row_after("ArrowUp", Some(1), 3), Some(0));
        assert_eq!(row_after("ArrowUp", Some(0), 3), None);
        assert_eq!(row_after("ArrowDown", None, 0), None);
        assert_eq!(row_after("Enter", Some(1), 3), None);
    }
}
