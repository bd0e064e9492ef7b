//! The event-loop lag meter: a heartbeat that measures how late each beat
//! comes, and blames the program only for the time its own steps held the
//! loop meanwhile. While `block` or `compute` holds the loop, no beat can come.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::callback::Interval;

use super::clock::now_ms;
use super::event_loop::busy_ms;
use super::resource_counts::{Resource, Tracked};

/// Beats every this many ms.
pub const BEAT_MS: u32 = 20;
/// Lateness worth reporting: more than a couple of frames.
pub const REPORT_OVER_MS: f64 = 40.0;

/// The meter's readings, shared with its timer.
struct Beats {
    last: Cell<f64>,
    /// The loop's busy time at the last beat.
    busy_at_last: Cell<f64>,
    report: Box<dyn Fn(f64)>,
}

impl Beats {
    /// Measures the time since the last beat as lateness, and reports the
    /// part of it the program's steps held the loop: the page's own work
    /// between beats (drawing the log, layout) makes a beat late too, but
    /// is not the program's doing.
    fn beat(&self) {
        let now = now_ms();
        let late = now - self.last.replace(now) - f64::from(BEAT_MS);
        let busy = busy_ms();
        let held = (busy - self.busy_at_last.replace(busy)).min(late);
        if held > REPORT_OVER_MS {
            (self.report)(held);
        }
    }
}

/// Beats while it lives; dropping it clears its timer.
pub struct LagMeter {
    beats: Rc<Beats>,
    _interval: Interval,
    _tracked: Tracked,
}

impl LagMeter {
    /// Starts beating; `report` gets each time the program held the loop for
    /// over [`REPORT_OVER_MS`] and made a beat late.
    pub fn start(report: impl Fn(f64) + 'static) -> Self {
        let beats = Rc::new(Beats {
            last: Cell::new(now_ms()),
            busy_at_last: Cell::new(busy_ms()),
            report: Box::new(report),
        });
        let timer_beats = beats.clone();
        let interval = Interval::new(BEAT_MS, move || timer_beats.beat());
        LagMeter {
            beats,
            _interval: interval,
            _tracked: Tracked::new(Resource::Timer),
        }
    }

    /// Takes a last reading (a block just before the end shows too) and stops.
    pub fn finish(self) {
        self.beats.beat();
    }
}
