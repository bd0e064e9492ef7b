//! Frames of `requestAnimationFrame`: a counter that stops counting while
//! anything holds the main thread, which is what the page's indicator
//! shows, and a wait until the next frame is painted.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use gloo_timers::future::TimeoutFuture;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::clock::now_ms;

type FrameCallback = Closure<dyn FnMut()>;

struct Counter {
    frames: Cell<u32>,
    since: Cell<f64>,
    request: Cell<Option<i32>>,
    callback: RefCell<Option<FrameCallback>>,
    report: Box<dyn Fn(f64)>,
}

/// Counts frames while it lives and reports frames per second twice a
/// second; dropping it cancels the pending frame request.
pub struct FrameCounter(Rc<Counter>);

impl FrameCounter {
    /// Starts counting; `report` gets frames per second.
    pub fn start(report: impl Fn(f64) + 'static) -> Self {
        let counter = Rc::new(Counter {
            frames: Cell::new(0),
            since: Cell::new(now_ms()),
            request: Cell::new(None),
            callback: RefCell::new(None),
            report: Box::new(report),
        });
        let weak = Rc::downgrade(&counter);
        *counter.callback.borrow_mut() = Some(FrameCallback::new(move || {
            if let Some(counter) = weak.upgrade() {
                counter.tick();
            }
        }));
        counter.request_frame();
        FrameCounter(counter)
    }
}

impl Counter {
    fn tick(&self) {
        self.frames.set(self.frames.get() + 1);
        let elapsed = now_ms() - self.since.get();
        if elapsed >= 500.0 {
            (self.report)(f64::from(self.frames.get()) * 1000.0 / elapsed);
            self.frames.set(0);
            self.since.set(now_ms());
        }
        self.request_frame();
    }

    fn request_frame(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(callback) = self.callback.borrow().as_ref() {
            self.request.set(
                window
                    .request_animation_frame(callback.as_ref().unchecked_ref())
                    .ok(),
            );
        }
    }
}

impl Drop for FrameCounter {
    fn drop(&mut self) {
        if let (Some(window), Some(request)) = (web_sys::window(), self.0.request.take()) {
            let _ = window.cancel_animation_frame(request);
        }
        self.0.callback.take();
    }
}

/// The next frame requested of the browser: ready once its callback has
/// run; dropping it first cancels the request.
struct NextFrame {
    fired: Rc<Cell<bool>>,
    waker: Rc<RefCell<Option<Waker>>>,
    request: Option<(i32, FrameCallback)>,
}

impl Future for NextFrame {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.fired.get() {
            return Poll::Ready(());
        }
        *self.waker.borrow_mut() = Some(cx.waker().clone());
        if self.request.is_none() {
            let (fired, waker) = (self.fired.clone(), self.waker.clone());
            let callback = FrameCallback::new(move || {
                fired.set(true);
                if let Some(waker) = waker.borrow_mut().take() {
                    waker.wake();
                }
            });
            let Some(request) = web_sys::window().and_then(|window| {
                window
                    .request_animation_frame(callback.as_ref().unchecked_ref())
                    .ok()
            }) else {
                return Poll::Ready(());
            };
            self.request = Some((request, callback));
        }
        Poll::Pending
    }
}

impl Drop for NextFrame {
    fn drop(&mut self) {
        if let (Some(window), Some((request, _)), false) =
            (web_sys::window(), &self.request, self.fired.get())
        {
            let _ = window.cancel_animation_frame(*request);
        }
    }
}

/// How long a page waits for a frame before it goes on without: a page
/// the browser does not draw (a hidden tab, an embed out of view) gets none.
const FRAME_WAIT_MS: u32 = 100;

/// Resolves in the first task after the browser has painted what the
/// page holds now: a frame's callback runs just before its paint, and a
/// timeout armed there runs after it.
pub async fn after_next_paint() {
    let frame = NextFrame {
        fired: Rc::new(Cell::new(false)),
        waker: Rc::new(RefCell::new(None)),
        request: None,
    };
    futures::future::select(frame, TimeoutFuture::new(FRAME_WAIT_MS)).await;
    TimeoutFuture::new(0).await;
}
