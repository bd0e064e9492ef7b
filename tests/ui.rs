//! The page's components rendered in headless Chromium.
#![cfg(target_arch = "wasm32")]

use coroutine_playground::model::i18n::Lang;
use coroutine_playground::model::presets::{catalog, find, DEFAULT_PRESET};
use coroutine_playground::runtime::{live, Live};
use coroutine_playground::ui::{App, Arrange, OnDemandRoot};
use coroutine_playground::views::on_demand::{OnDemandEvent, OnDemandView};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, InputEvent,
    InputEventInit,
};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh page; the link is reset, since the page opens what it
/// names. Destroy it at the test's end: pages left alive would warm the
/// runtime up on its one loop at the same time as the next test's page.
fn mount() -> (Element, yew::AppHandle<App>) {
    let window = web_sys::window().unwrap();
    let path = window.location().pathname().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
    let document = window.document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let app = yew::Renderer::<App>::with_root(root.clone()).render();
    (root, app)
}

/// Lets yew render what was scheduled.
async fn settle() {
    TimeoutFuture::new(30).await;
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into().ok())
        .collect()
}

fn click(root: &Element, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into::<HtmlElement>()
        .click();
}

#[wasm_bindgen_test]
async fn the_page_renders_the_gallery_editor_and_controls() {
    let (root, app) = mount();
    settle().await;
    assert_eq!(all(&root, "[data-preset]").len(), catalog().len());
    assert!(root.query_selector("button.run").unwrap().is_some());
    let text: HtmlTextAreaElement = root
        .query_selector("textarea")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(text.value().contains("task hello x4"));
    app.destroy();
    root.remove();
}

/// A page left idle warms the runtime up a moment after its first paint:
/// the warm-up runs, ends and leaves nothing alive, and nothing of it
/// reaches the log.
#[wasm_bindgen_test]
async fn an_idle_page_warms_the_runtime_up_and_leaves_nothing() {
    let (root, app) = mount();
    let mut most_tasks = 0;
    for _ in 0..150 {
        TimeoutFuture::new(10).await;
        most_tasks = most_tasks.max(live().tasks);
    }
    assert!(most_tasks > 0, "the warm-up ran");
    assert_eq!(live(), Live::default());
    assert!(all(&root, ".log-line").is_empty());
    app.destroy();
    root.remove();
}

/// Types `text` into `input` as a learner does: its value, then an input
/// event that bubbles to the page's listeners.
fn type_into(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    let init = InputEventInit::new();
    init.set_bubbles(true);
    let event = InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

/// The table editor as the on-demand wasm draws it, for the program text
/// the page keeps: each `Edited` event becomes the text drawn again, shown
/// beside it as the page's text view would.
#[function_component]
fn TableOfPage() -> Html {
    let source = use_state(|| {
        find(DEFAULT_PRESET)
            .unwrap()
            .source_in(Lang::En)
            .to_string()
    });
    let on_event = {
        let source = source.clone();
        Callback::from(move |event| {
            if let OnDemandEvent::Edited(text) = event {
                source.set(text);
            }
        })
    };
    let view = OnDemandView::Table {
        lang: Lang::En,
        source: (*source).clone(),
    };
    html! { <><pre class="text">{ (*source).clone() }</pre><OnDemandRoot {view} {on_event} /></> }
}

/// Mounts the table editor of the first preset.
fn mount_table() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<TableOfPage>::with_root(root.clone()).render();
    root
}

fn program_text(root: &Element) -> String {
    root.query_selector("pre.text")
        .unwrap()
        .expect("the text is shown")
        .text_content()
        .unwrap_or_default()
}

/// The table editor applies each edit in the on-demand wasm: a value typed into a
/// chip changes the program's text at once; a line that does not parse
/// stays in its chip, marked, and the text keeps the step it had.
#[wasm_bindgen_test]
async fn typing_into_a_chip_edits_the_text_or_keeps_the_line_marked() {
    let root = mount_table();
    settle().await;
    let before = program_text(&root);
    let value =
        |at: usize| -> HtmlInputElement { all(&root, ".chip input")[at].clone().unchecked_into() };
    assert_eq!(value(0).value(), "\"hello {i}\"");

    type_into(&value(0), "hello");
    settle().await;
    let marked = all(&root, ".chip.invalid");
    assert_eq!(
        marked.len(),
        1,
        "the chip with the line that does not parse is marked"
    );
    assert!(!marked[0]
        .get_attribute("title")
        .unwrap_or_default()
        .is_empty());
    assert_eq!(
        value(0).value(),
        "hello",
        "the typed line stays in its chip"
    );

    type_into(&value(1), "250");
    settle().await;
    assert_eq!(
        all(&root, ".chip.invalid").len(),
        1,
        "another chip's edit keeps the mark"
    );
    type_into(&value(0), "\"hi {i}\"");
    settle().await;
    assert!(all(&root, ".chip.invalid").is_empty());
    let after = program_text(&root);
    assert_eq!(
        after,
        before
            .replace("print \"hello {i}\"", "print \"hi {i}\"")
            .replace("sleep 3000", "sleep 250")
    );
}

/// The table's buttons move, remove and add steps and blocks.
#[wasm_bindgen_test]
async fn the_table_s_buttons_move_remove_and_add() {
    let root = mount_table();
    settle().await;
    let keywords = |root: &Element| -> Vec<String> {
        all(root, ".chip select")
            .into_iter()
            .map(|select| select.unchecked_into::<HtmlSelectElement>().value())
            .collect()
    };
    assert_eq!(keywords(&root), ["print", "sleep", "print"]);
    let moves = all(&root, ".chip button.move");
    assert!(moves[0].has_attribute("disabled") && moves[5].has_attribute("disabled"));
    click(&root, ".chip button.move:not([disabled])");
    settle().await;
    assert_eq!(keywords(&root), ["sleep", "print", "print"]);
    click(&root, ".chip button.remove");
    settle().await;
    click(&root, ".add-step");
    settle().await;
    assert_eq!(keywords(&root), ["print", "print", "sleep"]);
    click(&root, ".add-blocks button");
    settle().await;
    assert_eq!(all(&root, ".block-row").len(), 2);
    assert!(program_text(&root).ends_with("\n  sleep 100\n\ntask task1\n  print \"hi\"\n"));
}

/// Three lines to arrange, shown c, a, b, kept as the quiz keeps them.
#[function_component]
fn ThreeLines() -> Html {
    let order = use_state(|| vec![2, 0, 1]);
    let on_order = {
        let order = order.clone();
        Callback::from(move |next: Vec<usize>| order.set(next))
    };
    let items = vec!["a".to_string(), "b".to_string(), "c".to_string()];
    html! { <Arrange lang={Lang::En} {items} order={(*order).clone()} {on_order} /> }
}

fn lines(root: &Element) -> Vec<String> {
    all(root, "li")
        .iter()
        .map(|line| line.get_attribute("data-item").unwrap_or_default())
        .collect()
}

/// A quiz's lines move by their buttons: the focus stays on the button
/// pressed, a screen reader hears where the line went, and a line at an end
/// does not move past it.
#[wasm_bindgen_test]
async fn a_line_moves_by_its_buttons_keeping_the_focus_and_saying_where() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<ThreeLines>::with_root(root.clone()).render();
    settle().await;
    assert_eq!(lines(&root), ["c", "a", "b"]);

    click(&root, "li:nth-child(2) button[data-move=up]");
    settle().await;
    assert_eq!(lines(&root), ["a", "c", "b"]);
    let focused = document.active_element().expect("a button has the focus");
    assert_eq!(focused.get_attribute("data-move").as_deref(), Some("up"));
    assert_eq!(
        focused
            .closest("li")
            .unwrap()
            .unwrap()
            .get_attribute("data-item")
            .as_deref(),
        Some("a")
    );
    let said = root
        .query_selector("[aria-live]")
        .unwrap()
        .unwrap()
        .text_content();
    assert_eq!(said.as_deref(), Some("a moved to place 1"));

    click(&root, "li:nth-child(1) button[data-move=up]");
    click(&root, "li:nth-child(3) button[data-move=down]");
    settle().await;
    assert_eq!(
        lines(&root),
        ["a", "c", "b"],
        "the ends do not move past the list"
    );
    click(&root, "li:nth-child(2) button[data-move=down]");
    settle().await;
    assert_eq!(lines(&root), ["a", "b", "c"]);
    root.remove();
}
