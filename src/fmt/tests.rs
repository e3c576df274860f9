//! Unit tests of the layout; the whole-file tests (fixtures, examples,
//! generated files) are in `tests/fmt.rs`.

use super::format;

fn fmt(src: &str) -> String {
    match format(src) {
        Ok(out) => out,
        Err(e) => panic!("syntax errors: {e:?}"),
    }
}

/// Formats, checks idempotence, returns the output.
fn check(src: &str) -> String {
    let out = fmt(src);
    assert_eq!(fmt(&out), out, "not idempotent on:\n{out}");
    out
}

#[test]
fn an_empty_file_stays_empty() {
    assert_eq!(check(""), "");
    assert_eq!(check("\n\n"), "");
}
