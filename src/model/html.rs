//! Text made safe for HTML: the Embed dialog's `<iframe>` snippet, which a
//! course author pastes into a page of their own.

/// `text` safe to put between tags and in quoted attributes.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_and_quotes_are_escaped_and_the_rest_kept() {
        assert_eq!(
            escape("<b a=\"1\" b='2'>&amp; 你好</b>"),
            "&lt;b a=&quot;1&quot; b=&#39;2&#39;&gt;&amp;amp; 你好&lt;/b&gt;"
        );
    }
}
