//! One-file check, stage by stage: parse, resolve (reference data already
//! loaded), and the whole `check` of every example. Compare with
//! `benches/reference.rs` (loading the reference data) to see that loading
//! does not dominate a one-file check.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

use copil::rules::NATIONAL_RULE_IDS;

fn read(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    std::fs::read_to_string(path).expect("example exists")
}

fn check(c: &mut Criterion) {
    let isere = read("isere.copil");
    let vendee = read("vendee.copil");
    // Load the reference data once, outside the measures.
    copil::check::compile(&isere, NATIONAL_RULE_IDS);

    c.bench_function("parse isere.copil", |b| {
        b.iter(|| copil::syntax::parse(black_box(&isere)))
    });
    c.bench_function("compile isere.copil", |b| {
        b.iter(|| copil::check::compile(black_box(&isere), NATIONAL_RULE_IDS))
    });
    c.bench_function("compile vendee.copil", |b| {
        b.iter(|| copil::check::compile(black_box(&vendee), NATIONAL_RULE_IDS))
    });
}

criterion_group!(benches, check);
criterion_main!(benches);
