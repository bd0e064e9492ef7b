//! Share links: a program's text, deflated and in URL-safe base64, behind
//! a version (`v1.`), so that old links keep opening. The browser deflates,
//! inflates and writes and reads base64 (`runtime::deflate_raw`,
//! `runtime::inflate_raw`, `runtime::to_base64`, `runtime::from_base64`);
//! this file frames the base64 and checks what comes back.

use std::fmt;

/// The longest link the page accepts, in characters.
pub const MAX_LINK_CHARS: usize = 8_000;

/// Why a `#code/` payload does not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// The link is longer than [`MAX_LINK_CHARS`].
    TooLong(usize),
    /// It names a version this page does not know.
    UnknownVersion(String),
    /// It is not a payload this page wrote (cut short, or edited by hand).
    Garbage,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::TooLong(length) => write!(
                f,
                "the link is {length} characters; the limit is {MAX_LINK_CHARS}"
            ),
            LinkError::UnknownVersion(version) => write!(
                f,
                "the link is of version {version:?}, which this page does not know"
            ),
            LinkError::Garbage => write!(f, "the link is damaged: it does not decode to a program"),
        }
    }
}

/// The `#code/` payload of a program's text, given the text (UTF-8) as raw
/// deflate in standard base64; the page gets that from the browser
/// (`runtime::deflate_raw`, `runtime::to_base64`). The payload is the
/// URL-safe alphabet without padding.
pub fn pack(deflated_base64: &str) -> String {
    let url_safe: String = deflated_base64
        .chars()
        .filter(|&c| c != '=')
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    format!("v1.{url_safe}")
}

/// Payloads made by earlier versions of the page, and their programs: every
/// later page must open them (tested here and, with the browser's inflater,
/// in `tests/runtime.rs`).
pub const PINNED_V1_LINKS: [(&str, &str); 2] = [
    (
        "v1.RcpBCkARFAXQ-V_FzQpefRtSXpEXQlGyd8rA9HSaqQGORRKG_oBcfGxQV6Zf6lgV5oyfiF7oqYi9YQM",
        "task hello x4\n  print \"hello {i}\"\n  sleep 3000\n  print \"world {i}\"\n",
    ),
    (
        "v1.ASwA0_90YXNrIG51bQogIHByaW50ICLlvZPliY3nmoTmlbDlrZfmmK_vvJp7aX0iCg",
        "task num\n  print \"当前的数字是：{i}\"\n",
    ),
];

/// The deflated program text a `#code/` payload carries, in standard padded
/// base64 for the browser to decode (`runtime::from_base64`).
pub fn unpack(payload: &str) -> Result<String, LinkError> {
    if payload.len() > MAX_LINK_CHARS {
        return Err(LinkError::TooLong(payload.len()));
    }
    let Some((version, body)) = payload.split_once('.') else {
        return Err(LinkError::Garbage);
    };
    if version != "v1" {
        return Err(LinkError::UnknownVersion(
            version.chars().take(20).collect(),
        ));
    }
    let url_safe = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if body.len() % 4 == 1 || !body.chars().all(url_safe) {
        return Err(LinkError::Garbage);
    }
    let mut standard: String = body
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while !standard.len().is_multiple_of(4) {
        standard.push('=');
    }
    Ok(standard)
}

/// The program text in what an unpacked payload inflated to: `None` when it
/// did not inflate within [`MAX_PROGRAM_BYTES`](super::limits::MAX_PROGRAM_BYTES).
pub fn program_text(inflated: Option<Vec<u8>>) -> Result<String, LinkError> {
    inflated
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or(LinkError::Garbage)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::limits::MAX_PROGRAM_BYTES;
    use crate::model::presets::catalog;

    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;

    /// The payload of `text`, deflated and written in base64 here instead
    /// of by the browser.
    pub(crate) fn encode(text: &str) -> String {
        pack(&STANDARD.encode(miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9)))
    }

    /// A payload opened here as the page opens it, inflating here instead of
    /// in the browser.
    pub(crate) fn decode(payload: &str) -> Result<String, LinkError> {
        let deflated = STANDARD
            .decode(unpack(payload)?)
            .map_err(|_| LinkError::Garbage)?;
        program_text(
            miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_PROGRAM_BYTES).ok(),
        )
    }

    #[test]
    fn every_preset_round_trips() {
        for preset in catalog() {
            for source in [preset.source.en, preset.source.zh] {
                assert_eq!(decode(&encode(source)).as_deref(), Ok(source));
            }
        }
    }

    #[test]
    fn links_made_by_v1_keep_opening() {
        for (payload, text) in PINNED_V1_LINKS {
            assert_eq!(
                decode(payload).as_deref(),
                Ok(text),
                "encode gives {}",
                encode(text)
            );
        }
    }

    #[test]
    fn unknown_versions_garbage_and_long_links_are_errors() {
        assert_eq!(
            unpack("v2.abc"),
            Err(LinkError::UnknownVersion("v2".into()))
        );
        assert_eq!(unpack("nonsense"), Err(LinkError::Garbage));
        assert_eq!(unpack("v1.!!!"), Err(LinkError::Garbage));
        assert_eq!(unpack("v1.AAAAA"), Err(LinkError::Garbage), "cut short");
        assert_eq!(unpack("v1.a-_").as_deref(), Ok("a+/="));
        assert_eq!(decode("v1.AAAA"), Err(LinkError::Garbage));
        let long = format!("v1.{}", "A".repeat(MAX_LINK_CHARS));
        assert_eq!(unpack(&long), Err(LinkError::TooLong(long.len())));
        assert!(!LinkError::Garbage.to_string().is_empty());
    }

    #[test]
    fn what_did_not_inflate_or_is_not_utf8_is_garbage() {
        assert_eq!(program_text(None), Err(LinkError::Garbage));
        assert_eq!(
            program_text(Some(vec![0xff, 0xfe])),
            Err(LinkError::Garbage)
        );
        assert_eq!(program_text(Some(b"task a".to_vec())), Ok("task a".into()));
    }
}
