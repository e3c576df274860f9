//! Rendering the examples: the org chart in each format and the roadmap
//! skeleton, from a checked file (check not included).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

use copil::check::check_file;
use copil::render::{self, ChartFormat};
use copil::rules::Rules;

fn renders(c: &mut Criterion) {
    let rules = Rules::embedded().expect("the shipped rules load");
    for name in ["isere", "vendee"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("examples/{name}.copil"));
        let report = check_file(&path, &rules);
        for (format, label) in [
            (ChartFormat::Svg, "svg"),
            (ChartFormat::Dot, "dot"),
            (ChartFormat::Mermaid, "mermaid"),
        ] {
            c.bench_function(&format!("organigramme {label} {name}"), |b| {
                b.iter(|| render::organigramme(black_box(&report), format))
            });
        }
        c.bench_function(&format!("feuille de route {name}"), |b| {
            b.iter(|| render::feuille_de_route(black_box(&report)))
        });
    }
}

criterion_group!(benches, renders);
criterion_main!(benches);
