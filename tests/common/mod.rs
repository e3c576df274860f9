//! What the integration tests share: running the `copil` binary.

use std::process::{Command, Output};

/// Runs `copil` with `args` from the crate's folder, without colour.
pub fn copil(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copil"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}
