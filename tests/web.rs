//! The web editor (web/) end to end: `web/build.sh` builds web/dist/ from
//! the sources (copil-web for wasm32, wasm-bindgen, npm ci, esbuild), then
//! `web/tests/e2e.mjs` drives Debian's Chromium through the page served by
//! `python3 -m http.server` and opened from its folder (screenshots in
//! web/test-output/), and checks the download budget.
//!
//! The wasm build uses its own target folder (target/web) so that it never
//! waits on the lock of the `cargo test` that runs it.

use std::path::Path;
use std::process::Command;

#[test]
#[ignore = "needs chromium, npm, python3, the wasm32 target and wasm-bindgen-cli (scripts/install-test-tools.sh)"]
fn the_web_editor_builds_and_passes_its_browser_tests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let build = Command::new("bash")
        .arg(root.join("web/build.sh"))
        .env("CARGO_TARGET_DIR", root.join("target/web"))
        .status()
        .expect("bash runs");
    assert!(build.success(), "web/build.sh failed");
    for file in ["index.html", "app.js", "style.css", "mermaid.tiny.js"] {
        assert!(
            root.join("web/dist").join(file).is_file(),
            "web/dist/{file} missing"
        );
    }
    let output = Command::new("node")
        .arg("tests/e2e.mjs")
        .current_dir(root.join("web"))
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    print!("{stdout}");
    eprint!("{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the browser tests failed");
    assert!(stdout.contains(" 0 failed"), "{stdout}");
}
