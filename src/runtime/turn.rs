//! A genuine turn of the browser's event loop, for `yield`: the task resumes
//! from a message posted on a MessageChannel, so timers, input and
//! rendering get their turn first. Like one iteration of asyncio's loop, one
//! message resumes every task that yielded before it was posted, in order.

use std::cell::{Cell, RefCell};
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

/// One channel for the page: one message is in flight while anyone waits,
/// and it wakes everyone who waited when it was posted.
struct Turns {
    sender: MessagePort,
    waiting: Rc<RefCell<Vec<Rc<Slot>>>>,
    _receiver: MessagePort,
    _on_message: Closure<dyn FnMut()>,
}

impl Turns {
    fn new() -> Self {
        let channel = MessageChannel::new().expect("MessageChannel is available");
        let waiting: Rc<RefCell<Vec<Rc<Slot>>>> = Rc::default();
        let on_message = {
            let waiting = waiting.clone();
            Closure::<dyn FnMut()>::new(move || {
                let turn = waiting.take();
                for slot in turn {
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

/// Resolves on a later turn of the event loop. Dropping it early leaves
/// its place in the turn empty.
pub fn next_turn() -> impl Future<Output = ()> {
    let slot = Rc::new(Slot::default());
    TURNS.with(|turns| {
        let mut waiting = turns.waiting.borrow_mut();
        if waiting.is_empty() {
            turns
                .sender
                .post_message(&wasm_bindgen::JsValue::NULL)
                .expect("posting to our own channel");
        }
        waiting.push(slot.clone());
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
