//! JSON documents the page writes (the trace export, the embed messages) as
//! plain data, written as text here (one string for the browser to take,
//! however many values it holds) or posted as they are.

/// A JSON value; whole numbers are numbers too, exact up to 2^53.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<Json>),
    /// Fields in the order they are written.
    Object(Vec<(&'static str, Json)>),
}

impl Json {
    /// An object of `fields`.
    pub fn object<const N: usize>(fields: [(&'static str, Json); N]) -> Json {
        Json::Object(fields.into())
    }

    /// The document as JSON text. A number is written to its third digit
    /// after the point: the documents' numbers are counts, time scales and
    /// times in ms read from `performance.now()`, which is coarser than a
    /// microsecond; one that is not finite is `null`, as `JSON.stringify`
    /// writes it.
    pub fn text(&self) -> String {
        let mut text = String::new();
        self.write(&mut text);
        text
    }

    fn write(&self, text: &mut String) {
        match self {
            Json::Bool(b) => text.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => write_number(*n, text),
            Json::Text(value) => write_text(value, text),
            Json::List(items) => {
                text.push('[');
                for (at, item) in items.iter().enumerate() {
                    if at > 0 {
                        text.push(',');
                    }
                    item.write(text);
                }
                text.push(']');
            }
            Json::Object(fields) => {
                text.push('{');
                for (at, (key, value)) in fields.iter().enumerate() {
                    if at > 0 {
                        text.push(',');
                    }
                    write_text(key, text);
                    text.push(':');
                    value.write(text);
                }
                text.push('}');
            }
        }
    }
}

/// `n` to its third digit after the point, without trailing zeros (and
/// without floating-point formatting, which the page does without).
fn write_number(n: f64, text: &mut String) {
    if !n.is_finite() {
        text.push_str("null");
        return;
    }
    let thousandths = (n * 1000.0).round() as i64;
    if thousandths < 0 {
        text.push('-');
    }
    let thousandths = thousandths.unsigned_abs();
    text.push_str(&(thousandths / 1000).to_string());
    if !thousandths.is_multiple_of(1000) {
        text.push('.');
        for place in [100, 10, 1] {
            text.push(digit(thousandths / place % 10));
        }
        text.truncate(text.trim_end_matches('0').len());
    }
}

/// The hexadecimal digit of `value` (below 16).
fn digit(value: u64) -> char {
    char::from(b"0123456789abcdef"[value as usize])
}

/// `value` as a JSON string, quoted and escaped.
fn write_text(value: &str, text: &mut String) {
    text.push('"');
    for c in value.chars() {
        match c {
            '"' | '\\' => {
                text.push('\\');
                text.push(c);
            }
            c if c < ' ' => {
                text.push_str("\\u00");
                text.push(digit(c as u64 >> 4));
                text.push(digit(c as u64 & 15));
            }
            c => text.push(c),
        }
    }
    text.push('"');
}

impl From<bool> for Json {
    fn from(value: bool) -> Json {
        Json::Bool(value)
    }
}

impl From<f64> for Json {
    fn from(value: f64) -> Json {
        Json::Number(value)
    }
}

impl From<u64> for Json {
    fn from(value: u64) -> Json {
        Json::Number(value as f64)
    }
}

impl From<&str> for Json {
    fn from(value: &str) -> Json {
        Json::Text(value.to_string())
    }
}

impl From<String> for Json {
    fn from(value: String) -> Json {
        Json::Text(value)
    }
}

impl FromIterator<Json> for Json {
    fn from_iter<I: IntoIterator<Item = Json>>(items: I) -> Json {
        Json::List(items.into_iter().collect())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// `json` as serde_json reads it from the text `JSON.stringify` makes
    /// (whole numbers without a fraction), to check what the page writes
    /// with a real JSON library.
    pub(crate) fn to_serde(json: &Json) -> serde_json::Value {
        let value = match json {
            Json::Number(n) if n.fract() == 0.0 && n.abs() < 2f64.powi(53) => {
                serde_json::json!(*n as i64)
            }
            Json::Number(n) => serde_json::json!(n),
            Json::Bool(b) => serde_json::json!(b),
            Json::Text(text) => serde_json::json!(text),
            Json::List(items) => items.iter().map(to_serde).collect(),
            Json::Object(fields) => fields
                .iter()
                .map(|(key, value)| (key.to_string(), to_serde(value)))
                .collect(),
        };
        serde_json::from_str(&value.to_string()).expect("valid JSON")
    }

    #[test]
    fn documents_are_the_json_they_stand_for() {
        let document = Json::object([
            ("n", 1.5.into()),
            ("count", 3u64.into()),
            ("time", (-0.0004).into()),
            ("text", "a \"quoted\" \\ 你好\n\t\u{1}".into()),
            (
                "list",
                [Json::from(1u64), "x".into(), f64::NAN.into(), true.into()]
                    .into_iter()
                    .collect(),
            ),
        ]);
        let text = document.text();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).expect("valid JSON"),
            serde_json::json!({"n": 1.5, "count": 3, "time": 0, "text": "a \"quoted\" \\ 你好\n\t\u{1}", "list": [1, "x", null, true]})
        );
        assert_eq!(to_serde(&document)["count"], serde_json::json!(3));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_text_and_number_reads_back(value in ".*", n in -1e9f64..1e9) {
            let text = Json::List(vec![value.clone().into(), n.into()]).text();
            let read: (String, f64) = serde_json::from_str(&text).expect("valid JSON");
            proptest::prop_assert_eq!(read.0, value);
            proptest::prop_assert!((read.1 - n).abs() <= 0.000_5 + 1e-9 * n.abs(), "{} for {}", read.1, n);
        }
    }
}
