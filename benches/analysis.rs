//! The analyses of §5 on the examples, and on synthetic governances far
//! larger than any département's — 2 000 comités of 12 members drawn from
//! 2 000 (sparse: the member index skips most pairs) and 500 comités of 60
//! drawn from 400 (dense: nearly every pair shares a member) — to show
//! that the indexes keep duplicate detection far from quadratic.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

mod support;
use support::synthetic;

use copil::check::compile;
use copil::rules::Rules;

fn analyses(c: &mut Criterion) {
    let rules = Rules::embedded().expect("the shipped rules load");
    let ids = rules.ids();
    for name in ["isere", "vendee", "aisne"] {
        let path = format!("{}/examples/{name}.copil", env!("CARGO_MANIFEST_DIR"));
        let src = std::fs::read_to_string(path).expect("example");
        let g = compile(&src, &ids).gouvernance.expect("compiles");
        c.bench_function(&format!("analyse {name}.copil"), |b| {
            b.iter(|| copil::analysis::analyse(black_box(&g), 0.75))
        });
    }
    let mut group = c.benchmark_group("synthetic");
    group.sample_size(10);
    for (comites, members, per) in [(2_000, 2_000, 12), (500, 400, 60)] {
        let src = synthetic(comites, members, per);
        let g = compile(&src, &ids).gouvernance.expect("synthetic compiles");
        group.bench_function(
            format!("analyse {comites} comités × {per} membres parmi {members}"),
            |b| b.iter(|| copil::analysis::analyse(black_box(&g), 0.75)),
        );
    }
    group.finish();
}

criterion_group!(benches, analyses);
criterion_main!(benches);
