//! Counts of the async resources runs hold right now, so tests can check
//! that a stopped run leaves none behind.

use std::cell::Cell;

/// What is alive at one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Live {
    /// Task futures not yet dropped.
    pub tasks: u32,
    /// Sleeps waiting in the timer queue, and lag meters beating.
    pub timers: u32,
    /// `call_soon` callbacks queued and not yet run or dropped.
    pub callbacks: u32,
    /// Requests in flight.
    pub fetches: u32,
    /// Worker jobs queued or running.
    pub jobs: u32,
}

thread_local! {
    static LIVE: Cell<Live> = Cell::new(Live::default());
}

/// The resources alive now.
pub fn live() -> Live {
    LIVE.with(Cell::get)
}

/// Which count a [`Tracked`] guard holds one of.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Resource {
    Task,
    Timer,
    Callback,
    Fetch,
    Job,
}

fn adjust(resource: Resource, by: i32) {
    LIVE.with(|live| {
        let mut now = live.get();
        let count = match resource {
            Resource::Task => &mut now.tasks,
            Resource::Timer => &mut now.timers,
            Resource::Callback => &mut now.callbacks,
            Resource::Fetch => &mut now.fetches,
            Resource::Job => &mut now.jobs,
        };
        *count = count.saturating_add_signed(by);
        live.set(now);
    });
}

/// Counts one resource while it lives.
#[derive(Debug)]
pub(crate) struct Tracked(Resource);

impl Tracked {
    pub(crate) fn new(resource: Resource) -> Self {
        adjust(resource, 1);
        Self(resource)
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        adjust(self.0, -1);
    }
}
