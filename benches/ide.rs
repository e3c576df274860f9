//! The editor services on an Isère-sized file: what an edit costs before
//! its diagnostics are published (the analysis: parse, check, index), and
//! what completion, hover and the quick fixes cost on an analysis. The
//! targets of issue 15: diagnostics within 20 ms of a change, completion
//! within 10 ms. And a 50 000-line file, which must stay responsive.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

use copil::ide::{self, Analysis};
use copil::rules::Rules;
use copil::span::Span;

fn ide(c: &mut Criterion) {
    let isere =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/isere.copil"))
            .expect("the Isère example");
    let rules = Rules::embedded().expect("the shipped rules load");
    // Load the reference data once, outside the measures.
    let analysis = Analysis::new(&isere, &rules);
    let members = isere.find("membres    metro").expect("a list of members") + 11;
    let epci_text = format!("{isere}\nmembre x epci gren");
    let epci = Analysis::new(&epci_text, &rules);
    let commune_text = format!("{isere}\nmembre y commune vo");
    let communes = Analysis::new(&commune_text, &rules);
    ide::completion(&communes, commune_text.len());

    c.bench_function(
        "ide: analysis of isere.copil (diagnostics after a change)",
        |b| b.iter(|| Analysis::new(black_box(&isere), &rules)),
    );
    c.bench_function(
        "ide: syntax only of isere.copil (completion after a change)",
        |b| b.iter(|| Analysis::syntax_only(black_box(&isere), &rules)),
    );
    c.bench_function("ide: completion of members in isere.copil", |b| {
        b.iter(|| ide::completion(&analysis, black_box(members)))
    });
    c.bench_function("ide: completion of an EPCI by name", |b| {
        b.iter(|| ide::completion(&epci, black_box(epci_text.len())))
    });
    c.bench_function("ide: completion of a commune by name", |b| {
        b.iter(|| ide::completion(&communes, black_box(commune_text.len())))
    });
    c.bench_function("ide: hover on a member", |b| {
        b.iter(|| ide::hover(&analysis, black_box(members + 1)))
    });
    c.bench_function("ide: quick fixes over the whole file", |b| {
        b.iter(|| ide::code_actions(&analysis, black_box(Span::new(0, isere.len()))))
    });

    let mut big = String::from(
        "territoire 38\nmembre prefecture prefecture\npilotage { prefet prefecture }\n",
    );
    for i in 0..25_000 {
        big.push_str(&format!("membre m{i} association \"Association {i}\"\n"));
    }
    big.push_str("comite c technique \"C\" {\n  membres m0");
    for i in 1..24_990 {
        big.push_str(&format!(",\n    m{i}"));
    }
    big.push_str("\n}\n");
    let big_analysis = Analysis::new(&big, &rules);
    let mut group = c.benchmark_group("ide: 50 000 lines");
    group.sample_size(10);
    group.bench_function("analysis", |b| {
        b.iter(|| Analysis::new(black_box(&big), &rules))
    });
    group.bench_function("syntax only", |b| {
        b.iter(|| Analysis::syntax_only(black_box(&big), &rules))
    });
    group.bench_function("completion at the end", |b| {
        b.iter(|| ide::completion(&big_analysis, black_box(big.len() - 3)))
    });
    group.finish();
}

criterion_group!(benches, ide);
criterion_main!(benches);
