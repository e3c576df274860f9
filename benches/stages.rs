//! The pipeline stage by stage — parse, resolve, analyses, rules (fact
//! model and evaluation), reports — on a real file (Isère) and on a large
//! one (the Nord: every EPCI and every commune as members, one comité per
//! EPCI); and the two scales the performance issue names: the "did you
//! mean" search with 20 000 unknown names, and duplicate and overlap
//! detection on 10 000 bodies of 50 members. Whole-process figures are
//! `benches/national.sh`'s.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

mod support;
use support::synthetic;

use copil::analysis::analyse;
use copil::check::{FileReport, check_source};
use copil::reference::Reference;
use copil::report::{self, HumanOptions};
use copil::rules::view::Facts;
use copil::rules::{Rules, engine, facts};

/// The Nord (59): 650 communes, 17 EPCI.
fn nord() -> String {
    let reference = Reference::get();
    let mut src = String::from(
        "territoire 59\nmembre prefecture prefecture\nmembre cd59 departement 59\npilotage {\n    prefet prefecture\n    pilote cd59\n    coordination cd59\n}\n",
    );
    let mut comites = String::new();
    for (i, epci) in reference.epcis_of_departement("59").iter().enumerate() {
        writeln!(src, "membre e{i} epci {}", epci.siren).unwrap();
        let mut membres = vec![format!("e{i}")];
        for insee in &epci.communes {
            writeln!(src, "membre c{insee} commune {insee}").unwrap();
            membres.push(format!("c{insee}"));
        }
        writeln!(
            comites,
            "comite t{i} consultatif \"Comité territorial {}\" {{\n    rend_compte copil\n    perimetre e{i}\n    membres {}\n    frequence semestrielle\n}}",
            epci.nom,
            membres.join(", ")
        )
        .unwrap();
    }
    src.push_str("comite copil strategique \"Comité de pilotage\" {\n    presidence prefecture, cd59\n    membres cd59\n    frequence semestrielle\n}\n");
    src + &comites
}

/// 20 000 references to names never declared, each a distinct typo.
fn unknown_names(n: usize) -> String {
    let mut src = String::from(
        "territoire 38\nmembre prefecture prefecture\nmembre cd38 departement 38\npilotage { prefet prefecture }\n",
    );
    for m in 0..200 {
        writeln!(src, "membre association{m} association \"Association {m}\"").unwrap();
    }
    let names: Vec<String> = (0..n).map(|k| format!("asociation{k}")).collect();
    writeln!(
        src,
        "comite copil strategique \"Comité\" {{\n    membres {}\n    frequence annuelle\n}}",
        names.join(", ")
    )
    .unwrap();
    src
}

fn stages(c: &mut Criterion) {
    let rules = Rules::embedded().expect("the shipped rules load");
    let ids = rules.ids();
    let isere =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/isere.copil"))
            .expect("example");
    for (name, src) in [("isere", isere), ("nord", nord())] {
        let parsed = copil::syntax::parse(&src);
        let (g, _) = copil::model::resolve(&parsed.file, &ids);
        let g = g.expect("compiles");
        let analyses = analyse(&g, 0.75);
        let active = rules.active(g.territoire.zone);
        let reports: Vec<FileReport> = vec![check_source(name.into(), src.clone(), &rules)];
        let mut group = c.benchmark_group(format!("étapes {name}"));
        group.bench_function("1 parse", |b| {
            b.iter(|| copil::syntax::parse(black_box(&src)))
        });
        group.bench_function("2 resolve", |b| {
            b.iter(|| copil::model::resolve(black_box(&parsed.file), &ids))
        });
        group.bench_function("3 analyses", |b| b.iter(|| analyse(black_box(&g), 0.75)));
        group.bench_function("4a facts (JSON of copil export)", |b| {
            b.iter(|| facts::facts(black_box(&g), &analyses))
        });
        group.bench_function("4b rules (over the typed view)", |b| {
            b.iter(|| {
                let view = Facts::new(black_box(&g), &analyses);
                engine::evaluate(&active, &g, &view)
            })
        });
        group.bench_function("5 report json", |b| {
            b.iter(|| report::json(black_box(&reports)))
        });
        group.bench_function("5 report human", |b| {
            b.iter(|| report::human(black_box(&reports), HumanOptions::default()))
        });
        group.bench_function("5 report sarif", |b| {
            b.iter(|| report::sarif(black_box(&reports)))
        });
        group.finish();
    }
}

fn scales(c: &mut Criterion) {
    let rules = Rules::embedded().expect("the shipped rules load");
    let ids = rules.ids();
    let mut group = c.benchmark_group("échelles");
    group.sample_size(10);
    let unknown = unknown_names(20_000);
    let parsed = copil::syntax::parse(&unknown);
    group.bench_function("resolve 20 000 unknown names", |b| {
        b.iter(|| copil::model::resolve(black_box(&parsed.file), &ids))
    });
    let many = synthetic(10_000, 5_000, 50);
    let parsed = copil::syntax::parse(&many);
    let g = copil::model::resolve(&parsed.file, &ids)
        .0
        .expect("compiles");
    group.bench_function("analyses 10 000 bodies of 50 members", |b| {
        b.iter(|| analyse(black_box(&g), 0.75))
    });
    group.finish();
}

criterion_group!(benches, stages, scales);
criterion_main!(benches);
