//! The v1 text format: every rule of docs/format.md, the round trip
//! `parse(print(p)) == p`, and garbage in, errors out (never a panic).
#![cfg(not(target_arch = "wasm32"))]

use coroutine_playground::model::parse::{parse, parse_step};
use coroutine_playground::model::presets::catalog;
use coroutine_playground::model::print::{print, step_text};
use coroutine_playground::model::program::{
    Amount, Block, BlockKind, Program, RunMode, Segment, Step, Text, Work,
};
use proptest::prelude::*;

fn error(source: &str) -> String {
    parse(source)
        .expect_err("this program is wrong")
        .to_string()
}

fn steps(source: &str) -> Vec<Step> {
    parse(source).unwrap_or_else(|e| panic!("{e}")).blocks[0]
        .steps
        .clone()
}

#[test]
fn settings_have_defaults() {
    let program = parse("task a\n  yield\n").unwrap();
    assert_eq!(
        (
            program.title.clone(),
            program.mode,
            program.latency_ms,
            program.workers
        ),
        (None, RunMode::Gather, 0, None)
    );
}

#[test]
fn settings_are_read() {
    let program =
        parse("title \"T\"\nrun limit 3\nlatency 250\nworkers 2\ntask a\n  yield\n").unwrap();
    assert_eq!(
        (
            program.title.as_deref(),
            program.mode,
            program.latency_ms,
            program.workers
        ),
        (Some("T"), RunMode::Limit(3), 250, Some(2))
    );
}

#[test]
fn every_run_mode_parses() {
    for (text, mode) in [
        ("sequential", RunMode::Sequential),
        ("gather", RunMode::Gather),
        ("wait", RunMode::Wait),
        ("as_completed", RunMode::AsCompleted),
        ("race", RunMode::Race),
        ("limit 2", RunMode::Limit(2)),
        ("timeout 500", RunMode::Timeout(500)),
    ] {
        assert_eq!(
            parse(&format!("run {text}\ntask a\n  yield\n"))
                .unwrap()
                .mode,
            mode,
            "{text}"
        );
    }
}

#[test]
fn every_step_kind_parses() {
    let source = "task a x2\n  print \"p {i} {n}\"\n  sleep 100\n  yield\n  block 20\n  compute 5\n  offload compute 7\n  offload block 9\n  fetch \"site/{n}.html\" select \".post a\"\n  fetch \"x\"\n  call_soon \"cb\"\n  spawn c\n  await c\n  call c\n  return \"{c}\"\ncoroutine c\n  fail \"no\"\n";
    let text = |s: &str| Text(vec![Segment::Literal(s.into())]);
    assert_eq!(
        steps(source),
        vec![
            Step::Print(Text(vec![
                Segment::Literal("p ".into()),
                Segment::CopyIndex,
                Segment::Literal(" ".into()),
                Segment::CopyNumber
            ])),
            Step::Sleep(Amount::fixed(100)),
            Step::Yield,
            Step::Block(Amount::fixed(20)),
            Step::Compute(Amount::fixed(5)),
            Step::Offload(Work::Compute, Amount::fixed(7)),
            Step::Offload(Work::Block, Amount::fixed(9)),
            Step::Fetch {
                url: Text(vec![
                    Segment::Literal("site/".into()),
                    Segment::CopyNumber,
                    Segment::Literal(".html".into())
                ]),
                select: Some(".post a".into())
            },
            Step::Fetch {
                url: text("x"),
                select: None
            },
            Step::CallSoon(text("cb")),
            Step::Spawn("c".into()),
            Step::Await("c".into()),
            Step::Call("c".into()),
            Step::Return(Text(vec![Segment::Result("c".into())])),
        ]
    );
}

#[test]
fn copies_are_named_by_index() {
    let program = parse("task hello x3\n  yield\ntask solo\n  yield\n").unwrap();
    let names: Vec<String> = program
        .task_instances()
        .into_iter()
        .map(|(name, _, _)| name)
        .collect();
    assert_eq!(names, ["hello0", "hello1", "hello2", "solo"]);
    assert_eq!(program.blocks[0].kind, BlockKind::Task { copies: 3 });
}

#[test]
fn amounts_may_grow_or_shrink_with_the_copy_index() {
    let amounts: Vec<Amount> =
        steps("task a x3\n  sleep 100*{i}\n  sleep 50+10*{i}\n  sleep 900-100*{i}\n")
            .into_iter()
            .map(|s| {
                if let Step::Sleep(a) = s {
                    a
                } else {
                    unreachable!()
                }
            })
            .collect();
    assert_eq!(
        amounts.iter().map(|a| a.at(2)).collect::<Vec<_>>(),
        [200, 70, 700]
    );
}

#[test]
fn comments_blank_lines_and_escapes() {
    let program = parse("# a comment\n\ntask a  # trailing\n  print \"say \\\"hi\\\" \\\\ {{literal}} # not a comment\"\n").unwrap();
    assert_eq!(
        program.blocks[0].steps,
        [Step::Print(Text(vec![Segment::Literal(
            "say \"hi\" \\ {literal} # not a comment".into()
        )]))]
    );
}

#[test]
fn errors_name_line_column_and_what_was_expected() {
    assert_eq!(
        error("task a\n  print \"x\"\n  sleep abc\n"),
        "line 3, col 9: expected a duration in ms after \"sleep\", found \"abc\""
    );
    assert_eq!(
        error("task a\n  sleep\n"),
        "line 2, col 8: expected a duration in ms after \"sleep\", found the end of the line"
    );
    assert_eq!(error("task a\n  jump 3\n"), "line 2, col 3: expected a step (print, sleep, yield, block, compute, offload, fetch, call_soon, spawn, await, call, return, fail), found \"jump\"");
    assert_eq!(error("run fast\ntask a\n  yield\n"), "line 1, col 5: expected a run mode (sequential, gather, wait, as_completed, race, limit N, timeout MS) after \"run\", found \"fast\"");
    assert_eq!(
        error("  print \"x\"\n"),
        "line 1, col 3: a step must be inside a task or coroutine; write \"task NAME\" above it"
    );
    assert_eq!(
        error("task a\nprint \"x\"\n"),
        "line 2, col 1: the step \"print\" must be indented under a task or coroutine"
    );
    assert_eq!(
        error("task a\n  print \"open\n"),
        "line 2, col 9: this string has no closing quote"
    );
    assert_eq!(
        error("task a\n  print \"x\" extra\n"),
        "line 2, col 13: unexpected \"extra\" at the end of the line"
    );
    assert_eq!(
        error("task a x0\n  yield\n"),
        "line 1, col 8: copies must be from 1 to 10000, found 0"
    );
}

#[test]
fn names_are_checked() {
    assert_eq!(
        error("task a\n  await ghost\n"),
        "line 2, col 9: there is no coroutine called \"ghost\""
    );
    assert_eq!(
        error("task a\n  spawn b\ntask b\n  yield\n"),
        "line 2, col 9: \"b\" is a task run by main; await, spawn and call take a coroutine"
    );
    assert_eq!(
        error("task a\n  yield\ncoroutine a\n  yield\n"),
        "line 3, col 11: there is already a task or coroutine called \"a\""
    );
    assert_eq!(
        error("task main\n  yield\n"),
        "line 1, col 6: \"main\" is reserved; choose another name"
    );
    assert_eq!(error("task 9lives\n  yield\n"), "line 1, col 6: \"9lives\" is not a name: use letters, digits and _, starting with a letter");
    assert_eq!(
        error("coroutine c\n  yield\n"),
        "line 1, col 1: a program needs at least one task; add \"task NAME\" with steps under it"
    );
}

#[test]
fn recursion_through_await_or_spawn_is_an_error() {
    assert_eq!(
        error("task t\n  await a\ncoroutine a\n  await b\ncoroutine b\n  spawn a\n"),
        "line 6, col 9: recursion: a → b → a never ends"
    );
    assert_eq!(
        error("task t\n  await a\ncoroutine a\n  await a\n"),
        "line 4, col 9: recursion: a → a never ends"
    );
}

#[test]
fn placeholders_need_a_value() {
    assert_eq!(
        error("task t\n  print \"{c}\"\n  await c\ncoroutine c\n  return \"1\"\n"),
        "line 2, col 9: {c} has no value here: \"await c\" before this step"
    );
    assert_eq!(
        error("task t\n  print \"{nope}\"\n"),
        "line 2, col 9: {nope} needs a coroutine called \"nope\" to await"
    );
    assert_eq!(error("task t\n  await shows\ncoroutine shows\n  print \"{c}\"\ncoroutine c\n  return \"1\"\n"), "line 2, col 9: shows shows {c}, which has no value here: \"await c\" first");
    assert_eq!(
        error("task t\n  print \"{1,2}\"\n"),
        "line 2, col 9: {1,2} is not a placeholder: use {i}, {n} or {NAME} of an awaited coroutine"
    );
    assert_eq!(
        error("task t\n  print \"a } b\"\n"),
        "line 2, col 9: a single } in text; write }} for a brace"
    );
    assert!(parse("task t\n  await outer\ncoroutine outer\n  await inner\n  print \"{inner} {first}\"\ncoroutine inner\n  return \"x\"\ncoroutine first\n  return \"y\"\n").is_err());
    assert!(parse("task t\n  await first\n  await shows\ncoroutine shows\n  print \"{first}\"\ncoroutine first\n  return \"y\"\n").is_ok());
}

#[test]
fn nothing_may_follow_return_or_fail() {
    assert_eq!(
        error("task t\n  return \"x\"\n  yield\n"),
        "line 3, col 3: nothing runs after return or fail; move this step above it"
    );
}

#[test]
fn limits_are_errors_naming_the_line() {
    assert_eq!(
        error("task t\n  sleep 60001\n"),
        "line 2, col 9: sleep 60001 is over the limit of 60000"
    );
    assert_eq!(
        error("task t\n  block 5001\n"),
        "line 2, col 9: block 5001 is over the limit of 5000"
    );
    assert_eq!(
        error("task t\n  compute 5001\n"),
        "line 2, col 11: compute 5001 is over the limit of 5000"
    );
    assert_eq!(
        error("task t x3\n  sleep 100-60*{i}\n"),
        "line 2, col 3: sleep is -20 for copy 2; it must be from 0 to 60000"
    );
    assert_eq!(
        error("run timeout 60001\ntask t\n  yield\n"),
        "line 1, col 13: timeout 60001 is over the limit of 60000"
    );
    assert_eq!(
        error("workers 17\ntask t\n  yield\n"),
        "line 1, col 9: workers 17 is over the limit of 16"
    );
    assert_eq!(
        error("task t x10001\n  yield\n"),
        "line 1, col 8: copies must be from 1 to 10000, found 10001"
    );
    assert_eq!(
        error("coroutine c\n  sleep 10*{i}\ntask t\n  await c\n"),
        "line 2, col 9: {i} in an amount is only allowed in a task block"
    );
    let long = "x".repeat(201);
    assert_eq!(
        error(&format!("task t\n  print \"{long}\"\n")),
        "line 2, col 9: this text is longer than 200 characters"
    );
    let many_steps = format!("task t\n{}", "  yield\n".repeat(501));
    assert_eq!(
        error(&many_steps),
        "line 502, col 3: t has more than 500 steps"
    );
    assert_eq!(
        error("task t x5001\n  spawn c\ncoroutine c\n  yield\n"),
        "line 1, col 6: this program would run 10002 tasks or more; the limit is 10000"
    );
    let huge = format!("task t\n{}", "  yield\n".repeat(9000));
    assert_eq!(
        error(&huge),
        "line 1, col 1: the program is 72007 bytes; the limit is 65536"
    );
}

#[test]
fn spawned_and_copied_tasks_count_toward_the_task_limit() {
    assert!(parse("task t x4999\n  spawn c\ncoroutine c\n  yield\n").is_ok());
    assert!(parse("task t x5001\n  spawn c\ncoroutine c\n  yield\n").is_err());
    let fan_out = "task t x300\n  await a\ncoroutine a\n  spawn b\n  spawn b\ncoroutine b\n  spawn c\n  spawn c\n  spawn c\n  spawn c\n  spawn c\n  spawn c\n  spawn c\n  spawn c\n  spawn c\n  spawn c\n  spawn c\n  spawn c\n  spawn c\n  spawn c\n  spawn c\n  spawn c\n  spawn c\n  spawn c\n  spawn c\n  spawn c\ncoroutine c\n  yield\n";
    assert!(error(fan_out).contains("tasks or more; the limit is 10000"));
}

#[test]
fn a_whole_run_may_hold_the_loop_for_30_s_at_most() {
    // Every step within its own limit, 14 hours in all.
    assert_eq!(
        error("task t x10000\n  block 5000\n"),
        "line 1, col 6: this program would hold the loop for 50000 s in all (block and compute, over every copy and every task it runs); the limit is 30 s"
    );
    // Copies, amounts that grow with the copy, inline awaits and spawns all count; joins do not count twice.
    let program = parse(
        "task t x4\n  block 1000+100*{i}\n  await c\n  spawn d\n  await d\ncoroutine c\n  compute 2000\ncoroutine d\n  block 1500\n",
    )
    .unwrap();
    assert_eq!(
        program.loop_holding_ms(),
        4 * (1000 + 2000 + 1500) + 100 * (1 + 2 + 3)
    );
    assert!(parse("task t x6\n  block 5000\n").is_ok());
    let over = error("task t x6\n  block 5000\ntask u\n  compute 1\n");
    assert!(
        over.starts_with("line 3, col 6: ") && over.contains("30.001 s in all"),
        "{over}"
    );
    assert!(error("task t x7\n  block 4300\n").contains("hold the loop for 30.1 s in all"));
    for preset in catalog() {
        assert!(
            preset.program().loop_holding_ms() <= 5_000,
            "{} holds the loop for {} ms",
            preset.id,
            preset.program().loop_holding_ms()
        );
    }
}

#[test]
fn printing_is_canonical() {
    let messy =
        "# comment\ntask   b\n   yield\nrun  race\n\n\ncoroutine c\n\tprint   \"x\"\ntitle \"T\"\n";
    let canonical = "title \"T\"\nrun race\n\ntask b\n  yield\n\ncoroutine c\n  print \"x\"\n";
    assert_eq!(print(&parse(messy).unwrap()), canonical);
    assert_eq!(print(&parse(canonical).unwrap()), canonical);
}

#[test]
fn a_step_line_reads_back_as_the_step_it_prints() {
    for preset in catalog() {
        let program = preset.program();
        for block in &program.blocks {
            for step in &block.steps {
                assert_eq!(
                    parse_step(&step_text(step), block.is_task()).as_ref(),
                    Ok(step),
                    "{}",
                    preset.id
                );
            }
        }
    }
    let problem = parse_step("sleep abc", true).unwrap_err();
    assert_eq!(
        problem.message,
        "expected a duration in ms after \"sleep\", found \"abc\""
    );
    assert!(
        parse_step("sleep 10*{i}", false).is_err(),
        "a coroutine has no copy index"
    );
    assert!(
        parse_step("# a comment", true).is_err(),
        "a chip holds a step"
    );
}

#[test]
fn presets_round_trip() {
    for preset in catalog() {
        let program = preset.program();
        assert_eq!(parse(&print(&program)).unwrap(), program, "{}", preset.id);
    }
}

fn literal() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[^\\n\\r]{1,12}").unwrap()
}

fn text() -> impl Strategy<Value = Text> {
    let segment = prop_oneof![
        4 => literal().prop_map(Segment::Literal),
        1 => Just(Segment::CopyIndex),
        1 => Just(Segment::CopyNumber),
    ];
    proptest::collection::vec(segment, 0..4).prop_map(|segments| {
        let mut merged: Vec<Segment> = Vec::new();
        for segment in segments {
            match (merged.last_mut(), segment) {
                (Some(Segment::Literal(previous)), Segment::Literal(next)) => {
                    previous.push_str(&next)
                }
                (_, segment) => merged.push(segment),
            }
        }
        Text(merged)
    })
}

fn amount(max: u32, in_task: bool) -> BoxedStrategy<Amount> {
    let fixed = (0..=max).prop_map(Amount::fixed);
    if in_task {
        prop_oneof![
            fixed,
            (0..=max / 2, 0..=20i32).prop_map(|(base, per_copy)| Amount { base, per_copy })
        ]
        .boxed()
    } else {
        fixed.boxed()
    }
}

/// Steps of a block that may call the coroutines named in `callees`.
fn block_steps(callees: Vec<String>, in_task: bool) -> impl Strategy<Value = Vec<Step>> {
    let mut kinds: Vec<BoxedStrategy<Step>> = vec![
        text().prop_map(Step::Print).boxed(),
        amount(60_000, in_task).prop_map(Step::Sleep).boxed(),
        Just(Step::Yield).boxed(),
        amount(5_000, in_task).prop_map(Step::Block).boxed(),
        amount(5_000, in_task).prop_map(Step::Compute).boxed(),
        (
            prop_oneof![Just(Work::Compute), Just(Work::Block)],
            amount(60_000, in_task),
        )
            .prop_map(|(w, a)| Step::Offload(w, a))
            .boxed(),
        (text(), proptest::option::of(literal()))
            .prop_map(|(url, select)| Step::Fetch { url, select })
            .boxed(),
        text().prop_map(Step::CallSoon).boxed(),
    ];
    if !callees.is_empty() {
        let callee = proptest::sample::select(callees);
        kinds.push(
            (callee, 0..3u8)
                .prop_map(|(name, how)| match how {
                    0 => Step::Spawn(name),
                    1 => Step::Await(name),
                    _ => Step::Call(name),
                })
                .boxed(),
        );
    }
    let end = proptest::option::of(prop_oneof![
        text().prop_map(Step::Return),
        text().prop_map(Step::Fail)
    ]);
    (
        proptest::collection::vec(proptest::strategy::Union::new(kinds), 0..8),
        end,
    )
        .prop_map(|(mut steps, end)| {
            steps.extend(end);
            steps
        })
}

fn program() -> impl Strategy<Value = Program> {
    let mode = prop_oneof![
        Just(RunMode::Sequential),
        Just(RunMode::Gather),
        Just(RunMode::Wait),
        Just(RunMode::AsCompleted),
        Just(RunMode::Race),
        (1..=50u32).prop_map(RunMode::Limit),
        (1..=60_000u32).prop_map(RunMode::Timeout),
    ];
    let settings = (
        proptest::option::of(literal()),
        mode,
        0..=60_000u32,
        proptest::option::of(1..=16u32),
    );
    (settings, 0..4usize, 1..4usize).prop_flat_map(|(settings, coroutines, tasks)| {
        // Coroutine k may only use coroutines after it: no recursion.
        let coroutine_blocks: Vec<_> = (0..coroutines)
            .map(|k| {
                block_steps(
                    (k + 1..coroutines).map(|c| format!("c{c}")).collect(),
                    false,
                )
            })
            .collect();
        let all: Vec<String> = (0..coroutines).map(|c| format!("c{c}")).collect();
        let task_blocks: Vec<_> = (0..tasks)
            .map(|_| (block_steps(all.clone(), true), 1..=3u32))
            .collect();
        (Just(settings), coroutine_blocks, task_blocks).prop_map(
            |((title, mode, latency_ms, workers), coroutine_steps, task_steps)| {
                let mut blocks: Vec<Block> = task_steps
                    .into_iter()
                    .enumerate()
                    .map(|(t, (steps, copies))| Block {
                        name: format!("t{t}"),
                        kind: BlockKind::Task { copies },
                        steps: clamp_copies(steps, copies),
                    })
                    .collect();
                blocks.extend(
                    coroutine_steps
                        .into_iter()
                        .enumerate()
                        .map(|(c, steps)| Block {
                            name: format!("c{c}"),
                            kind: BlockKind::Coroutine,
                            steps,
                        }),
                );
                fit_holding(Program {
                    title,
                    mode,
                    latency_ms,
                    workers,
                    blocks,
                })
            },
        )
    })
}

/// Halves every `block` and `compute` until the whole run holds the loop
/// within its limit.
fn fit_holding(mut program: Program) -> Program {
    while program.loop_holding_ms() > 30_000 {
        for step in program.blocks.iter_mut().flat_map(|b| b.steps.iter_mut()) {
            if let Step::Block(a) | Step::Compute(a) = step {
                a.base /= 2;
                a.per_copy /= 2;
            }
        }
    }
    program
}

/// Keeps per-copy amounts within their limits for every copy.
fn clamp_copies(steps: Vec<Step>, copies: u32) -> Vec<Step> {
    let fit = |a: Amount, max: u32| Amount {
        base: a.base,
        per_copy: if a.at(copies - 1) > u64::from(max) {
            0
        } else {
            a.per_copy
        },
    };
    steps
        .into_iter()
        .map(|step| match step {
            Step::Sleep(a) => Step::Sleep(fit(a, 60_000)),
            Step::Block(a) => Step::Block(fit(a, 5_000)),
            Step::Compute(a) => Step::Compute(fit(a, 5_000)),
            Step::Offload(w, a) => Step::Offload(w, fit(a, 60_000)),
            other => other,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn parse_of_print_gives_the_program_back(program in program()) {
        let text = print(&program);
        let parsed = parse(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&*parsed, &program);
        prop_assert_eq!(print(&parsed), text);
    }

    #[test]
    fn any_text_parses_or_errors(source in "\\PC*") {
        let _ = parse(&source);
    }

    #[test]
    fn any_bytes_parse_or_error(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn edited_presets_parse_or_error(index in 0..11usize, at in 0..2000usize, cut in 0..20usize, insert in "[ -~\\n]{0,12}") {
        let source = catalog()[index].source.en;
        let at = source.char_indices().map(|(i, _)| i).nth(at % source.chars().count()).unwrap_or(0);
        let end = source[at..].char_indices().map(|(i, _)| at + i).nth(cut).unwrap_or(source.len());
        let edited = format!("{}{}{}", &source[..at], insert, &source[end..]);
        if let Ok(program) = parse(&edited) {
            prop_assert_eq!(parse(&print(&program)).ok(), Some(program));
        }
    }
}

#[test]
fn coroutines_that_run_each_other_twice_over_check_in_time() {
    // Each level spawns the one below twice: 2^40 paths down to the
    // placeholder, which the checks must not walk one by one.
    let mut source = String::from(
        "task t\n  yield\n\ncoroutine x\n  return \"v\"\n\ncoroutine c0\n  print \"{x}\"\n",
    );
    for level in 1..=40 {
        let below = level - 1;
        source.push_str(&format!(
            "\ncoroutine c{level}\n  spawn c{below}\n  spawn c{below}\n"
        ));
    }
    assert!(parse(&source).is_ok());
}

#[test]
fn a_task_is_told_the_first_result_its_coroutine_shows_too_early() {
    let error = parse("task t\n  await c\n\ncoroutine c\n  print \"{b}\"\n  print \"{a}\"\n\ncoroutine a\n  return \"1\"\n\ncoroutine b\n  return \"2\"\n").unwrap_err();
    assert_eq!(
        error.message,
        "c shows {b}, which has no value here: \"await b\" first"
    );
}
