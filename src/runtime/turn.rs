//! A genuine turn of the browser's event loop, for `yield`: the task resumes
//! from a message posted on a MessageChannel, so timers, input and
//! rendering get their turn first, as other tasks do.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::{poll_fn, Future};
use std::rc::Rc;
use std::task::{Poll, Waker};

use wasm_bindgen::closure::Closure;
use web_sys::{MessageChannel, MessagePort};

use super::live::{Resource, Tracked};

#[derive(Default)]
struct Slot {
    fired: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

/// One channel for the page: each posted message wakes the oldest waiter.
struct Turns {
    sender: MessagePort,
    waiting: Rc<RefCell<VecDeque<Rc<Slot>>>>,
    _receiver: MessagePort,
    _on_message: Closure<dyn FnMut()>,
}

impl Turns {
    fn new() -> Self {
        let channel = MessageChannel::new().expect("MessageChannel is available");
        let waiting: Rc<RefCell<VecDeque<Rc<Slot>>>> = Rc::default();
        let on_message = {
            let waiting = waiting.clone();
            Closure::<dyn FnMut()>::new(move || {
                let next = waiting.borrow_mut().pop_front();
                if let Some(slot) = next {
                    slot.fired.set(true);
                    if let Some(waker) = slot.waker.take() {
                        waker.wake();
                    }
                }
            })
        };
        let receiver = channel.port1();
        receiver.set_onmessage(Some(wasm_bindgen::JsCast::unchecked_ref(
            on_message.as_ref(),
        )));
        Self {
            sender: channel.port2(),
            waiting,
            _receiver: receiver,
            _on_message: on_message,
        }
    }
}

thread_local! {
    static TURNS: Turns = Turns::new();
}

/// Resolves on a later turn of the event loop. Dropping it early leaves a
/// message that wakes nobody.
pub fn next_turn() -> impl Future<Output = ()> {
    let slot = Rc::new(Slot::default());
    TURNS.with(|turns| {
        turns.waiting.borrow_mut().push_back(slot.clone());
        turns
            .sender
            .post_message(&wasm_bindgen::JsValue::NULL)
            .expect("posting to our own channel");
    });
    let tracked = Tracked::new(Resource::Callback);
    poll_fn(move |cx| {
        let _ = &tracked;
        if slot.fired.get() {
            Poll::Ready(())
        } else {
            *slot.waker.borrow_mut() = Some(cx.waker().clone());
            Poll::Pending
        }
    })
}
