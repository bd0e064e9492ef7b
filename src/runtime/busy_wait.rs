//! `hold_the_loop`: a busy-wait that holds the thread it runs on; nothing else on
//! that thread (on the main thread: the whole page) runs meanwhile.

use super::clock::now_ms;

/// Busy-waits for `ms` milliseconds, like `time.sleep` on the event loop.
pub fn hold_the_loop(ms: f64) {
    let until = now_ms() + ms;
    while now_ms() < until {}
}
