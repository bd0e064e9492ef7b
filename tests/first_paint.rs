//! index.html's first paint, shown until the app has drawn itself, is the
//! default demo as the app opens it: the page's name, the demo's title and
//! program, and Run, in English and in Chinese.
#![cfg(not(target_arch = "wasm32"))]

use coroutine_playground::model::i18n::{Key, Lang};
use coroutine_playground::model::presets::{find, DEFAULT_PRESET};

/// The texts of index.html's elements marked `lang="{lang}"` within the
/// first paint, in order.
fn texts_in(lang: &str) -> Vec<String> {
    let html = include_str!("../index.html");
    let start = html
        .find("id=\"first-paint\"")
        .expect("index.html has a first paint");
    let first_paint = &html[start
        ..html[start..]
            .find("<noscript>")
            .map_or(html.len(), |end| start + end)];
    let mark = format!("lang=\"{lang}\"");
    first_paint
        .match_indices(&mark)
        .map(|(at, _)| {
            let text = &first_paint[at..];
            let open = text.find('>').expect("the element's tag ends") + 1;
            let close = text[open..].find("</").expect("the element closes");
            text[open..open + close].to_string()
        })
        .collect()
}

#[test]
fn the_first_paint_is_the_default_demo_in_both_languages() {
    let preset = find(DEFAULT_PRESET).expect("the default preset exists");
    for (lang, tag) in [(Lang::En, "en"), (Lang::Zh, "zh-CN")] {
        let texts = texts_in(tag);
        let pick = |localized: &'static str, other: &'static str| lang.pick(localized, other);
        assert_eq!(
            texts[..texts.len().min(4)],
            [
                Key::AppTitle.text(lang),
                pick(preset.title.en, preset.title.zh),
                pick(preset.source.en, preset.source.zh),
                Key::Run.text(lang),
            ],
            "{tag}: update index.html's first paint to the default demo"
        );
        assert_eq!(texts.len(), 5, "{tag}: and a word that it is loading");
        assert!(texts[4].ends_with('…'), "{tag}: it says it is loading");
    }
}
