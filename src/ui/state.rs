//! The page's state, the actions that change it, and its reducer.

use std::rc::Rc;

use yew::{AttrValue, Reducible};

use super::recording::Recording;
use crate::model::i18n::{Key, Lang};
use crate::model::limits::MAX_AUTORUN_HOLDING_MS;
use crate::model::parse::parse;
use crate::model::parse_error::ParseError;
use crate::model::presets::{catalog, find, Preset, DEFAULT_PRESET};
use crate::model::program::CheckedProgram;
use crate::model::python_run::{Output, PythonNote};
use crate::model::route::{Hidden, Link, LinkProblem, Opened, View};
use crate::model::share::LinkError;
use crate::model::trace::Event;
use crate::runtime::ImportedText;

/// The demo a page without a program in its link opens.
pub fn default_preset() -> &'static Preset {
    find(DEFAULT_PRESET).unwrap_or(&catalog()[0])
}

/// Where a run is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Status {
    Idle,
    Running,
    /// `main` ended after this many ms; `failed` when it ended by an error.
    Finished {
        total_ms: f64,
        failed: bool,
    },
    Stopped,
}

/// The output panel shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Log,
    Orders,
    Compare,
    Notes,
    Python,
}

impl Tab {
    /// Every panel, in the order of their tabs.
    pub const ALL: [Tab; 5] = [Tab::Log, Tab::Orders, Tab::Compare, Tab::Notes, Tab::Python];

    /// The panels shown: in Python mode not the preset's notes nor its
    /// Python export, which are not of the learner's Python.
    pub fn shown(python_mode: bool) -> &'static [Tab] {
        if python_mode {
            &Tab::ALL[..3]
        } else {
            &Tab::ALL
        }
    }

    /// The words on the panel's tab.
    pub fn key(self) -> Key {
        match self {
            Tab::Log => Key::Log,
            Tab::Orders => Key::Orders,
            Tab::Compare => Key::Compare,
            Tab::Notes => Key::Notes,
            Tab::Python => Key::Python,
        }
    }
}

/// The editor's view of the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorView {
    /// The program's text.
    Text,
    /// The program as a table of blocks and steps.
    Table,
    /// Python the learner writes, imported into the program.
    Python,
}

impl EditorView {
    /// Every view, in the order of their tabs.
    pub const ALL: [EditorView; 3] = [EditorView::Text, EditorView::Table, EditorView::Python];

    /// The words on the view's tab.
    pub fn key(self) -> Key {
        match self {
            EditorView::Text => Key::TextView,
            EditorView::Table => Key::TableView,
            EditorView::Python => Key::PythonView,
        }
    }
}

/// Python the learner wrote: the page runs it as Python (Python mode), and
/// imports it into a program where it can.
#[derive(Debug, Clone, PartialEq)]
pub struct PythonSource {
    /// The Python as written.
    pub text: String,
    /// The notes on how it was read (in English and Chinese), or where it
    /// could not be read; `None` while the worker reads it.
    pub imported: Option<Result<Vec<(String, String)>, ParseError>>,
}

/// What a Python run shows besides its events: CPython's own output, where
/// it differed from CPython, and Python loading.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PythonShown {
    /// Output as the program wrote it, in order.
    pub output: Rc<Vec<Output>>,
    /// Where the run differed from CPython, each once.
    pub notes: Vec<PythonNote>,
    /// Bytes of the Python runtime loaded, of all, while it loads.
    pub loading: Option<(f64, f64)>,
    /// Why Python did not load or run, or why the run was stopped.
    pub failure: Option<PythonFailure>,
}

/// Why a Python run ended before its program did.
#[derive(Debug, Clone, PartialEq)]
pub enum PythonFailure {
    /// It ran for the whole-run limit (`python_run::MAX_PYTHON_RUN_MS`).
    Limit,
    /// Python did not load or the worker broke: what it said.
    Broken(String),
}

/// Everything the page shows.
#[derive(Clone, PartialEq)]
pub struct Playground {
    pub lang: Lang,
    pub preset: &'static Preset,
    pub source: String,
    /// The program read from [`Playground::source`], shared by the views.
    pub program: Result<Rc<CheckedProgram>, ParseError>,
    pub time_scale: f64,
    /// The scale the shown run used.
    pub run_scale: f64,
    pub status: Status,
    pub events: Recording,
    pub tab: Tab,
    pub task_filter: Option<String>,
    pub show_prediction: bool,
    /// Why the link the page was opened with did not open its program.
    pub link_problem: Option<LinkProblem>,
    /// The ms of loop holding for which a link's `?autorun=1` was not
    /// followed, until the learner runs or opens something else.
    pub autorun_withheld: Option<u64>,
    /// The text and program of the shown run, as they were when it started:
    /// what its exports and comparisons are of (its time scale is
    /// [`Playground::run_scale`]).
    pub ran: Option<Ran>,
    /// The compact layout for an iframe.
    pub embed: bool,
    /// Counts requests to run (the Run button, a host's `run`); each one
    /// starts a run of the program as it is then.
    pub run_requests: u32,
    /// The view of the program the editor shows.
    pub editor_view: EditorView,
    /// The Python the page runs (Python mode), until the program is edited
    /// otherwise or turned into a task list.
    pub python: Option<PythonSource>,
    /// What the shown Python run wrote and where it differed from CPython.
    pub python_shown: PythonShown,
    /// Whether the editor shows teaching lints (`?lints=0` hides them).
    pub lints: bool,
    /// Predict mode: questions to answer before the run.
    pub predict: bool,
    /// The program cannot be edited (`?readonly=1`).
    pub readonly: bool,
    /// What the link hides (`?hide=`).
    pub hide: Hidden,
    /// The event the replay shows (`None`: the whole run).
    pub step: Option<usize>,
    /// The shown events are the simulator's prediction, not a run.
    pub predicted: bool,
    /// Runs kept to compare with the next ones, oldest first: each one's
    /// trace as JSON text, with its program and time scale
    /// (`trace_export::trace_json`).
    pub pinned: Vec<AttrValue>,
}

/// Runs pinned at most.
pub const MAX_PINNED: usize = 3;

/// What a run ran.
#[derive(Debug, Clone, PartialEq)]
pub struct Ran {
    /// The program text.
    pub source: String,
    /// The program read from it.
    pub program: Option<Rc<CheckedProgram>>,
    /// The run was of Python ([`Ran::source`] is the Python).
    pub python: bool,
}

/// Everything that changes [`Playground`].
pub enum Action {
    SetLang(Lang),
    LoadPreset(&'static str),
    Edit(String),
    SetTimeScale(f64),
    RunStarted,
    Events(Vec<Event>),
    RunFinished {
        total_ms: f64,
    },
    RunStopped,
    ShowTab(Tab),
    FilterTask(Option<String>),
    TogglePrediction,
    /// Run the program (from the Run button or a host).
    RequestRun,
    /// The page's link changed (back or forward): open what it names.
    OpenLink(Result<Opened, LinkProblem>),
    /// Show the program in this view.
    ShowView(EditorView),
    /// The learner wrote this Python, or a host loaded it.
    EditPython(String),
    /// Leave Python mode for the task list the Python was imported into.
    LeavePython,
    /// A run of the Python started.
    PythonRunStarted,
    /// Bytes of the Python runtime loaded, of all (`None`: loaded).
    PythonLoading(Option<(f64, f64)>),
    /// What the Python run wrote, and where it differed from CPython.
    PythonOutput {
        output: Vec<Output>,
        notes: Vec<PythonNote>,
    },
    /// Python did not load or run, or the run was cut short: why.
    PythonFailed(PythonFailure),
    /// Turn predict mode on or off.
    TogglePredict,
    /// Show the run at this event (`None`: all of it).
    Step(Option<usize>),
    /// The simulator predicted these events for the program: step through
    /// them without running.
    Predicted(Vec<Event>),
    /// Keep the shown run to compare (the oldest pin goes past three).
    Pin(AttrValue),
    /// Let go of the pinned run at this place.
    Unpin(usize),
    /// The worker read `python`: the program and its notes, where it could
    /// not, or (the outer error) why the worker failed.
    Imported {
        python: String,
        outcome: Result<Result<ImportedText, ParseError>, String>,
    },
}

impl Playground {
    /// The page as it opens: `preset` loaded, nothing run.
    pub fn new(lang: Lang, preset: &'static Preset) -> Self {
        let mut page = Playground {
            lang,
            preset,
            source: String::new(),
            program: Err(ParseError {
                line: 1,
                col: 1,
                message: String::new(),
            }),
            time_scale: 1.0,
            run_scale: 1.0,
            status: Status::Idle,
            events: Recording::default(),
            tab: Tab::Log,
            task_filter: None,
            show_prediction: false,
            link_problem: None,
            autorun_withheld: None,
            ran: None,
            embed: false,
            run_requests: 0,
            editor_view: EditorView::Text,
            python: None,
            python_shown: PythonShown::default(),
            lints: true,
            predict: false,
            readonly: false,
            hide: Hidden::default(),
            step: None,
            predicted: false,
            pinned: Vec::new(),
        };
        page.set_source(preset.source_in(lang).to_string());
        page
    }

    /// The page as a link opens it; a bad link opens the default demo and
    /// keeps the problem to show.
    pub fn from_link(lang: Lang, link: &Link) -> Self {
        let mut page = Playground::new(lang, default_preset());
        page.open(link.opened.clone());
        if link.autorun && matches!(link.opened, Ok(Opened::Text(_))) {
            page.autorun_withheld = page
                .program
                .as_ref()
                .map(|program| program.loop_holding_ms())
                .ok()
                .filter(|&held| held > MAX_AUTORUN_HOLDING_MS);
        }
        page.embed = link.embed;
        page.lints = link.lints;
        page.predict = link.predict;
        page.readonly = link.readonly;
        page.hide = link.hide;
        page.step = link.step;
        if link.readonly {
            page.editor_view = EditorView::Text;
        }
        page.tab = match link.view {
            // A link that hides the Python cannot show it first.
            Some(View::Code) if !link.hide.code => Tab::Python,
            _ => Tab::Log,
        };
        page
    }

    fn open(&mut self, opened: Result<Opened, LinkProblem>) {
        self.link_problem = None;
        self.python = None;
        match opened {
            // The page inflates `#code/` programs and `#py/` Python before it opens them.
            Ok(Opened::Deflated(_) | Opened::DeflatedPython(_)) => {
                self.open(Err(LinkProblem::Code(LinkError::Garbage)))
            }
            Ok(Opened::Default) => self.load(default_preset()),
            Ok(Opened::Preset(preset)) => self.load(preset),
            Ok(Opened::Text(text)) => self.set_source(text),
            Ok(Opened::Python(python)) => self.write_python(python),
            Err(problem) => {
                self.load(default_preset());
                self.link_problem = Some(problem);
            }
        }
        self.clear_run();
    }

    fn load(&mut self, preset: &'static Preset) {
        self.preset = preset;
        self.python = None;
        self.set_source(preset.source_in(self.lang).to_string());
    }

    fn write_python(&mut self, text: String) {
        self.editor_view = EditorView::Python;
        self.python = Some(PythonSource {
            text,
            imported: None,
        });
    }

    /// Takes what the worker made of the Python being read, if it still is.
    fn take_import(
        &mut self,
        python: String,
        outcome: Result<Result<ImportedText, ParseError>, String>,
    ) {
        let Some(current) = self
            .python
            .as_mut()
            .filter(|current| current.text == python)
        else {
            return;
        };
        let outcome = outcome.unwrap_or_else(|worker_failed| {
            Err(ParseError {
                line: 0,
                col: 0,
                message: worker_failed,
            })
        });
        current.imported = Some(outcome.map(|imported| {
            self.program = parse(&imported.text).map(Rc::new);
            self.source = imported.text;
            imported.notes
        }));
    }

    /// The program a task-list run would run: none while its Python is
    /// read or has an error, or while its text has one.
    pub fn runnable(&self) -> Option<Rc<CheckedProgram>> {
        match &self.python {
            Some(PythonSource {
                imported: Some(Ok(_)),
                ..
            })
            | None => self.program.clone().ok(),
            Some(_) => None,
        }
    }

    /// The Python a run runs, in Python mode.
    pub fn python_to_run(&self) -> Option<&str> {
        self.python.as_ref().map(|python| python.text.as_str())
    }

    /// Whether Run can start: Python to run, or a program that reads.
    pub fn can_run(&self) -> bool {
        match self.python_to_run() {
            Some(python) => !python.trim().is_empty(),
            None => self.runnable().is_some(),
        }
    }

    fn set_source(&mut self, source: String) {
        self.program = parse(&source).map(Rc::new);
        self.source = source;
    }

    fn clear_run(&mut self) {
        self.autorun_withheld = None;
        self.ran = None;
        self.status = Status::Idle;
        self.events = Recording::default();
        self.task_filter = None;
        self.step = None;
        self.predicted = false;
        self.python_shown = PythonShown::default();
    }

    /// Whether a link asked to run and the page may do it without a click.
    pub fn may_autorun(&self, link: &Link) -> bool {
        link.autorun && self.autorun_withheld.is_none()
    }

    /// Whether the shown run is of an earlier text of the program (a preset
    /// shown in the other language is the same program).
    pub fn run_is_stale(&self) -> bool {
        let preset = [self.preset.source.en, self.preset.source.zh];
        self.ran.as_ref().is_some_and(|ran| {
            if ran.python || self.python.is_some() {
                return !ran.python || self.python_to_run() != Some(ran.source.as_str());
            }
            ran.source != self.source
                && !(self.is_unmodified_preset() && preset.contains(&ran.source.as_str()))
        })
    }

    /// The Python the page's link carries in Python mode: what the
    /// learner wrote, which is what the page runs.
    pub fn python_for_link(&self) -> Option<&str> {
        self.python_to_run()
    }

    /// Whether the program still is the preset as shipped (in either language).
    pub fn is_unmodified_preset(&self) -> bool {
        self.python.is_none()
            && (self.source == self.preset.source.en || self.source == self.preset.source.zh)
    }
}

/// Whether `main` (or a Python run's top-level code) failed in `events`.
fn ended_by_error(events: &[Event]) -> bool {
    use crate::model::trace::{EventKind, MAIN, MODULE};
    events
        .iter()
        .any(|e| (*e.task == *MAIN || *e.task == *MODULE) && matches!(e.kind, EventKind::Failed(_)))
}

impl Reducible for Playground {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        match action {
            Action::SetLang(lang) => {
                if next.is_unmodified_preset() {
                    next.set_source(next.preset.source_in(lang).to_string());
                }
                next.lang = lang;
            }
            Action::LoadPreset(id) => {
                next.load(find(id).unwrap_or_else(default_preset));
                next.link_problem = None;
                next.clear_run();
            }
            Action::OpenLink(opened) => next.open(opened),
            Action::RequestRun => next.run_requests += 1,
            Action::Edit(source) => {
                next.set_source(source);
                next.python = None;
                next.autorun_withheld = None;
            }
            Action::ShowView(view) => next.editor_view = view,
            Action::EditPython(python) => {
                next.write_python(python);
                next.autorun_withheld = None;
            }
            Action::LeavePython => {
                if next.runnable().is_some() {
                    next.python = None;
                    next.editor_view = EditorView::Text;
                }
            }
            Action::PythonRunStarted => {
                next.clear_run();
                next.status = Status::Running;
                next.run_scale = 1.0;
                next.ran = next.python_to_run().map(|python| Ran {
                    source: python.to_string(),
                    program: None,
                    python: true,
                });
            }
            Action::PythonLoading(loading) => next.python_shown.loading = loading,
            Action::PythonOutput { output, notes } => {
                let shown = &mut next.python_shown;
                Rc::make_mut(&mut shown.output).extend(output);
                for note in notes {
                    if !shown.notes.contains(&note) {
                        shown.notes.push(note);
                    }
                }
            }
            Action::PythonFailed(why) => {
                next.python_shown.loading = None;
                next.python_shown.failure = Some(why);
                next.status = Status::Stopped;
            }
            Action::TogglePredict => next.predict = !next.predict,
            Action::Imported { python, outcome } => next.take_import(python, outcome),
            Action::SetTimeScale(scale) => next.time_scale = scale,
            Action::RunStarted => {
                next.clear_run();
                next.status = Status::Running;
                next.run_scale = next.time_scale;
                next.ran = Some(Ran {
                    source: next.source.clone(),
                    program: next.program.clone().ok(),
                    python: false,
                });
            }
            Action::Events(batch) => next.events = next.events.extended(batch),
            Action::RunFinished { total_ms } => {
                let failed = ended_by_error(&next.events.events());
                next.status = Status::Finished { total_ms, failed };
                if !next.pinned.is_empty() {
                    next.tab = Tab::Compare;
                }
            }
            Action::Step(step) => next.step = step,
            Action::Predicted(events) => {
                let step = next.step;
                next.clear_run();
                let total_ms = crate::model::trace::total_ms(&events);
                next.step = step.map(|step| step.min(events.len().saturating_sub(1)));
                next.status = Status::Finished {
                    total_ms,
                    failed: ended_by_error(&events),
                };
                next.events = Recording::default().extended(events);
                next.run_scale = 1.0;
                next.predicted = true;
                next.ran = Some(match next.python_to_run() {
                    Some(python) => Ran {
                        source: python.to_string(),
                        program: None,
                        python: true,
                    },
                    None => Ran {
                        source: next.source.clone(),
                        program: next.program.clone().ok(),
                        python: false,
                    },
                });
            }
            Action::Pin(pinned) => {
                if next.pinned.len() == MAX_PINNED {
                    next.pinned.remove(0);
                }
                next.pinned.push(pinned);
            }
            Action::Unpin(at) => {
                if at < next.pinned.len() {
                    next.pinned.remove(at);
                }
            }
            Action::RunStopped => {
                next.status = Status::Stopped;
                next.python_shown.loading = None;
            }
            Action::ShowTab(tab) => next.tab = tab,
            Action::FilterTask(task) => next.task_filter = task,
            Action::TogglePrediction => next.show_prediction = !next.show_prediction,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests;
