//! Cost of the embedded reference data: cold parse of each table (a fresh
//! `Reference` each iteration) and lookups in loaded tables.
//!
//! Run: `cargo bench --bench reference` (add `-- --quick` for a fast pass).

use std::hint::black_box;

use copil::reference::Reference;
use criterion::{Criterion, criterion_group, criterion_main};

/// Times `touch` on a fresh, unloaded `Reference`; the instance is dropped
/// outside the measurement (a real process never drops the shared one).
fn cold(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    touch: impl Fn(&Reference),
) {
    group.bench_function(name, |b| {
        b.iter_with_large_drop(|| {
            let reference = Reference::unloaded();
            touch(&reference);
            reference
        })
    });
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("chargement");
    cold(&mut group, "regions", |r| {
        black_box(r.region(black_box("84")));
    });
    cold(&mut group, "departements", |r| {
        black_box(r.departement(black_box("38")));
    });
    cold(&mut group, "hubs", |r| {
        black_box(r.hubs_of_region(black_box("84")));
    });
    // The EPCI index, then the one EPCI asked for.
    cold(&mut group, "epci (index + 1)", |r| {
        black_box(r.epci(black_box("200040715")));
    });
    cold(&mut group, "epci d'un département", |r| {
        black_box(r.epcis_of_departement(black_box("38")));
    });
    cold(&mut group, "epci (tous)", |r| {
        black_box(r.epcis().count());
    });
    // Isère's communes, with the EPCI index and Isère's EPCI they need.
    cold(&mut group, "communes d'un département", |r| {
        black_box(r.commune(black_box("38185")));
    });
    cold(&mut group, "communes (toutes)", |r| {
        black_box(r.communes().count());
    });
    // What a one-file check of Isère touches.
    cold(&mut group, "vérification typique", |r| {
        let isere = r.departement("38").expect("38");
        black_box(r.region(isere.region));
        black_box(r.hubs_of_region(isere.region));
        black_box(r.normalize_region_code("84"));
        black_box(r.epcis_of_departement("38"));
        for siren in ["200040715", "243800604", "200068567", "200068542"] {
            black_box(r.epci(siren));
        }
        black_box(r.commune("38185"));
    });
    group.bench_function("tout", |b| b.iter_with_large_drop(Reference::load_all));
    group.finish();
}

fn lookups(c: &mut Criterion) {
    let reference = Reference::load_all();
    let mut group = c.benchmark_group("recherche");
    group.bench_function("departement", |b| {
        b.iter(|| black_box(reference.departement(black_box("2A"))))
    });
    group.bench_function("epci", |b| {
        b.iter(|| black_box(reference.epci(black_box("200040715"))))
    });
    group.bench_function("commune", |b| {
        b.iter(|| black_box(reference.commune(black_box("38185"))))
    });
    group.bench_function("commune inconnue", |b| {
        b.iter(|| black_box(reference.commune(black_box("38999"))))
    });
    group.bench_function("epcis_of_departement", |b| {
        b.iter(|| black_box(reference.epcis_of_departement(black_box("38")).len()))
    });
    group.bench_function("hubs_of_region", |b| {
        b.iter(|| black_box(reference.hubs_of_region(black_box("01")).len()))
    });
    group.bench_function("normalize_region_code", |b| {
        b.iter(|| black_box(reference.normalize_region_code(black_box("971"))))
    });
    group.finish();
}

criterion_group!(benches, load, lookups);
criterion_main!(benches);
