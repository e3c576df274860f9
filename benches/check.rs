//! One-file check, stage by stage: parse, resolve (reference data already
//! loaded), the whole `check` with the rules, and loading the rulesets. Compare with
//! `benches/reference.rs` (loading the reference data) to see that loading
//! does not dominate a one-file check.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

use copil::rules::Rules;

fn read(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    std::fs::read_to_string(path).expect("example exists")
}

fn check(c: &mut Criterion) {
    let isere = read("isere.copil");
    let vendee = read("vendee.copil");
    let rules = Rules::embedded().expect("the shipped rules load");
    let ids = rules.ids();
    // Load the reference data once, outside the measures.
    copil::check::compile(&isere, &ids);

    c.bench_function("parse isere.copil", |b| {
        b.iter(|| copil::syntax::parse(black_box(&isere)))
    });
    c.bench_function("compile isere.copil", |b| {
        b.iter(|| copil::check::compile(black_box(&isere), &ids))
    });
    c.bench_function("compile vendee.copil", |b| {
        b.iter(|| copil::check::compile(black_box(&vendee), &ids))
    });
    c.bench_function("check isere.copil (rules included)", |b| {
        b.iter(|| {
            copil::check::check_source("isere.copil".into(), black_box(isere.clone()), &rules)
        })
    });
    c.bench_function("check vendee.copil (rules included)", |b| {
        b.iter(|| {
            copil::check::check_source("vendee.copil".into(), black_box(vendee.clone()), &rules)
        })
    });
    c.bench_function("load the shipped rulesets", |b| {
        b.iter(|| Rules::embedded().expect("the shipped rules load"))
    });
}

criterion_group!(benches, check);
criterion_main!(benches);
