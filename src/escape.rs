//! Escaping user text for every format copil writes, in one place: a
//! libellé like `CAF <script>alert(1)</script> & "x" ]] --> | {y}` must stay
//! text in XML (SVG, JUnit, HTML), DOT, Mermaid, Markdown, CSV and GitHub
//! workflow commands. JSON and SARIF are written by serde_json.

/// Text for XML content and attribute values (SVG, JUnit, HTML). Line ends
/// and tabs become character references; control characters that XML 1.0
/// forbids become U+FFFD.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Text inside a DOT double-quoted string: `"` and `\` escaped (so that no
/// `\N`, `\G`… escape of Graphviz applies), line ends as `\n`.
pub fn dot(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if (c as u32) < 0x20 => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text inside a Mermaid double-quoted label: every character that Mermaid
/// or its HTML labels could read as syntax becomes an entity code
/// (`#quot;`, `#lt;`…), line ends become spaces.
pub fn mermaid(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            '|' => out.push_str("#124;"),
            '[' => out.push_str("#91;"),
            ']' => out.push_str("#93;"),
            '{' => out.push_str("#123;"),
            '}' => out.push_str("#125;"),
            ';' => out.push_str("#59;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if (c as u32) < 0x20 => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text in Markdown, in a table cell or a paragraph: characters that would
/// start HTML, links, emphasis, code or break a cell are backslash-escaped;
/// line ends become spaces.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line
/// end; a leading `=`, `+`, `-` or `@` is prefixed with `'` so that a
/// spreadsheet does not run it as a formula.
pub fn csv(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The message of a GitHub Actions workflow command (`::error …::MESSAGE`):
/// `%`, CR and LF percent-encoded, so that a libellé can neither end the
/// line nor start a second command.
pub fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value of a GitHub Actions workflow command (`file=`,
/// `title=`): as a message, and `:` and `,` too, which end a property.
pub fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "CAF <script>alert(1)</script> & \"x\" ]] --> | {y}";

    #[test]
    fn the_hostile_libelle_stays_text() {
        assert_eq!(
            xml(HOSTILE),
            "CAF &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; ]] --&gt; | {y}"
        );
        assert_eq!(
            dot(HOSTILE),
            "CAF <script>alert(1)</script> & \\\"x\\\" ]] --> | {y}"
        );
        assert_eq!(
            mermaid(HOSTILE),
            "CAF #lt;script#gt;alert(1)#lt;/script#gt; #amp; #quot;x#quot; #93;#93; --#gt; #124; #123;y#125;"
        );
        assert_eq!(
            markdown(HOSTILE),
            "CAF \\<script\\>alert(1)\\</script\\> \\& \"x\" \\]\\] --\\> \\| {y}"
        );
        assert_eq!(
            csv(HOSTILE),
            "\"CAF <script>alert(1)</script> & \"\"x\"\" ]] --> | {y}\""
        );
        assert_eq!(csv("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(csv("=1+1"), "'=1+1");
    }

    #[test]
    fn github_escaping_follows_the_workflow_command_rules() {
        assert_eq!(github_data("50 % : a,b\r\nc"), "50 %25 : a,b%0D%0Ac");
        assert_eq!(github_property("C:\\x,y%\n"), "C%3A\\x%2Cy%25%0A");
    }
}
