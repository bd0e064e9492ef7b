//! JSON documents the page writes (the trace export, the embed messages) as
//! plain data: the browser turns them into text with `JSON.stringify`, or
//! posts them as they are, so the page carries no JSON writer of its own.

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
            ("text", "a \"quoted\" 你好".into()),
            ("list", [Json::from(1u64), "x".into()].into_iter().collect()),
        ]);
        assert_eq!(
            to_serde(&document),
            serde_json::json!({"n": 1.5, "count": 3, "text": "a \"quoted\" 你好", "list": [1, "x"]})
        );
    }
}
