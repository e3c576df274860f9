//! The analyses of §5 on the examples, and on a synthetic governance far
//! larger than any département's (2 000 comités of 60 members drawn from
//! 400), to show that the indexes keep duplicate and overlap detection far
//! from quadratic.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

use copil::check::compile;
use copil::rules::Rules;

fn synthetic(comites: usize, members: usize, per_comite: usize) -> String {
    let mut src = String::from(
        "territoire 38\nmembre prefecture prefecture\nmembre cd38 departement 38\npilotage { prefet prefecture\n pilote cd38 }\n",
    );
    for m in 0..members {
        writeln!(src, "membre m{m} association \"Association {m}\"").unwrap();
    }
    for c in 0..comites {
        let list: Vec<String> = (0..per_comite)
            .map(|k| format!("m{}", (c * 7 + k * 13) % members))
            .collect();
        writeln!(
            src,
            "comite c{c} technique \"Comité {c}\" {{\n membres {}\n frequence annuelle\n}}",
            list.join(", ")
        )
        .unwrap();
    }
    src
}

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
    let src = synthetic(2_000, 400, 60);
    let g = compile(&src, &ids).gouvernance.expect("synthetic compiles");
    let mut group = c.benchmark_group("synthetic");
    group.sample_size(10);
    group.bench_function("analyse 2000 comités × 60 membres", |b| {
        b.iter(|| copil::analysis::analyse(black_box(&g), 0.75))
    });
    group.finish();
}

criterion_group!(benches, analyses);
criterion_main!(benches);
