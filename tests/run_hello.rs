//! The hello-world demo run for real on the browser's event loop.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use coroutine_playground::model::presets::find;
use coroutine_playground::model::program::Program;
use coroutine_playground::model::trace::{printed_lines, Event};
use coroutine_playground::runtime::run;
use futures::channel::oneshot;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn hello_world() -> Program {
    find("hello-world").expect("the preset").program()
}

/// Collects a run's events and resolves a future with its total time.
fn recorder() -> (
    Rc<RefCell<Vec<Event>>>,
    impl Fn(Event),
    impl FnOnce(f64),
    oneshot::Receiver<f64>,
) {
    let events = Rc::new(RefCell::new(Vec::new()));
    let (done, finished) = oneshot::channel();
    let sink = events.clone();
    (
        events,
        move |event| sink.borrow_mut().push(event),
        move |ms| {
            let _ = done.send(ms);
        },
        finished,
    )
}

#[wasm_bindgen_test]
async fn hello_world_runs_its_four_waits_at_once() {
    let (events, on_event, on_finish, finished) = recorder();
    let _handle = run(&hello_world(), on_event, on_finish);
    let total = finished.await.expect("the run finishes");

    let events = events.borrow();
    assert_eq!(
        printed_lines(&events),
        ["hello 0", "hello 1", "hello 2", "hello 3", "world 0", "world 1", "world 2", "world 3"]
    );
    assert!(
        (3000.0..4500.0).contains(&total),
        "four 3000 ms waits took {total} ms"
    );
    assert!(
        events.windows(2).all(|pair| pair[0].t_ms <= pair[1].t_ms),
        "times only go forward"
    );
}

#[wasm_bindgen_test]
async fn a_new_run_cancels_the_one_in_progress() {
    let (first_events, on_event, on_finish, mut first_finished) = recorder();
    let first = run(&hello_world(), on_event, on_finish);
    TimeoutFuture::new(100).await;
    let seen_before_restart = first_events.borrow().len();
    assert_eq!(
        printed_lines(&first_events.borrow()),
        ["hello 0", "hello 1", "hello 2", "hello 3"]
    );

    drop(first);
    let (second_events, on_event, on_finish, second_finished) = recorder();
    let _second = run(&hello_world(), on_event, on_finish);
    second_finished.await.expect("the second run finishes");

    assert_eq!(
        first_events.borrow().len(),
        seen_before_restart,
        "no stale events after cancel"
    );
    assert!(
        matches!(first_finished.try_recv(), Err(oneshot::Canceled)),
        "the cancelled run never finishes"
    );
    assert_eq!(printed_lines(&second_events.borrow()).len(), 8);
}
