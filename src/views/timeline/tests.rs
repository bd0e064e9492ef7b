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
    let html = timeline_html(&events, &drawing(true));
    assert_eq!(
        html.matches("<div class=\"tl-lane\">").count(),
        4,
        "the loop, main, a and b"
    );
    assert!(html.contains("class=\"blocked linted\"") && html.contains("ASYNC251"));
    assert!(html.contains("&lt;hi&gt;") && !html.contains("<hi>"));
    assert!(!timeline_html(&events, &drawing(false)).contains("linted"));
    assert!(
        html.contains("<b>500 ms</b>") || html.contains("<b>400 ms</b>"),
        "an axis tick: {html}"
    );
    assert_eq!(
        html.matches("tabindex=\"0\"").count(),
        1,
        "one slice in the tab order"
    );
    let slices = html.matches("role=\"img\"").count();
    assert_eq!(
        html.matches("<tr><td>").count(),
        slices,
        "a table row per slice"
    );
    assert_eq!(
        html.matches("class=\"tl-pop\"").count(),
        slices,
        "a popover per slice"
    );
}

#[test]
fn slices_lie_within_the_track_in_time_order() {
    let events =
        simulate(&parse("run gather\n\ntask a x3\n  sleep 100\n  block 50\n  yield\n").unwrap());
    let html = timeline_html(&events, &drawing(false));
    let number = |after: &str, from: usize| -> f64 {
        let at = html[from..].find(after).unwrap() + from + after.len();
        html[at..].split('%').next().unwrap().parse().unwrap()
    };
    let mut from = 0;
    while let Some(at) = html[from..].find("role=\"img\"") {
        let at = at + from;
        let (left, width) = (number("left:", at), number("width:", at));
        assert!(
            left >= 0.0 && width >= 0.0 && left + width <= 100.05,
            "{left} + {width}"
        );
        from = at + 1;
    }
}

#[test]
fn a_run_of_many_tasks_draws_forty_lanes_and_counts_the_rest() {
    let events = simulate(&parse("run gather\n\ntask t x50\n  sleep 1\n").unwrap());
    let html = timeline_html(&events, &drawing(false));
    assert_eq!(
        html.matches("<div class=\"tl-lane\">").count(),
        MAX_LANES + 1
    );
    assert!(
        html.contains(&format!("+11 {}", WorkerText::MoreTasks.text(Lang::En))),
        "50 tasks and main, 40 drawn"
    );
}

#[test]
fn a_long_run_lists_at_most_its_table_rows_and_counts_the_rest() {
    let events = simulate(&parse("run gather\n\ntask t x30\n  yield\n  yield\n  yield\n  yield\n  yield\n  yield\n  yield\n  yield\n  yield\n  yield\n  yield\n  yield\n  yield\n  yield\n  yield\n").unwrap());
    let html = timeline_html(&events, &drawing(false));
    assert_eq!(html.matches("<tr><td>").count(), MAX_TABLE_ROWS);
    assert!(html.contains(WorkerText::MoreSlices.text(Lang::En)));
}

/// A request to draw a batch of run `run` from event `from`.
fn ask(run: u32, from: usize, ended: bool) -> TimelineAsk<'static> {
    TimelineAsk {
        lints: false,
        ended,
        run,
        from,
        events: "",
    }
}

/// The chart and what a screen reader is told, of an answer.
fn parts(answer: Result<String, String>) -> (String, String) {
    let answer = answer.unwrap();
    let (chart, said) = answer.split_once(SAID).unwrap();
    (chart.to_string(), said.to_string())
}

#[test]
fn the_worker_draws_a_run_sent_in_batches_and_asks_again_for_what_it_lost() {
    let events = simulate(&parse("run gather\n\ntask a x3\n  sleep 100\n").unwrap());
    let whole = timeline_html(&events, &drawing(false));
    let mut worker = TimelineRun::default();
    let half = events.len() / 2;
    worker
        .draw(&ask(1, 0, false), events[..half].to_vec(), Lang::En, 5000.0)
        .unwrap();
    let (chart, _) = parts(worker.draw(
        &ask(1, half, false),
        events[half..].to_vec(),
        Lang::En,
        5000.0,
    ));
    assert_eq!(chart, whole);
    let lost = |worker: &mut TimelineRun, run, from| {
        worker.draw(&ask(run, from, false), Vec::new(), Lang::En, 5000.0)
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
    let (chart, said) = parts(restarted.draw(&ask(1, 0, false), events.clone(), Lang::En, 5000.0));
    assert_eq!(
        (chart, said),
        (whole, batch_news(&events, Lang::En)),
        "news said at once"
    );
    let request = "1\n0\n7\n12\n{\"events\":[]}\nmore";
    assert_eq!(
        TimelineAsk::read(request),
        Some(TimelineAsk {
            lints: true,
            ended: false,
            run: 7,
            from: 12,
            events: "{\"events\":[]}\nmore"
        })
    );
    assert_eq!(TimelineAsk::read("1\n1\nseven\n0\n"), None);
}

#[test]
fn news_waits_a_second_after_the_last_and_the_summary_comes_once_the_run_has_ended() {
    let events = simulate(&parse("run gather\n\ntask t x3\n  print \"hi\"\n").unwrap());
    let mut worker = TimelineRun::default();
    let (a, b) = events.split_at(events.len() / 2);
    let (_, first) = parts(worker.draw(&ask(1, 0, false), a.to_vec(), Lang::En, 1000.0));
    let (_, soon) = parts(worker.draw(&ask(1, a.len(), false), b.to_vec(), Lang::En, 1500.0));
    let (_, later) = parts(worker.draw(&ask(1, events.len(), false), Vec::new(), Lang::En, 2000.0));
    assert_eq!((first, soon.as_str()), (batch_news(a, Lang::En), ""));
    assert_eq!(later, batch_news(b, Lang::En));
    worker
        .draw(&ask(2, 0, false), events.clone(), Lang::En, 2500.0)
        .unwrap();
    let (_, ended) = parts(worker.draw(&ask(2, events.len(), true), Vec::new(), Lang::En, 2600.0));
    assert_eq!(
        ended,
        run_summary(&events, Lang::En),
        "the summary, not the news waiting"
    );
}
