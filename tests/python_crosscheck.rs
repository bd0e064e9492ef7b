//! Runs exported programs under CPython and checks that the simulator
//! predicts the same event order and the same total time.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use coroutine_playground::model::parse::parse;
use coroutine_playground::model::presets::catalog;
use coroutine_playground::model::python::{to_instrumented_python, to_python};
use coroutine_playground::model::simulate::simulate;
use coroutine_playground::model::trace::{printed_lines, total_ms, Event};

#[path = "common/programs.rs"]
mod programs;
use programs::{has_timer_tie, Generator, Mix};

/// Presets the cross-check leaves out, and why.
const BROWSER_ONLY: &[(&str, &str)] = &[(
    "executor",
    "offload runs in a thread pool in Python: four jobs end together and the threads hand them back in an order the OS picks",
)];

/// Programs written to reach each mode and step kind, and the corners of
/// cancellation and failure.
const WRITTEN: &[&str] = &[
    "run gather\ntask a x3\n  print \"a{i}\"\n  sleep 5-1*{i}\n  print \"b{i}\"\n  return \"r{i}\"\n",
    "run sequential\ntask a x2\n  sleep 3\n  return \"{i}\"\ntask b\n  print \"b\"\n",
    "run wait\ntask a x3\n  sleep 3\n  fail \"boom {i}\"\ntask b\n  sleep 2\n",
    "run as_completed\ntask t x4\n  sleep 8-2*{i}\n  return \"t{i}\"\n",
    "run as_completed\ntask t x3\n  sleep 2+2*{i}\n  fail \"x{i}\"\n",
    "run race\ntask slow\n  sleep 6\n  print \"never\"\ntask fast\n  sleep 2\n  return \"won\"\n",
    "run race\ntask a x3\n  yield\n  sleep 1+1*{i}\n  return \"a{i}\"\n",
    "run limit 2\ntask job x5\n  print \"in {i}\"\n  sleep 3\n  print \"out {i}\"\n",
    "run limit 1\ntask job x3\n  sleep 2\n  fail \"job {i} failed\"\n",
    "run limit 2\ntask job x4\n  sleep 2+1*{i}\n  return \"{i}\"\n",
    "run timeout 5\ntask slow x3\n  sleep 3+2*{i}\n  return \"done {i}\"\n",
    "run timeout 4\ntask a\n  yield\n  yield\n  sleep 9\ntask b\n  call_soon \"cb\"\n  sleep 9\n",
    "run timeout 9\ntask quick x2\n  sleep 2\n  return \"{i}\"\n",
    "run gather\ntask a\n  sleep 2\n  fail \"first\"\ntask b\n  sleep 4\n  print \"b still runs\"\n  sleep 4\n",
    "run gather\ntask a x3\n  yield\n  print \"a{i} 1\"\n  yield\n  print \"a{i} 2\"\n",
    "run gather\ntask a\n  call_soon \"one\"\n  call_soon \"two\"\n  print \"after\"\n  yield\n  print \"resumed\"\ntask b\n  print \"b\"\n  call_soon \"three\"\n",
    "run gather\ntask a x2\n  block 3\n  print \"a{i}\"\ntask b\n  sleep 1\n  print \"b late\"\n",
    "run gather\ntask a\n  sleep 0\n  print \"zero\"\ntask b\n  print \"b\"\n",
    "run sequential\ntask demo\n  spawn net\n  print \"spawned\"\n  sleep 2\n  await net\n  print \"got {net}\"\ncoroutine net\n  print \"net\"\n  sleep 4\n  return \"11\"\n",
    "run sequential\ntask demo\n  spawn net\n  sleep 6\n  await net\n  print \"got {net}\"\ncoroutine net\n  sleep 1\n  return \"done early\"\n",
    "run gather\ntask demo x2\n  spawn bg\n  sleep 2\n  print \"demo {i} ends\"\ncoroutine bg\n  sleep 9\n  print \"never printed\"\n",
    "run gather\ntask demo\n  call helper\n  await helper\n  print \"{helper}\"\ncoroutine helper\n  sleep 1\n  return \"h\"\n",
    "run gather\ntask demo\n  await outer\n  print \"{outer}\"\ncoroutine outer\n  await inner\n  return \"outer saw {inner}\"\ncoroutine inner\n  sleep 2\n  return \"in\"\n",
    "run gather\ntask demo\n  await first\n  await second\n  return \"{second}\"\ncoroutine first\n  return \"1\"\ncoroutine second\n  return \"2 after {first}\"\n",
    "run gather\ntask demo\n  spawn job\n  await job\ncoroutine job\n  sleep 2\n  fail \"job broke\"\n",
    "run gather\ntask demo\n  spawn job\n  sleep 3\n  await job\ncoroutine job\n  fail \"already broken\"\n",
    "run gather\ntask demo\n  await failing\n  print \"unreachable\"\ncoroutine failing\n  sleep 1\n  fail \"inline failure\"\n",
    "run race\ntask a\n  spawn child\n  sleep 5\ntask b\n  sleep 1\n  return \"b\"\ncoroutine child\n  sleep 9\n",
    "run timeout 3\ntask parent\n  spawn child\n  await child\ncoroutine child\n  sleep 9\n",
    "run gather\nlatency 4\ntask crawl x3\n  fetch \"site/{n}.html\"\n  print \"page {n}\"\n",
    "run limit 2\nlatency 3\ntask crawl x4\n  fetch \"site/{n}.html\" select \"a\"\n",
    "run gather\ntask a x2\n  spawn s\n  spawn s\n  await s\ncoroutine s\n  sleep 1\n  return \"x\"\n",
    "run sequential\ntask a x3\n  print \"{i}/{n}\"\n  sleep 1+1*{i}\n",
    "run wait\ntask a x2\n  sleep 1\n  return \"w{i}\"\ntask b\n  sleep 2\n  fail \"b failed\"\n",
    "run gather\ntask a x2\n  fetch \"x\"\n  print \"{i}\"\ntask b\n  yield\n  print \"b\"\n",
];

fn python() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".into())
}

/// Runs the instrumented export; returns `(ms, key)` per EV line.
fn run_python(source: &str, scale: f64) -> Result<Vec<(f64, String)>, String> {
    let program = parse(source).map_err(|e| format!("does not parse: {e}"))?;
    let mut child = Command::new(python())
        .arg("-")
        .arg(scale.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", python()))?;
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(to_instrumented_python(&program).as_bytes())
        .map_err(|e| e.to_string())?;
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!(
            "python failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.strip_prefix("EV "))
        .map(|rest| {
            let (ms, key) = rest.split_once(' ').expect("EV lines have a time");
            (ms.parse().expect("a time in ms"), key.to_string())
        })
        .collect())
}

/// Compares one program. CPython runs on a real clock that the OS may
/// delay, so a difference is tried again with every duration twice, four
/// and eight times as long; a difference in semantics stays at any scale.
fn cross_check(name: &str, source: &str) -> Result<(), String> {
    let program = parse(source).map_err(|e| format!("{name}: does not parse: {e}"))?;
    let predicted = simulate(&program);
    let total = total_ms(&predicted);
    let scale = (1000.0 / total.max(1.0)).clamp(0.2, 40.0);
    let mut outcome = Ok(());
    for stretch in [1.0, 2.0, 4.0, 8.0] {
        outcome = compare(name, source, &predicted, scale * stretch);
        if outcome.is_ok() {
            if stretch > 1.0 {
                println!("{name}: matched once durations were stretched {stretch}x");
            }
            break;
        }
    }
    outcome
}

fn compare(name: &str, source: &str, predicted: &[Event], scale: f64) -> Result<(), String> {
    let total = total_ms(predicted);
    let actual = run_python(source, scale).map_err(|e| format!("{name}: {e}"))?;
    let predicted_keys: Vec<String> = predicted.iter().map(|e| e.key()).collect();
    let actual_keys: Vec<String> = actual.iter().map(|(_, key)| key.clone()).collect();
    if predicted_keys != actual_keys {
        let at = predicted_keys
            .iter()
            .zip(&actual_keys)
            .position(|(p, a)| p != a)
            .unwrap_or(predicted_keys.len().min(actual_keys.len()));
        let from = at.saturating_sub(3);
        return Err(format!(
            "{name}: event {at} differs\n--- program\n{source}--- simulator\n{}\n--- CPython\n{}",
            predicted_keys[from..predicted_keys.len().min(at + 4)].join("\n"),
            actual_keys[from..actual_keys.len().min(at + 4)].join("\n"),
        ));
    }
    let python_total = actual
        .iter()
        .rev()
        .find(|(_, key)| key.starts_with("main done") || key.starts_with("main failed"))
        .map_or(0.0, |(ms, _)| *ms);
    let tolerance = 0.1 * total + 10.0 / scale;
    if (python_total - total).abs() > tolerance {
        return Err(format!("{name}: total {python_total:.1} ms in CPython, {total} ms simulated (tolerance {tolerance:.1})"));
    }
    Ok(())
}

#[test]
fn python3_runs_here() {
    let output = Command::new(python())
        .arg("--version")
        .output()
        .expect("python3 must be installed: the cross-check needs it");
    let version = String::from_utf8_lossy(&output.stdout).to_string();
    let minor: u32 = version
        .trim()
        .strip_prefix("Python 3.")
        .and_then(|v| v.split('.').next())
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    assert!(
        minor >= 11,
        "the export needs Python 3.11+, found {version:?}"
    );
}

#[test]
fn timers_set_at_different_times_and_due_together_are_a_tie() {
    assert!(has_timer_tie(
        "run gather\ntask a\n  sleep 3\n  sleep 2\ntask b\n  sleep 4\n  sleep 1\n"
    ));
    assert!(has_timer_tie(
        "run timeout 5\ntask a\n  sleep 2\n  sleep 3\n"
    ));
    assert!(!has_timer_tie("run gather\ntask a x4\n  sleep 3\n"));
    assert!(!has_timer_tie(
        "run gather\ntask a\n  sleep 3\n  sleep 2\ntask b\n  sleep 4\n  sleep 2\n"
    ));
}

#[test]
fn simulator_matches_cpython() {
    let mut programs: Vec<(String, String)> = catalog()
        .iter()
        .filter(|p| !BROWSER_ONLY.iter().any(|(id, _)| *id == p.id))
        .map(|p| (format!("preset {}", p.id), p.source.en.to_string()))
        .collect();
    programs.extend(
        WRITTEN
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("written #{i}"), s.to_string())),
    );
    for (name, source) in &programs {
        assert!(
            !has_timer_tie(source),
            "{name} has a timer tie CPython cannot order"
        );
    }
    let seed = 20261126;
    println!("generated programs: seed {seed}");
    let mut generator = Generator::new(seed, Mix { block: true });
    let written = programs.len();
    while programs.len() < written + 21 {
        let i = programs.len() - written;
        let source = generator.program(i);
        if !has_timer_tie(&source) {
            programs.push((format!("generated #{i}"), source));
        }
    }
    assert!(
        programs.len() >= 40,
        "at least 40 programs are cross-checked"
    );

    let queue = Arc::new(Mutex::new(programs.clone()));
    let failures = Arc::new(Mutex::new(Vec::new()));
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let (queue, failures) = (queue.clone(), failures.clone());
            std::thread::spawn(move || loop {
                let Some((name, source)) = queue.lock().unwrap().pop() else {
                    break;
                };
                if let Err(failure) = cross_check(&name, &source) {
                    failures.lock().unwrap().push(failure);
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().expect("a cross-check thread");
    }
    let failures = failures.lock().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} programs differ:\n\n{}",
        failures.len(),
        programs.len(),
        failures.join("\n\n")
    );
    println!("cross-checked {} programs against CPython", programs.len());
}

#[test]
fn readable_exports_run_and_print_what_the_simulator_predicts() {
    let handles: Vec<_> = catalog()
        .iter()
        .map(|preset| {
            std::thread::spawn(move || {
                let program = preset.program();
                let mut child = Command::new(python())
                    .arg("-")
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("python3 runs");
                child
                    .stdin
                    .take()
                    .unwrap()
                    .write_all(to_python(&program).as_bytes())
                    .unwrap();
                let output = child.wait_with_output().unwrap();
                let stdout = String::from_utf8_lossy(&output.stdout).to_string();
                let stderr = String::from_utf8_lossy(&output.stderr).to_string();
                (
                    preset.id,
                    output.status.success(),
                    stdout,
                    stderr,
                    printed_lines(&simulate(&program))
                        .iter()
                        .map(|s| s.to_string())
                        .collect::<Vec<_>>(),
                )
            })
        })
        .collect();
    for handle in handles {
        let (id, ok, stdout, stderr, expected) = handle.join().unwrap();
        assert!(ok, "the export of {id} fails under python3:\n{stderr}");
        let printed: Vec<&str> = stdout.lines().collect();
        if BROWSER_ONLY.iter().any(|(skipped, _)| *skipped == id) {
            for line in &expected {
                assert!(
                    printed.contains(&line.as_str()),
                    "{id}: expected {line:?} in\n{stdout}"
                );
            }
            continue;
        }
        let mut rest = printed.iter();
        for line in &expected {
            assert!(
                rest.any(|p| p == line),
                "{id}: expected {line:?} in order in\n{stdout}"
            );
        }
        if id == "never-awaited" {
            assert!(
                stderr.contains("coroutine 'net' was never awaited"),
                "{id}: Python's own warning is missing:\n{stderr}"
            );
        }
    }
}
