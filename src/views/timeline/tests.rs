//! Tests of `timeline`.

use super::*;
use crate::model::parse::parse;
use crate::model::simulate::simulate;

fn drawing(lints: bool) -> Drawing<'static> {
    Drawing {
        lang: Lang::En,
        lints,
        end_ms: None,
        caption: None,
        zoomable: true,
    }
}

#[test]
fn ticks_fall_on_round_values_up_to_the_end() {
    assert_eq!(ticks(3000.0), vec![0.0, 1000.0, 2000.0, 3000.0]);
    assert_eq!(ticks(12.0), vec![0.0, 5.0, 10.0]);
    for end in [1.0, 7.3, 999.0, 45_000.0, 0.3] {
        let ticks = ticks(end);
        assert!(
            (3..=11).contains(&ticks.len()) && *ticks.last().unwrap() <= end * 1.000_001,
            "{end}: {ticks:?}"
        );
    }
}

#[test]
fn each_task_has_a_lane_of_slices_with_their_events_and_lints_mark_blocking() {
    let events = simulate(&parse("run gather\n\ntask a\n  print \"<hi>\"\n  block 200\n  sleep 100\n\ntask b\n  sleep 300\n").unwrap());
    let drawn = chart(&events, &drawing(true));
    let names: Vec<&str> = drawn.lanes.iter().map(|lane| lane.name.as_str()).collect();
    assert_eq!(names, ["loop", "main", "a", "b"]);
    let kinds: Vec<SliceKind> = drawn.lanes[2].slices.iter().map(|s| s.kind).collect();
    assert!(kinds.contains(&SliceKind::Linted), "{kinds:?}");
    let linted = drawn.lanes[2]
        .slices
        .iter()
        .find(|s| s.kind == SliceKind::Linted)
        .unwrap();
    assert!(linted.said.contains("ASYNC251"), "{}", linted.said);
    assert!(drawn.lanes[2]
        .slices
        .iter()
        .any(|s| s.said.contains("printed \"<hi>\"")));
    let unlinted = chart(&events, &drawing(false));
    assert!(unlinted
        .lanes
        .iter()
        .flat_map(|l| &l.slices)
        .all(|s| s.kind != SliceKind::Linted));
    assert!(
        drawn
            .ticks
            .iter()
            .any(|tick| tick.label == "500 ms" || tick.label == "400 ms"),
        "an axis tick: {:?}",
        drawn.ticks
    );
    let slices: usize = drawn.lanes.iter().map(|lane| lane.slices.len()).sum();
    assert_eq!(drawn.table.rows.len(), slices, "a table row per slice");
    assert!(drawn.zoom.is_some() && !drawn.captioned && drawn.more_tasks.is_none());
}

#[test]
fn slices_lie_within_the_track_in_time_order() {
    let events =
        simulate(&parse("run gather\n\ntask a x3\n  sleep 100\n  block 50\n  yield\n").unwrap());
    for lane in chart(&events, &drawing(false)).lanes {
        let mut after = 0;
        for slice in lane.slices {
            assert!(
                slice.left >= after && slice.width >= 0 && slice.left + slice.width <= 1001,
                "{}: {} + {}",
                lane.name,
                slice.left,
                slice.width
            );
            after = slice.left;
        }
    }
}

#[test]
fn a_run_of_many_tasks_draws_forty_lanes_and_counts_the_rest() {
    let events = simulate(&parse("run gather\n\ntask t x50\n  sleep 1\n").unwrap());
    let drawn = chart(&events, &drawing(false));
    assert_eq!(drawn.lanes.len(), MAX_LANES + 1);
    assert_eq!(
        drawn.more_tasks,
        Some(format!("+11 {}", WorkerText::MoreTasks.text(Lang::En))),
        "50 tasks and main, 40 drawn"
    );
}

#[test]
fn a_long_run_lists_at_most_its_table_rows_and_counts_the_rest() {
    let events = simulate(&parse("run gather\n\ntask t x30\n  yield\n  yield\n  yield\n  yield\n  yield\n  yield\n  yield\n  yield\n  yield\n  yield\n  yield\n  yield\n  yield\n  yield\n  yield\n").unwrap());
    let table = chart(&events, &drawing(false)).table;
    assert_eq!(table.rows.len(), MAX_TABLE_ROWS);
    assert!(table
        .more
        .is_some_and(|more| more.contains(WorkerText::MoreSlices.text(Lang::En))));
}

/// A request to draw a batch of run `run` from event `from`.
fn ask(run: u32, from: usize, ended: bool) -> TimelineAsk {
    TimelineAsk {
        lang: Lang::En,
        lints: false,
        ended,
        run,
        from,
        events: String::new(),
    }
}

/// The chart and what a screen reader is told, of an answer.
fn parts(answer: Result<TimelineDrawn, String>) -> (Chart, String) {
    let answer = answer.unwrap();
    (answer.chart, answer.said)
}

#[test]
fn the_worker_draws_a_run_sent_in_batches_and_asks_again_for_what_it_lost() {
    let events = simulate(&parse("run gather\n\ntask a x3\n  sleep 100\n").unwrap());
    let whole = chart(&events, &drawing(false));
    let mut worker = TimelineRun::default();
    let half = events.len() / 2;
    worker
        .draw(&ask(1, 0, false), events[..half].to_vec(), 5000.0)
        .unwrap();
    let (drawn, _) = parts(worker.draw(&ask(1, half, false), events[half..].to_vec(), 5000.0));
    assert_eq!(drawn, whole);
    let lost = |worker: &mut TimelineRun, run, from| {
        worker
            .draw(&ask(run, from, false), Vec::new(), 5000.0)
            .map(|_| ())
    };
    assert_eq!(
        lost(&mut worker, 1, half),
        Err(RESEND.into()),
        "a batch sent twice"
    );
    assert_eq!(
        lost(&mut worker, 2, events.len()),
        Err(RESEND.into()),
        "another run"
    );
    let mut restarted = TimelineRun::default();
    assert_eq!(lost(&mut restarted, 1, half), Err(RESEND.into()));
    let (drawn, said) = parts(restarted.draw(&ask(1, 0, false), events.clone(), 5000.0));
    assert_eq!(
        (drawn, said),
        (whole, batch_news(&events, Lang::En)),
        "news said at once"
    );
}

#[test]
fn news_waits_a_second_after_the_last_and_the_summary_comes_once_the_run_has_ended() {
    let events = simulate(&parse("run gather\n\ntask t x3\n  print \"hi\"\n").unwrap());
    let mut worker = TimelineRun::default();
    let (a, b) = events.split_at(events.len() / 2);
    let (_, first) = parts(worker.draw(&ask(1, 0, false), a.to_vec(), 1000.0));
    let (_, soon) = parts(worker.draw(&ask(1, a.len(), false), b.to_vec(), 1500.0));
    let (_, later) = parts(worker.draw(&ask(1, events.len(), false), Vec::new(), 2000.0));
    assert_eq!((first, soon.as_str()), (batch_news(a, Lang::En), ""));
    assert_eq!(later, batch_news(b, Lang::En));
    worker
        .draw(&ask(2, 0, false), events.clone(), 2500.0)
        .unwrap();
    let (_, ended) = parts(worker.draw(&ask(2, events.len(), true), Vec::new(), 2600.0));
    assert_eq!(
        ended,
        run_summary(&events, Lang::En),
        "the summary, not the news waiting"
    );
}
