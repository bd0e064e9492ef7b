//! Property tests of what a link carries: any query and fragment is read
//! without a panic into a program or a problem, and what the page writes
//! (`#src/`, `#py/`, `#code/` payloads) reads back as it was.
#![cfg(not(target_arch = "wasm32"))]

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::{alphabet, Engine};
use coroutine_playground::model::route::{code_hash, py_hash, read, src_hash, LinkProblem, Opened};
use coroutine_playground::model::share::{pack, program_text, unpack, LinkError, MAX_LINK_CHARS};
use proptest::prelude::*;

/// Standard base64 read as the browser's `atob` reads it, which ignores
/// the unused bits of the last character.
const AS_THE_BROWSER_READS: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_allow_trailing_bits(true),
);

/// Fragments near the forms the page reads, and anything at all.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        any::<String>().prop_map(|s| format!("#code/{s}")),
        "[A-Za-z0-9_.-]{0,200}".prop_map(|s| format!("#code/v1.{s}")),
        "(%[0-9A-Fa-f]{0,2}|[ -~]|[\u{80}-\u{10FFFF}]){0,80}".prop_map(|s| format!("#src/{s}")),
        "(%[0-9A-Fa-f]{0,2}|[ -~]|[\u{80}-\u{10FFFF}]){0,80}".prop_map(|s| format!("#py/{s}")),
        "[a-z-]{0,20}".prop_map(|s| format!("#example/{s}")),
        (
            "[A-Za-z0-9_-]{7990,8100}",
            prop_oneof![Just("#code/v1."), Just("#src/"), Just("#")]
        )
            .prop_map(|(s, form)| format!("{form}{s}")),
    ]
}

/// Queries with the keys the page reads and others, any values.
fn query() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("lang".to_string()),
        Just("autorun".to_string()),
        Just("view".to_string()),
        Just("embed".to_string()),
        "[a-z%]{0,8}",
    ];
    proptest::collection::vec((key, any::<String>()), 0..6).prop_map(|pairs| {
        let joined: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("?{}", joined.join("&"))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_link_reads_into_a_program_or_a_problem(search in query(), hash in fragment()) {
        let link = read(&search, &hash);
        if let Err(LinkProblem::UnknownPreset(id)) = &link.opened {
            prop_assert!(id.chars().count() <= 40, "a problem quotes at most 40 characters");
        }
        if hash.len() > MAX_LINK_CHARS + 1 {
            prop_assert_eq!(
                link.opened,
                Err(LinkProblem::Code(LinkError::TooLong(hash.len() - 1))),
                "an over-long link opens nothing and says how long it is"
            );
        }
    }

    #[test]
    fn src_links_carry_any_text(source in any::<String>()) {
        let hash = src_hash(&source);
        prop_assume!(hash.len() <= MAX_LINK_CHARS);
        prop_assert_eq!(read("", &hash).opened, Ok(Opened::Text(source)));
    }

    #[test]
    fn py_links_carry_any_text(python in any::<String>()) {
        let hash = py_hash(&python);
        prop_assume!(hash.len() <= MAX_LINK_CHARS);
        prop_assert_eq!(read("", &hash).opened, Ok(Opened::Python(python)));
    }

    #[test]
    fn code_payloads_carry_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2_000)) {
        let base64 = STANDARD.encode(&bytes);
        prop_assert_eq!(unpack(pack(&base64).as_str()), Ok(base64.clone()));
        prop_assert_eq!(read("", &code_hash(&base64)).opened, Ok(Opened::Deflated(base64)));
    }

    #[test]
    fn any_payload_unpacks_or_says_why(payload in prop_oneof![any::<String>(), "[A-Za-z0-9_-]{0,200}".prop_map(|s| format!("v1.{s}"))]) {
        match unpack(&payload) {
            Ok(base64) => {
                prop_assert!(payload.starts_with("v1."));
                prop_assert!(AS_THE_BROWSER_READS.decode(base64).is_ok(), "what unpacks is base64 the browser reads");
            }
            Err(LinkError::TooLong(length)) => prop_assert!(length > MAX_LINK_CHARS),
            Err(LinkError::UnknownVersion(version)) => prop_assert!(version.chars().count() <= 20),
            Err(LinkError::Garbage) => {}
        }
    }

    #[test]
    fn inflated_bytes_become_text_or_a_damaged_link(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let expected = String::from_utf8(bytes.clone()).map_err(|_| LinkError::Garbage);
        prop_assert_eq!(program_text(Some(bytes)), expected);
    }
}
