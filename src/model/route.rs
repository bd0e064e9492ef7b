//! Page links ⇄ what the page opens: `#example/<id>`, `#code/<payload>`,
//! `#src/<percent-encoded text>`, `#py/<payload>` (Python, deflated as
//! `#code/` is) or `#py/<percent-encoded Python>` (older links), with
//! `?lang=`, `?autorun=1`, `?view=`, `?embed=1`, `?lints=0`,
//! `?mode=predict`, `?readonly=1`, `?hide=editor,code` and `?step=N`.

use percent_encoding::{
    percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC,
};

use super::i18n::Lang;
use super::presets::{find, Preset};
use super::share::{pack, unpack, LinkError, MAX_LINK_CHARS};

/// The program a link opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// No program in the link: the default demo.
    Default,
    Preset(&'static Preset),
    /// Program text from `#src/`, or from `#code/` once inflated (it may
    /// still fail to parse).
    Text(String),
    /// A `#code/` program, still deflated and in base64: the page inflates
    /// it before it opens it (`ui::link::inflated`).
    Deflated(String),
    /// A `#py/` payload, still deflated and in base64: the page inflates it
    /// into [`Opened::Python`].
    DeflatedPython(String),
    /// Python code from `#py/`: the page runs it as Python, and imports it.
    Python(String),
}

impl Opened {
    /// Whether the page must inflate it before it opens it.
    pub fn is_deflated(&self) -> bool {
        matches!(self, Opened::Deflated(_) | Opened::DeflatedPython(_))
    }
}

/// Why a link's program does not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkProblem {
    UnknownPreset(String),
    Code(LinkError),
    /// `#src/` or `#py/` text that is not valid percent-encoded UTF-8.
    BadSource,
    /// A fragment that is none of the forms the page reads.
    UnknownForm,
}

/// The panel a link asks to show first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Log,
    Timeline,
    Code,
}

/// Everything a page link says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub opened: Result<Opened, LinkProblem>,
    pub lang: Option<Lang>,
    pub autorun: bool,
    pub view: Option<View>,
    /// `?embed=1`: the compact layout for an iframe.
    pub embed: bool,
    /// Teaching lints shown (`?lints=0` hides them, for a demo that wants
    /// the mistake).
    pub lints: bool,
    /// `?mode=predict`: the page opens asking for predictions first.
    pub predict: bool,
    /// `?readonly=1`: the program cannot be edited (a challenge's).
    pub readonly: bool,
    /// `?hide=editor,code`: the parts of the page a challenge hides.
    pub hide: Hidden,
    /// `?step=N`: the replay opens at event N (counted from 0).
    pub step: Option<usize>,
}

/// The parts of the page a link hides (`?hide=` lists them, by comma).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Hidden {
    /// The program's text and its views.
    pub editor: bool,
    /// The program as Python: the Python tab and the From Python view.
    pub code: bool,
}

/// Reads `location.search` (with or without `?`) and `location.hash`.
pub fn read(search: &str, hash: &str) -> Link {
    let mut link = Link {
        opened: read_hash(hash),
        lang: None,
        autorun: false,
        view: None,
        embed: false,
        lints: true,
        predict: false,
        readonly: false,
        hide: Hidden::default(),
        step: None,
    };
    for pair in search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode_str(value).decode_utf8_lossy();
        match key {
            "lang" => link.lang = Lang::from_tag(&value),
            "autorun" => link.autorun = value == "1" || value == "true",
            "embed" => link.embed = value == "1" || value == "true",
            "lints" => link.lints = !(value == "0" || value == "false"),
            "mode" => link.predict = value == "predict",
            "readonly" => link.readonly = value == "1" || value == "true",
            "step" => link.step = value.parse().ok(),
            "hide" => {
                for part in value.split(',') {
                    match part {
                        "editor" => link.hide.editor = true,
                        "code" => link.hide.code = true,
                        _ => {}
                    }
                }
            }
            "view" => {
                link.view = match value.as_ref() {
                    "log" => Some(View::Log),
                    "timeline" => Some(View::Timeline),
                    "code" => Some(View::Code),
                    _ => None,
                }
            }
            _ => {}
        }
    }
    link
}

fn read_hash(hash: &str) -> Result<Opened, LinkProblem> {
    let fragment = hash.trim_start_matches('#');
    if fragment.is_empty() {
        return Ok(Opened::Default);
    }
    if fragment.len() > MAX_LINK_CHARS {
        return Err(LinkProblem::Code(LinkError::TooLong(fragment.len())));
    }
    if let Some(id) = fragment.strip_prefix("example/") {
        return find(id)
            .map(Opened::Preset)
            .ok_or_else(|| LinkProblem::UnknownPreset(id.chars().take(40).collect()));
    }
    if let Some(payload) = fragment.strip_prefix("code/") {
        return unpack(payload)
            .map(Opened::Deflated)
            .map_err(LinkProblem::Code);
    }
    let decoded = |text| {
        percent_decode_str(text)
            .decode_utf8()
            .map(|t| t.into_owned())
            .map_err(|_| LinkProblem::BadSource)
    };
    if let Some(text) = fragment.strip_prefix("src/") {
        return decoded(text).map(Opened::Text);
    }
    if let Some(python) = fragment.strip_prefix("py/") {
        if is_payload(python) {
            return unpack(python)
                .map(Opened::DeflatedPython)
                .map_err(LinkProblem::Code);
        }
        return decoded(python).map(Opened::Python);
    }
    Err(LinkProblem::UnknownForm)
}

/// `search` (a page's query, with or without `?`) with `?step=` at `step`,
/// or without it for `None`.
pub fn with_step(search: &str, step: Option<usize>) -> String {
    let mut pairs: Vec<String> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("step="))
        .map(str::to_string)
        .collect();
    pairs.extend(step.map(|step| format!("step={step}")));
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

/// The fragment of a preset as shipped.
pub fn example_hash(preset: &Preset) -> String {
    format!("#example/{}", preset.id)
}

/// The fragment of a program's text, given the text as raw deflate in
/// standard base64.
pub fn code_hash(deflated_base64: &str) -> String {
    format!("#code/{}", pack(deflated_base64))
}

/// The fragment of a program's text where it cannot be deflated: the text
/// itself, percent-encoded (longer than [`code_hash`]'s).
pub fn src_hash(text: &str) -> String {
    format!("#src/{}", utf8_percent_encode(text, NON_ALPHANUMERIC))
}

/// What `#py/` links percent-encode: controls, spaces and what a URL's
/// fragment may not hold or would read otherwise; Python's other
/// punctuation stays readable in the address bar.
const PYTHON_IN_FRAGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Whether a `#py/` fragment is a payload ([`py_code_hash`]) rather than
/// percent-encoded Python: `v1.` and URL-safe base64, which no Python
/// program is.
fn is_payload(fragment: &str) -> bool {
    fragment.strip_prefix("v1.").is_some_and(|body| {
        !body.is_empty()
            && body
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

/// The fragment of Python code, given it as raw deflate in standard base64:
/// what Share writes.
pub fn py_code_hash(deflated_base64: &str) -> String {
    format!("#py/{}", pack(deflated_base64))
}

/// The fragment of Python code, percent-encoded (readable; longer than
/// [`py_code_hash`]'s): where the browser cannot deflate, and what older
/// pages wrote.
pub fn py_hash(python: &str) -> String {
    format!("#py/{}", utf8_percent_encode(python, PYTHON_IN_FRAGMENT))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets::catalog;
    use crate::model::share::tests::encode;

    #[test]
    fn each_form_opens_its_program() {
        assert_eq!(read("", "").opened, Ok(Opened::Default));
        assert_eq!(
            read("", "#example/chain").opened,
            Ok(Opened::Preset(find("chain").unwrap()))
        );
        assert_eq!(
            read("", &format!("#code/{}", encode("task a\n  yield\n"))).opened,
            Ok(Opened::Deflated(base64::engine::Engine::encode(
                &base64::engine::general_purpose::STANDARD,
                miniz_oxide::deflate::compress_to_vec(b"task a\n  yield\n", 9)
            )))
        );
        assert_eq!(
            read("", &src_hash("task a\n  print \"你好 {i}%\"\n")).opened,
            Ok(Opened::Text("task a\n  print \"你好 {i}%\"\n".into()))
        );
        assert_eq!(
            read("", "#src/task%20a%0A%20%20print%20%22%E4%BD%A0%E5%A5%BD%22").opened,
            Ok(Opened::Text("task a\n  print \"你好\"".into()))
        );
    }

    #[test]
    fn py_links_carry_python_readably() {
        let python = "import asyncio\n\nasync def main():\n    print(f\"hi {1 + 1}%\", end='')  # 你好\n    await asyncio.sleep(0.5)\n\nasyncio.run(main())\n";
        let hash = py_hash(python);
        assert_eq!(read("", &hash).opened, Ok(Opened::Python(python.into())));
        assert!(
            hash.contains("asyncio.sleep(0.5)")
                && !hash.contains(['\n', ' ', '"', '{'])
                && hash.contains("%25"),
            "{hash}"
        );
        assert_eq!(
            read("", "#py/print(%22hi%22)").opened,
            Ok(Opened::Python("print(\"hi\")".into()))
        );
    }

    #[test]
    fn bad_links_say_what_is_wrong() {
        assert_eq!(
            read("", "#example/nope").opened,
            Err(LinkProblem::UnknownPreset("nope".into()))
        );
        assert_eq!(
            read("", "#code/v9.xyz").opened,
            Err(LinkProblem::Code(LinkError::UnknownVersion("v9".into())))
        );
        assert_eq!(
            read("", "#code/v1.@@@").opened,
            Err(LinkProblem::Code(LinkError::Garbage))
        );
        assert_eq!(read("", "#src/%FF").opened, Err(LinkProblem::BadSource));
        assert_eq!(read("", "#py/%C3").opened, Err(LinkProblem::BadSource));
        assert_eq!(read("", "#whatever").opened, Err(LinkProblem::UnknownForm));
        assert!(matches!(
            read("", &format!("#code/{}", "x".repeat(9000))).opened,
            Err(LinkProblem::Code(LinkError::TooLong(_)))
        ));
    }

    #[test]
    fn the_query_works_with_any_fragment() {
        let link = read("?lang=zh&autorun=1&view=code", "#example/hello");
        assert_eq!(
            (link.lang, link.autorun, link.view),
            (Some(Lang::Zh), true, Some(View::Code))
        );
        assert_eq!(link.opened, Ok(Opened::Preset(find("hello").unwrap())));
        let plain = read("lang=fr&view=nope", "");
        assert_eq!(
            (
                plain.lang,
                plain.autorun,
                plain.view,
                plain.embed,
                plain.lints
            ),
            (None, false, None, false, true)
        );
        assert!(!read("?lints=0", "").lints && !read("?embed=1&lints=false", "").lints);
        assert!(read("?lints=1", "").lints);
        assert!(read("?mode=predict", "").predict && !read("?mode=watch", "").predict);
        let challenge = read("?readonly=1&hide=editor,code&hide=nope", "");
        assert!(challenge.readonly);
        assert_eq!(
            challenge.hide,
            Hidden {
                editor: true,
                code: true
            }
        );
        assert_eq!(
            read("?hide=code", "").hide,
            Hidden {
                editor: false,
                code: true
            }
        );
    }

    #[test]
    fn a_step_is_read_from_the_query_and_written_back_in_place_of_any_other() {
        assert_eq!(read("?step=12&lang=zh", "").step, Some(12));
        for bad in ["?step=", "?step=-1", "?step=x", "?step=1.5", ""] {
            assert_eq!(read(bad, "").step, None, "{bad}");
        }
        assert_eq!(with_step("?lang=zh&step=3", Some(7)), "?lang=zh&step=7");
        assert_eq!(with_step("", Some(0)), "?step=0");
        assert_eq!(with_step("?step=3", None), "");
        assert_eq!(with_step("lang=en", None), "?lang=en");
        assert_eq!(read(&with_step("?embed=1", Some(41)), "").step, Some(41));
    }

    #[test]
    fn links_are_short_enough_for_every_preset_and_an_edited_program() {
        for preset in catalog() {
            assert_eq!(example_hash(preset), format!("#example/{}", preset.id));
            for source in [preset.source.en, preset.source.zh] {
                let code = format!("#code/{}", encode(source));
                println!("{}: #code link {} characters", preset.id, code.len());
                assert!(
                    code.len() < 1_000,
                    "{}: {} characters",
                    preset.id,
                    code.len()
                );
            }
        }
        let tasks: String = (0..20)
            .map(|t| format!("task worker{t} x3\n  print \"worker {t} starts {{i}}\"\n  sleep {}\n  yield\n  print \"worker {t} done {{i}}\"\n  return \"{t}\"\n\n", 100 + t * 7))
            .collect();
        let edited = format!("title \"Twenty workers\"\nrun limit 5\n\n{tasks}");
        assert!(crate::model::parse::parse(&edited).is_ok());
        let link = format!("#code/{}", encode(&edited));
        println!(
            "20-task program: {} bytes of text, #code link {} characters",
            edited.len(),
            link.len()
        );
        assert!(link.len() < MAX_LINK_CHARS);
    }
}
