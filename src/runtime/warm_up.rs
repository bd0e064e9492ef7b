//! A small program the page runs once while it is idle, so that the
//! browser has compiled the runtime's code before a learner's first Run.

use futures::channel::oneshot;

use super::run::{a_run_goes_on, end_warm_up, hold_as_warm_up, run, RunOptions};
use crate::model::parse::parse;

/// Tasks that print, yield, sleep and are gathered: the paths every run
/// takes. Larger warm-ups took longer and left the first Run no faster
/// (docs/runtime.md).
const WARM_UP: &str =
    "run gather\n\ntask warm x300\n  print \"{i}\"\n  yield\n  sleep 1\n  yield\n";

/// Runs the warm-up to its end, its events recorded as a run's are and
/// dropped; nothing while another run goes on. Any other run stops it
/// before it starts; dropping the future stops it too.
pub async fn warm_up() {
    if a_run_goes_on() {
        return;
    }
    let Ok(program) = parse(WARM_UP) else {
        return;
    };
    let (done, finished) = oneshot::channel();
    let handle = run(
        &program,
        RunOptions {
            time_scale: 1.0,
            record: true,
        },
        drop,
        move |_| {
            let _ = done.send(());
        },
    );
    hold_as_warm_up(handle);
    let _ends = EndsWarmUp;
    let _ = finished.await;
}

/// Stops the warm-up when the future that awaits it goes.
struct EndsWarmUp;

impl Drop for EndsWarmUp {
    fn drop(&mut self) {
        end_warm_up();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_warm_up_program_reads() {
        assert!(parse(WARM_UP).is_ok());
    }
}
