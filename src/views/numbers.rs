//! How the page writes numbers and durations: with a tenth at most, and
//! without float formatting, which the page's first load does without.

use crate::model::i18n::{Key, Lang};

/// `value` with one digit after the point (written without float
/// formatting, which the page's first load does without).
pub fn tenths(value: f64) -> String {
    let tenths = (value * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    format!("{sign}{}.{}", tenths.abs() / 10, tenths.abs() % 10)
}

/// `ms` as an axis or a total says it: whole ms below a second, seconds
/// with a tenth from one on.
pub fn duration(ms: f64, lang: Lang) -> String {
    if ms >= 1000.0 {
        format!("{} s", tenths(ms / 1000.0))
    } else {
        format!("{} {}", ms.round() as i64, Key::Ms.text(lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_without_float_formatting() {
        assert_eq!(
            (tenths(12.34), tenths(-0.25), tenths(3.0)),
            ("12.3".into(), "-0.3".into(), "3.0".into())
        );
        assert_eq!(
            (duration(250.4, Lang::En), duration(12_000.0, Lang::En)),
            ("250 ms".into(), "12.0 s".into())
        );
    }
}
