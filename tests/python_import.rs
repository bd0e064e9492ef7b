//! The Python importer against CPython: the tutorial's asyncio examples
//! (tests/fixtures/tutorial, copied from ../shared/seed) import, and the
//! program they become prints what CPython 3.11 prints, in its order.

use std::io::Write;
use std::process::{Command, Stdio};

use coroutine_playground::model::python_import::{import, Note};
use coroutine_playground::model::simulate::simulate;
use coroutine_playground::model::trace::EventKind;

/// Runs the tutorial's code under CPython on a virtual clock (timers fire
/// in asyncio's order however busy the machine is), with `asyncio.wait`
/// wrapping bare coroutines in tasks in the order given (what 3.11 asks the
/// code to do itself): its printed lines.
fn cpython_prints(source: &str) -> Vec<String> {
    let prelude = include_str!("cpython/virtual_clock.py");
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let mut child = Command::new(python)
        .args(["-W", "ignore", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs (the test command needs Python 3.11+)");
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(format!("{prelude}\n{source}").as_bytes())
        .expect("python reads the script");
    let output = child.wait_with_output().expect("python ends");
    assert!(output.status.success(), "python failed on:\n{source}");
    String::from_utf8(output.stdout)
        .expect("utf-8")
        .lines()
        .map(|line| line.trim_end().to_string())
        .collect()
}

/// What the imported program prints, in the simulator's order.
fn imported_prints(source: &str) -> (Vec<String>, Vec<Note>) {
    let imported = import(source).unwrap_or_else(|e| panic!("{e}"));
    let prints = simulate(&imported.program)
        .into_iter()
        .filter_map(|event| match event.kind {
            // A callback of call_soon prints its text.
            EventKind::Print(text) | EventKind::Callback(text) => Some(text),
            _ => None,
        })
        .collect();
    (prints, imported.notes)
}

#[test]
fn every_tutorial_example_prints_what_cpython_prints() {
    let mut checked = 0;
    for entry in std::fs::read_dir("tests/fixtures/tutorial").expect("fixtures") {
        let path = entry.expect("a fixture").path();
        let source = std::fs::read_to_string(&path).expect("readable");
        let (ours, notes) = imported_prints(&source);
        let theirs = cpython_prints(&source);
        if notes.contains(&Note::PrintOutsideLoop) {
            // Prints before and after the loop are left out: ours are
            // CPython's in its order, with those gone.
            let mut rest = theirs.iter();
            assert!(
                ours.iter().all(|line| rest.any(|theirs| theirs == line)),
                "{}: {ours:?} is not in {theirs:?}",
                path.display()
            );
        } else {
            assert_eq!(ours, theirs, "{}", path.display());
        }
        checked += 1;
    }
    assert_eq!(checked, 9);
}

#[test]
fn the_four_hellos_wait_on_coroutines_as_3_11_asks_with_a_note() {
    let source = std::fs::read_to_string("tests/fixtures/tutorial/09_four_hellos.py").unwrap();
    let (prints, notes) = imported_prints(&source);
    assert_eq!(
        prints,
        ["hello 0", "hello 1", "hello 2", "hello 3", "world 0", "world 1", "world 2", "world 3"]
    );
    assert!(notes.contains(&Note::WaitOnCoroutines) && notes.contains(&Note::GetEventLoop));
}

#[test]
fn what_is_not_read_is_an_error_at_its_place() {
    let deep = format!("x = {}1{}\n", "(".repeat(100), ")".repeat(100));
    // Signs and powers are read in a loop, not one call per sign.
    let long_sign = format!("x = {}\n", "-".repeat(60_000));
    for (source, at, says) in [
        ("import asyncio\nasync def main():\n    while True:\n        pass\nasyncio.run(main())\n", (3, 5), "while"),
        ("async def main():\n    x = 1 +\n", (2, 12), "expected an expression"),
        ("async def main():\n\tprint('a')\n    print('b')\n", (3, 5), "unindent"),
        ("import asyncio\nasync def main():\n    print('hi')\n", (1, 1), "asyncio.run(main())"),
        ("import asyncio\nasync def main():\n    await other()\nasyncio.run(main())\n", (3, 11), "other is not an async def"),
        (deep.as_str(), (1, 69), "nested"),
        (long_sign.as_str(), (1, 60_005), "expected an expression"),
    ] {
        let error = import(source).unwrap_err();
        let shown: String = source.chars().take(80).collect();
        assert_eq!((error.line, error.col), at, "{shown}: {error}");
        assert!(error.message.contains(says), "{shown}: {error}");
    }
}

/// A small seeded generator (xorshift), so a failure can be run again.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn mutated_and_random_python_imports_or_errors_never_panics() {
    let seed: u64 = std::env::var("IMPORT_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20261130);
    println!("import fuzz: seed {seed} (IMPORT_FUZZ_SEED=N for another)");
    let mut rng = Rng(seed.max(1));
    let fixtures: Vec<String> = std::fs::read_dir("tests/fixtures/tutorial")
        .expect("fixtures")
        .map(|e| std::fs::read_to_string(e.expect("a fixture").path()).expect("readable"))
        .collect();
    let pieces = [
        "async ",
        "def ",
        "await ",
        "asyncio.",
        "sleep(",
        "gather(",
        "wait(",
        "create_task(",
        "print(",
        "for ",
        " in ",
        "range(",
        "if ",
        "else:",
        "try:",
        "finally:",
        "return ",
        "raise ",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ":",
        ",",
        "*",
        "=",
        "'",
        "\"",
        "f'{",
        "}'",
        "\n",
        "\t",
        "    ",
        "#",
        "\\",
        "1",
        "0.5",
        "x",
        "main",
        "i",
        "é",
        "中",
    ];
    for case in 0..3_000 {
        let mut source: Vec<char> = if case % 4 == 0 {
            Vec::new()
        } else {
            fixtures[rng.below(fixtures.len())].chars().collect()
        };
        for _ in 0..1 + rng.below(6) {
            let at = rng.below(source.len() + 1);
            match rng.below(3) {
                0 if at < source.len() => {
                    source.remove(at);
                }
                _ => {
                    let piece = pieces[rng.below(pieces.len())];
                    source.splice(at..at, piece.chars());
                }
            }
        }
        let source: String = source.into_iter().collect();
        if let Err(error) = import(&source) {
            assert!(
                error.line >= 1 && error.line <= source.lines().count() + 1 && error.col >= 1,
                "seed {seed}, case {case}: {error} for\n{source}"
            );
        }
    }
}

#[test]
fn code_the_program_could_not_run_as_python_does_is_an_error_at_its_place() {
    let main = |body: &str| {
        format!("import asyncio\n\nasync def show(x):\n    print(x)\n\nasync def a():\n    return 'A'\n\nasync def b():\n    return 'B'\n\nasync def main():\n{body}\nasyncio.run(main())\n")
    };
    for (body, at, says) in [
        (
            "    x = await a()\n    y = await b()\n    await show(x)\n    await show(y)\n",
            (16, 11),
            "called again with other values",
        ),
        (
            "    t = asyncio.create_task(a())\n    await a()\n",
            (14, 11),
            "made a task above",
        ),
        (
            "    print('a', 'b', sep='-')\n",
            (13, 25),
            "sep= is not read",
        ),
        ("    print(1.50)\n", (13, 11), "as Python prints it"),
        ("    print(f'{1 != 0}')\n", (13, 11), "only names"),
        ("    print(f'{x=}')\n", (13, 11), "formats"),
        ("    print(f'{x:03d}')\n", (13, 11), "formats"),
        (
            "    x = await asyncio.sleep(1)\n",
            (13, 5),
            "nothing to keep",
        ),
        (
            "    try:\n        await a()\n    except Exception:\n        pass\n",
            (13, 5),
            "not part of the Python",
        ),
        ("    await show()\n", (13, 11), "takes 1 arguments"),
        (
            "    await asyncio.get_running_loop().run_in_executor(pool, print, 1)\n",
            (13, 54),
            "a pool made at the top",
        ),
    ] {
        let source = main(body);
        let error = import(&source).unwrap_err();
        assert_eq!((error.line, error.col), at, "{body}: {error}");
        assert!(error.message.contains(says), "{body}: {error}");
    }
    let guarded = |test: &str| {
        format!("import asyncio\n\nasync def main():\n    print('hi')\n\nif {test}:\n    asyncio.run(main())\n")
    };
    assert!(import(&guarded("__name__ == '__main__'")).is_ok());
    assert!(import(&guarded("'__main__' == __name__")).is_ok());
    let error = import(&guarded("False")).unwrap_err();
    assert_eq!(
        (error.line, error.col, error.message.contains("guard")),
        (6, 1, true),
        "{error}"
    );
    let renamed = "import asyncio\n\nasync def download_task():\n    print('x')\n\nasync def main():\n    await download_task()\n\nasyncio.run(main())\n";
    let error = import(renamed).unwrap_err();
    assert_eq!(
        (error.line, error.col, error.message.contains("reserved")),
        (3, 1, true),
        "{error}"
    );
}

#[test]
fn blocks_on_one_line_and_long_elif_chains_cost_no_stack() {
    let one_line = format!("{}pass\n", "if x: ".repeat(800));
    assert!(import(&one_line)
        .unwrap_err()
        .message
        .contains("nested more than 64"));
    let chain = format!("if x:\n    pass\n{}", "elif x:\n    pass\n".repeat(5_000));
    assert!(import(&chain).is_err());
    let statements = "import asyncio\n\nasync def main():\n    import time; time.sleep(1); print('after')\n\nasyncio.run(main())\n";
    let imported = import(statements).unwrap();
    assert_eq!(imported.program.blocks[0].steps.len(), 2);
}

#[test]
fn every_preset_s_python_export_imports_back_to_the_same_program() {
    use coroutine_playground::model::parse::parse;
    use coroutine_playground::model::presets::catalog;
    use coroutine_playground::model::print::print;
    use coroutine_playground::model::python::to_python;
    let mut round_trips = 0;
    for preset in catalog() {
        for source in [preset.source.en, preset.source.zh] {
            let program = parse(source).expect("presets parse");
            let imported =
                import(&to_python(&program)).unwrap_or_else(|e| panic!("{}: {e}", preset.id));
            // The title travels in a comment, which is not code.
            let untitled = print(&program)
                .split_once('\n')
                .map(|(_, rest)| rest.to_string());
            assert_eq!(Some(print(&imported.program)), untitled, "{}", preset.id);
            round_trips += 1;
        }
    }
    assert_eq!(round_trips, 2 * catalog().len());
}

// The generator only: its timer-tie rule is for the tests that run programs.
#[path = "common/programs.rs"]
#[allow(dead_code)]
mod programs;

#[test]
fn generated_programs_exported_to_python_import_back_to_themselves() {
    use coroutine_playground::model::parse::parse;
    use coroutine_playground::model::print::print;
    use coroutine_playground::model::python::to_python;
    let seed = std::env::var("IMPORT_ROUND_TRIP_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20261130);
    println!("round trip: seed {seed} (IMPORT_ROUND_TRIP_SEED=N for another)");
    let mut generator = programs::Generator::new(seed, programs::Mix { block: true });
    let mut checked = 0;
    for index in 0..700 {
        let source = generator.program(index);
        let program = parse(&source).unwrap_or_else(|e| panic!("{e}\n{source}"));
        let python = to_python(&program);
        let imported = import(&python)
            .unwrap_or_else(|e| panic!("seed {seed}, program #{index}: {e}\n{source}\n{python}"));
        // `sleep 0` is a yield, and the export writes both the same way.
        let same = |text: String| text.replace("  sleep 0\n", "  yield\n");
        assert_eq!(
            same(print(&imported.program)),
            same(print(&program)),
            "seed {seed}, program #{index}:\n{python}"
        );
        checked += 1;
    }
    assert_eq!(checked, 700);
}

#[test]
fn prints_made_with_percent_format_and_partial_show_what_cpython_shows() {
    let source = std::fs::read_to_string("tests/fixtures/more/formatted_prints.py").unwrap();
    let (ours, _) = imported_prints(&source);
    assert_eq!(ours, cpython_prints(&source));
    assert_eq!(ours.len(), 18, "{ours:?}");
}

#[test]
fn formats_python_would_refuse_or_show_otherwise_are_errors_at_their_place() {
    let task = |line: &str| {
        format!("import asyncio\n\nasync def t(i):\n    {line}\n\nasync def main():\n    await asyncio.gather(*[t(i) for i in range(2)])\n\nasyncio.run(main())\n")
    };
    for (line, says) in [
        ("print('%s and %s' % (i,))", "more values than it is given"),
        ("print('%s' % (i, i))", "more values than it shows"),
        ("print('%d' % 'text')", "%d shows a number"),
        ("print('%5s' % i)", "only %s, %d and %%"),
        ("print('{name}'.format(name=i))", "with names"),
        ("print('{:03d}'.format(i))", "no names or format specs"),
        ("print('{} {0}'.format(i))", "mixes"),
        ("print('{} {}'.format(i))", "fewer values"),
        ("print('a } b'.format(i))", "single }"),
        ("print(f'{4 / 2}')", "makes a float"),
        ("print(f'{0.5 * 2}')", "makes a float"),
        ("print(f'{i + 1.0}')", "makes a float"),
        ("print('%d' % (i + 1.0))", "%d shows a number"),
        ("print(f'{i * 2}')", "only names"),
        ("print('x {'.format(i))", "has no }"),
        ("print('{0'.format(i))", "has no }"),
        ("print('{+1}'.format(i))", "not read in format()"),
        ("async with semaphore:\n        pass", "semaphore is read"),
    ] {
        let error = import(&task(line)).unwrap_err();
        assert_eq!(error.line, 4, "{line}: {error}");
        assert!(error.message.contains(says), "{line}: {error}");
    }
}

#[test]
fn wait_for_around_gather_is_the_same_timeout_as_asyncio_timeout() {
    use coroutine_playground::model::print::print;
    let module = |main: &str| {
        format!("import asyncio\n\nasync def t(i):\n    await asyncio.sleep(i)\n    print('done', i)\n\nasync def main():\n{main}\nasyncio.run(main())\n")
    };
    let timeout = module("    tasks = [t(i) for i in range(3)]\n    try:\n        async with asyncio.timeout(1.5):\n            results = await asyncio.gather(*tasks)\n        print(results)\n    except TimeoutError:\n        print('too slow')\n");
    let expected = print(&import(&timeout).unwrap().program);
    assert!(expected.starts_with("run timeout 1500\n"), "{expected}");
    for main in [
        "    await asyncio.wait_for(asyncio.gather(*[t(i) for i in range(3)]), timeout=1.5)\n",
        "    await asyncio.wait_for(asyncio.gather(*[t(i) for i in range(3)]), 1.5)\n",
        "    tasks = [t(i) for i in range(3)]\n    try:\n        results = await asyncio.wait_for(asyncio.gather(*tasks), timeout=1.5)\n        print(results)\n    except TimeoutError:\n        print('too slow')\n",
    ] {
        let imported = import(&module(main)).unwrap_or_else(|e| panic!("{main}: {e}"));
        assert_eq!(print(&imported.program), expected, "{main}");
    }
    for (main, says) in [
        (
            "    await asyncio.wait_for(t(0), timeout=1)\n",
            "waits for asyncio.gather",
        ),
        (
            "    await asyncio.wait_for(asyncio.gather(t(0)))\n",
            "timeout=seconds",
        ),
        (
            "    await asyncio.wait_for(asyncio.gather(t(0)), timeout=0)\n",
            "above 0",
        ),
    ] {
        let error = import(&module(main)).unwrap_err();
        assert!(error.message.contains(says), "{main}: {error}");
    }
}

#[test]
fn fetches_round_trip_through_the_export_in_every_form() {
    use coroutine_playground::model::parse::parse;
    use coroutine_playground::model::print::print;
    use coroutine_playground::model::python::to_python;
    let mut checked = 0;
    for mode in [
        "gather",
        "sequential",
        "wait",
        "as_completed",
        "limit 2",
        "timeout 900",
    ] {
        for latency in ["", "latency 250\n"] {
            for url in ["site/1.html", "site/{n}.html", "/pages?id={i}&x=%20"] {
                for select in ["", " select \".post .author\""] {
                    let source = format!("run {mode}\n{latency}\ntask crawl x3\n  fetch \"{url}\"{select}\n  print \"page {{n}} crawled\"\n");
                    let program = parse(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
                    let python = to_python(&program);
                    let imported = import(&python).unwrap_or_else(|e| panic!("{e}\n{python}"));
                    assert_eq!(print(&imported.program), print(&program), "{python}");
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 72);
}

#[test]
fn the_tutorial_s_network_examples_import_or_get_the_documented_error() {
    let crawler =
        std::fs::read_to_string("tests/fixtures/tutorial_network/10_aiohttp_crawler.py").unwrap();
    // As printed, a line indented with spaces under tabs: CPython's
    // IndentationError, at the same line.
    let error = import(&crawler).unwrap_err();
    assert_eq!(error.line, 23, "{error}");
    assert!(error.message.contains("IndentationError"), "{error}");
    let fixed = crawler.replace("    loop.close()", "\tloop.close()");
    let imported = import(&fixed).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        coroutine_playground::model::print::print(&imported.program),
        "run wait\n\ntask crawl x9\n  fetch \"http://www.budejie.com/{n}\" select \".j-r-list ul li div .u-txt a\"\n  print \"start {n}\"\n"
    );
    for note in [
        Note::WaitOnCoroutines,
        Note::GetEventLoop,
        Note::FetchShownInLog,
        Note::FetchOtherSite,
    ] {
        assert!(
            imported.notes.contains(&note),
            "{note:?} in {:?}",
            imported.notes
        );
    }
    let executor =
        std::fs::read_to_string("tests/fixtures/tutorial_network/11_requests_in_executor.py")
            .unwrap();
    let error = import(&executor).unwrap_err();
    assert_eq!((error.line, error.col), (26, 2), "{error}");
    assert!(error.message.contains("run_in_executor"), "{error}");
}

#[test]
fn aiohttp_and_beautifulsoup_read_as_one_fetch_step_each() {
    use coroutine_playground::model::print::print;
    let module = |body: &str| {
        format!("import asyncio\nimport aiohttp\nfrom bs4 import BeautifulSoup\n\nasync def crawl(i):\n{body}\n\nasync def main():\n    await asyncio.gather(*[crawl(i) for i in range(1, 4)])\n\nasyncio.run(main())\n")
    };
    for (body, steps) in [
        (
            "    url = f'site/{i}.html'\n    async with aiohttp.ClientSession() as session:\n        async with session.get(url) as response:\n            html = await response.text()\n    soup = BeautifulSoup(html, 'html.parser')\n    for tag in soup.select('.author'):\n        print(tag.get_text())\n    print('done', i)",
            "  fetch \"site/{n}.html\" select \".author\"\n  print \"done {n}\"\n",
        ),
        (
            "    async with aiohttp.ClientSession(headers={'a': 'b'}) as session:\n        response = await session.get(f'site/{i}.html')\n        print(response.status)\n        soup = BeautifulSoup(await response.text(), 'lxml')\n        names = soup.select('.post .author')\n        print(len(names))",
            "  fetch \"site/{n}.html\" select \".post .author\"\n",
        ),
    ] {
        let imported = import(&module(body)).unwrap_or_else(|e| panic!("{body}: {e}"));
        assert_eq!(print(&imported.program), format!("run gather\n\ntask crawl x3\n{steps}"), "{body}");
    }
    let shown = "    async with aiohttp.ClientSession() as session:\n        async with session.get(f'site/{i}.html') as response:\n            print(f'{i}: {response.status}', len(await response.text()))\n    print('done')";
    let imported = import(&module(shown)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        print(&imported.program),
        "run gather\n\ntask crawl x3\n  fetch \"site/{n}.html\"\n  print \"done\"\n"
    );
    assert!(imported.notes.contains(&Note::FetchShownInLog));
    // A fetch that only sleeps is a coroutine like any other: only the
    // export's fetch(url, select) helper stands for fetching.
    let sleeper = "import asyncio\n\nasync def fetch(i):\n    await asyncio.sleep(1)\n\nasync def main():\n    await asyncio.gather(*[fetch(i) for i in range(3)])\n\nasyncio.run(main())\n";
    assert_eq!(
        print(&import(sleeper).unwrap().program),
        "run gather\n\ntask fetch x3\n  sleep 1000\n"
    );
    for (body, says) in [
        ("    async with aiohttp.ClientSession() as s:\n        async with s.get('a') as r:\n            t = await r.text()\n    soup = BeautifulSoup(t, 'lxml')\n    a = soup.select('.a')\n    b = soup.select('.b')", "one select per page"),
        ("    async with aiohttp.ClientSession() as s:\n        async with s.post('a') as r:\n            pass", "session.get(url)"),
        ("    soup = BeautifulSoup(i, 'lxml')", "not the text of a page"),
    ] {
        let error = import(&module(body)).unwrap_err();
        assert!(error.message.contains(says), "{body}: {error}");
    }
}
