use std::collections::BTreeSet;

use super::checksum::{luhn, siren_valid, siret_valid};
use super::*;

fn r() -> &'static Reference {
    Reference::get()
}

// --- Lookups -------------------------------------------------------------

#[test]
fn isere_is_in_auvergne_rhone_alpes() {
    let isere = r().departement("38").expect("Isère");
    assert_eq!(isere.nom, "Isère");
    assert_eq!(isere.region, "84");
    assert_eq!(isere.zone, Zone::Metro);
    assert!(isere.population > 1_200_000, "{}", isere.population);
    let region = r().region("84").expect("région 84");
    assert_eq!(region.nom, "Auvergne-Rhône-Alpes");
    assert_eq!(region.zone, Zone::Metro);
}

#[test]
fn grenoble_alpes_metropole() {
    let metro = r().epci("200040715").expect("EPCI 200040715");
    assert_eq!(metro.nom, "Grenoble-Alpes-Métropole");
    assert_eq!(metro.kind, "METRO");
    assert_eq!(metro.kind_label(), "métropole");
    assert!(metro.communes.contains(&"38185"));
    assert_eq!(metro.communes.len(), 49);
    assert_eq!(metro.departements, ["38"]);
}

#[test]
fn grenoble_commune() {
    let grenoble = r().commune("38185").expect("commune 38185");
    assert_eq!(grenoble.nom, "Grenoble");
    assert_eq!(grenoble.departement, "38");
    assert_eq!(grenoble.epci, Some("200040715"));
    assert!(grenoble.population > 150_000, "{}", grenoble.population);
}

#[test]
fn corsica_and_overseas() {
    let corse_du_sud = r().departement("2A").expect("2A");
    assert_eq!(corse_du_sud.nom, "Corse-du-Sud");
    assert_eq!(corse_du_sud.region, "94");
    assert!(r().departement("2B").is_some());
    assert!(r().departement("20").is_none());

    let guadeloupe = r().departement("971").expect("971");
    assert_eq!(guadeloupe.zone, Zone::Drom);
    assert_eq!(guadeloupe.region, "01");
    assert_eq!(r().region("01").map(|r| r.zone), Some(Zone::Drom));

    let spm = r().departement("975").expect("975");
    assert_eq!(spm.zone, Zone::Com);
    assert_eq!(spm.region, "975");
    assert_eq!(r().region("975").map(|r| r.zone), Some(Zone::Com));

    assert!(r().commune("2A004").is_some(), "Ajaccio");
    assert!(r().departement("99").is_none());
    assert!(r().departement("").is_none());
}

#[test]
fn epci_of_isere() {
    // Counted independently from the package's epci.json and communes.json:
    // EPCI with at least one member commune whose département is 38.
    let epcis = r().epcis_of_departement("38");
    assert_eq!(epcis.len(), 18);
    let sirens: Vec<&str> = epcis.iter().map(|e| e.siren).collect();
    assert!(sirens.windows(2).all(|w| w[0] < w[1]), "sorted by SIREN");
    for siren in ["200040715", "243800604", "200068567", "200068542"] {
        assert!(sirens.contains(&siren), "{siren}");
    }
    // Vienne Condrieu Agglomération spans Isère and Rhône; Cœur de Chartreuse
    // spans Isère and Savoie: each is listed in both départements.
    let vienne = r().epci("200077014").expect("Vienne Condrieu");
    assert_eq!(vienne.departements, ["38", "69"]);
    assert!(sirens.contains(&"200077014"));
    assert!(
        r().epcis_of_departement("69")
            .iter()
            .any(|e| e.siren == "200077014")
    );
    assert!(
        r().epcis_of_departement("73")
            .iter()
            .any(|e| e.siren == "200040111")
    );
    assert!(r().epcis_of_departement("99").is_empty());
}

#[test]
fn hubs() {
    let hinaura: Vec<&str> = r()
        .hubs_of_region("84")
        .iter()
        .map(|h| h.nom.as_str())
        .collect();
    assert_eq!(hinaura, ["Hinaura"]);
    let guadeloupe: Vec<&str> = r()
        .hubs_of_region("01")
        .iter()
        .map(|h| h.nom.as_str())
        .collect();
    assert_eq!(guadeloupe, ["Hub UltraNumérique", "Mednum Antilles"]);
    assert_eq!(r().hubs().len(), 17);
    let guyane: Vec<&str> = r()
        .hubs_of_region("03")
        .iter()
        .map(|h| h.nom.as_str())
        .collect();
    assert_eq!(guyane, ["Guyaclic"]);
    assert_eq!(
        r().hub("Solidarnum").map(|h| h.regions.clone()),
        Some(vec!["04".to_owned()])
    );
    assert!(
        r().hubs_of_region("971").is_empty(),
        "département code, not région"
    );
    for hub in r().hubs() {
        for region in &hub.regions {
            assert!(r().region(region).is_some(), "{}: région {region}", hub.nom);
        }
    }
    // Every région except the COM has a Hub.
    for region in r().regions().filter(|r| r.zone != Zone::Com) {
        assert!(
            !r().hubs_of_region(&region.code).is_empty(),
            "{}",
            region.nom
        );
    }
}

#[test]
fn normalize_region_code() {
    let r = r();
    assert_eq!(r.normalize_region_code("971").as_deref(), Some("01"));
    assert_eq!(r.normalize_region_code("972").as_deref(), Some("02"));
    assert_eq!(r.normalize_region_code("973").as_deref(), Some("03"));
    assert_eq!(r.normalize_region_code("974").as_deref(), Some("04"));
    assert_eq!(r.normalize_region_code("976").as_deref(), Some("06"));
    assert_eq!(r.normalize_region_code("84").as_deref(), Some("84"));
    assert_eq!(r.normalize_region_code("01").as_deref(), Some("01"));
    assert_eq!(r.normalize_region_code("975").as_deref(), Some("975"));
    assert_eq!(r.normalize_region_code("99"), None);
    assert_eq!(r.normalize_region_code("38"), None, "Isère is not a région");
    assert_eq!(r.normalize_region_code("2A"), None);
    assert_eq!(r.normalize_region_code(""), None);
}

#[test]
fn departements_of_region() {
    let corse: Vec<&str> = r()
        .departements_of_region("94")
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(corse, ["2A", "2B"]);
    assert_eq!(r().departements_of_region("84").len(), 12);
}

#[test]
fn zone_serializes_in_lower_case() {
    assert_eq!(serde_json::to_string(&Zone::Metro).unwrap(), "\"metro\"");
    assert_eq!(serde_json::to_string(&Zone::Drom).unwrap(), "\"drom\"");
    assert_eq!(serde_json::to_string(&Zone::Com).unwrap(), "\"com\"");
    for zone in [Zone::Metro, Zone::Drom, Zone::Com] {
        assert_eq!(Zone::from_name(zone.as_str()), Some(zone));
        assert_eq!(zone.to_string(), zone.as_str());
    }
    assert_eq!(Zone::from_name("outre-mer"), None);
}

// --- Integrity of the embedded tables ---------------------------------------

#[test]
fn table_sizes() {
    assert_eq!(r().regions().count(), 26);
    assert_eq!(r().departements().count(), 109);
    // 1 255 EPCI à fiscalité propre and the 11 EPT of the Grand Paris.
    assert_eq!(r().epcis().count(), 1266);
    assert_eq!(r().epcis().filter(|e| e.kind == "EPT").count(), 11);
    assert_eq!(r().communes().count(), 34_969);
}

#[test]
fn tables_are_sorted() {
    let regions: Vec<&str> = r().regions().map(|r| r.code.as_str()).collect();
    assert!(regions.windows(2).all(|w| w[0] < w[1]));
    let departements: Vec<&str> = r().departements().map(|d| d.code).collect();
    assert!(departements.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(departements.first(), Some(&"01"));
    assert_eq!(departements.last(), Some(&"989"));
}

#[test]
fn every_epci_siren_passes_the_checksum() {
    for epci in r().epcis() {
        assert!(siren_valid(epci.siren), "{} {}", epci.siren, epci.nom);
    }
}

#[test]
fn references_between_tables_hold() {
    let r = r();
    for d in r.departements() {
        let region = r
            .region(d.region)
            .unwrap_or_else(|| panic!("{}: région", d.code));
        assert_eq!(region.zone, d.zone, "{}", d.code);
    }
    for c in r.communes() {
        assert!(r.departement(c.departement).is_some(), "{}", c.insee);
        if let Some(siren) = &c.epci {
            let epci = r.epci(siren).expect("EPCI of a commune");
            assert!(epci.communes.contains(&c.insee));
        }
        if let Some(siren) = &c.ept {
            let ept = r.epci(siren).expect("EPT of a commune");
            assert_eq!(ept.kind, "EPT");
            assert!(ept.communes.contains(&c.insee));
            // An EPT's communes belong to the Métropole du Grand Paris.
            assert_eq!(c.epci, Some("200054781"), "{}", c.insee);
        }
    }
    for e in r.epcis() {
        assert!(
            ["CC", "CA", "CU", "METRO", "MET69", "EPT"].contains(&e.kind),
            "{}",
            e.siren
        );
        assert!(!e.communes.is_empty(), "{}", e.siren);
        let mut population = 0;
        let mut departements = BTreeSet::new();
        for insee in &e.communes {
            let c = r
                .commune(insee)
                .unwrap_or_else(|| panic!("{}: {insee}", e.siren));
            let linked = if e.kind == "EPT" { &c.ept } else { &c.epci };
            assert_eq!(linked.as_deref(), Some(e.siren));
            population += c.population;
            departements.insert(c.departement);
        }
        assert_eq!(e.population, population, "{}", e.siren);
        let listed: Vec<&str> = e.departements.clone();
        assert_eq!(
            listed,
            departements.into_iter().collect::<Vec<_>>(),
            "{}",
            e.siren
        );
    }
}

#[test]
fn departement_population_is_the_sum_of_its_communes() {
    let r = r();
    for d in r.departements() {
        let sum: u64 = r
            .communes()
            .filter(|c| c.departement == d.code)
            .map(|c| c.population)
            .sum();
        assert_eq!(d.population, sum, "{}", d.code);
    }
}

#[test]
fn data_surprises() {
    let r = r();
    // Paris, Lyon and Marseille are single communes; their arrondissements
    // municipaux are not in the table.
    assert_eq!(r.commune("75056").map(|c| c.nom), Some("Paris"));
    assert_eq!(r.commune("69123").map(|c| c.nom), Some("Lyon"));
    assert_eq!(r.commune("13055").map(|c| c.nom), Some("Marseille"));
    assert!(r.commune("75101").is_none());
    assert!(r.commune("13201").is_none());
    assert_eq!(r.commune("75056").and_then(|c| c.epci), Some("200054781"));
    // Communes outside any EPCI: four islands and the COM.
    let without: Vec<&Commune> = r.communes().filter(|c| c.epci.is_none()).collect();
    assert_eq!(without.len(), 98);
    let metro_without: Vec<&str> = without
        .iter()
        .filter(|c| r.departement(c.departement).map(|d| d.zone) == Some(Zone::Metro))
        .map(|c| c.nom)
        .collect();
    assert_eq!(metro_without.len(), 4, "{metro_without:?}");
    // No known population: TAAF districts and Clipperton.
    assert_eq!(r.commune("98411").map(|c| c.population), Some(0));
    // EPCI spanning several départements.
    // (two EPT of them: Boucle Nord de Seine, Grand-Orly Seine Bièvre)
    assert_eq!(r.epcis().filter(|e| e.departements.len() > 1).count(), 91);
    assert_eq!(r.epci("200046977").map(|e| e.kind), Some("MET69"));
}

#[test]
fn tables_load_independently() {
    let loaded_slots = |r: &Reference| r.communes.iter().filter(|s| s.get().is_some()).count();
    let parsed_epci = |r: &Reference| r.epci.iter().filter(|e| e.get().is_some()).count();
    let fresh = Reference::unloaded();
    assert!(fresh.departement("38").is_some());
    assert!(fresh.region("84").is_some());
    assert_eq!(parsed_epci(&fresh), 0);
    assert_eq!(loaded_slots(&fresh), 0);
    let metro = fresh.epci("200040715").expect("EPCI");
    assert_eq!(metro.nom, "Grenoble-Alpes-Métropole");
    assert_eq!(loaded_slots(&fresh), 0);
    assert_eq!(parsed_epci(&fresh), 1, "only the EPCI asked for is parsed");
    assert_eq!(
        fresh.commune("38185").and_then(|c| c.epci),
        Some("200040715")
    );
    assert_eq!(loaded_slots(&fresh), 1, "only Isère's communes are parsed");
    assert!(fresh.hubs.get().is_none());
    assert!(fresh.commune("3").is_none() && fresh.commune("").is_none());
    assert!(fresh.commune("3C001").is_none() && fresh.commune("é").is_none());

    let all = Reference::load_all();
    assert_eq!(loaded_slots(&all), COMMUNE_SLOTS);
    assert!(all.hubs.get().is_some());
    assert_eq!(all.commune("38185"), r().commune("38185"));
}

#[test]
fn commune_slots_follow_byte_order() {
    for slot in 0..COMMUNE_SLOTS {
        let prefix = slot_prefix(slot);
        let code = std::str::from_utf8(&prefix).unwrap();
        assert_eq!(slot_of_insee(code), Some(slot), "{code}");
        if slot > 0 {
            assert!(slot_prefix(slot - 1) < prefix);
        }
    }
    let codes: Vec<&str> = r().communes().map(|c| c.insee).collect();
    assert!(
        codes.windows(2).all(|w| w[0] < w[1]),
        "communes() sorted by INSEE code"
    );
}

#[test]
fn malformed_tables_are_rejected() {
    assert!(parse::regions("code\tnom\n84\tAuvergne-Rhône-Alpes\n").is_err());
    assert!(parse::regions("code\tnom\tzone\n84\tA\tmetro\n11\tB\tmetro\n").is_err());
    assert!(parse::regions("code\tnom\tzone\n84\tA\tmetro\n84\tA\tmetro\n").is_err());
    assert!(parse::regions("code\tnom\tzone\n84\tA\tcontinent\n").is_err());
    assert!(parse::regions("code\tnom\tzone\n84\tA\tmetro\textra\n").is_err());
    assert!(parse::regions("").is_err());
    let err = parse::departements(
        "code\tnom\tregion\tzone\tpopulation\tliaison\tcollectivite\n38\tIsère\t84\tmetro\tbeaucoup\t5\t\n",
    )
    .unwrap_err();
    assert_eq!(err.line, 2);
    assert!(
        err.to_string().contains("departements.tsv, ligne 2"),
        "{err}"
    );

    let err = parse::departements(
        "code\tnom\tregion\tzone\tpopulation\tliaison\tcollectivite\n38\tIsère\t84\tmetro\t1\t9\t\n",
    )
    .unwrap_err();
    assert!(err.to_string().contains("liaison (TNCC)"), "{err}");

    let hubs = parse::hubs("# commentaire\nnom\tregions\n# autre\nHub\t01,06\n").unwrap();
    assert_eq!(hubs[0].regions, ["01", "06"]);

    assert!(parse::epci_index("siren\tnom\n").is_err());
    let header = "siren\tnom\ttype\tpopulation\tdepartements\tcommunes\n";
    let unsorted = format!("{header}2\tB\tCC\t1\t38\t38001\n1\tA\tCC\t1\t38\t38002\n");
    assert_eq!(
        parse::epci_index(Box::leak(unsorted.into_boxed_str()))
            .err()
            .map(|e| e.line),
        Some(3)
    );
    assert!(parse::epci_line(2, "1\tA\tCC\tmille\t38\t38001").is_err());
    assert!(parse::epci_line(2, "1\tA\tCC\t1\t38").is_err());
    assert!(parse::epci_line(2, "1\tA\tCC\t1\t\t").is_err());
    let epci = parse::epci_line(2, "1\tA\tCC\t5\t38,69\t38001,69001").unwrap();
    assert_eq!(epci.communes, ["38001", "69001"]);
    assert_eq!(epci.departements, ["38", "69"]);
}

#[test]
fn communes_are_found_by_prefix() {
    let text = "insee\tnom\tdepartement\tpopulation\n\
                2A004\tAjaccio\t2A\t1\n\
                38001\tA\t38\t\n\
                38185\tGrenoble\t38\t156000\n\
                97101\tB\t971\t3\n";
    let range = |p: &[u8; 2]| parse::communes_with_prefix(text, p);
    assert_eq!(
        &text[range(b"38")],
        "38001\tA\t38\t\n38185\tGrenoble\t38\t156000\n"
    );
    assert_eq!(&text[range(b"2A")], "2A004\tAjaccio\t2A\t1\n");
    assert_eq!(&text[range(b"97")], "97101\tB\t971\t3\n");
    assert!(range(b"01").is_empty() && range(b"39").is_empty() && range(b"99").is_empty());

    let communes = parse::communes(text, range(b"38"), b"38").unwrap();
    assert_eq!(communes.len(), 2);
    assert_eq!(communes[0].population, 0, "empty population");
    assert_eq!(communes[1].population, 156_000);

    let epci = parse::epci_line(2, "200040715\tM\tMETRO\t1\t38\t38185").unwrap();
    let mut linked = communes.clone();
    parse::link_epcis(&mut linked, [&epci], "38").unwrap();
    assert_eq!(linked[1].epci, Some("200040715"));
    assert!(
        parse::link_epcis(&mut linked, [&epci], "38").is_err(),
        "two EPCI"
    );
    let unknown = parse::epci_line(2, "200040715\tM\tMETRO\t1\t38\t38999").unwrap();
    assert!(parse::link_epcis(&mut communes.clone(), [&unknown], "38").is_err());

    let bad = "insee\tnom\tdepartement\tpopulation\n38185\tA\t38\t1\n38001\tB\t38\tx\n";
    let err = parse::communes(bad, parse::communes_with_prefix(bad, b"38"), b"38").unwrap_err();
    assert_eq!(err.line, 3, "{err}");
    let bad = "insee\tnom\tdepartement\tpopulation\n38001\tB\t38\tx\n";
    let err = parse::communes(bad, parse::communes_with_prefix(bad, b"38"), b"38").unwrap_err();
    assert_eq!(err.line, 2, "{err}");
    let bad = "insee\tnom\tdepartement\n38001\tB\t38\n";
    assert!(parse::communes(bad, parse::communes_with_prefix(bad, b"38"), b"38").is_err());
}

// --- SIREN / SIRET ---------------------------------------------------------

#[test]
fn luhn_basics() {
    assert!(luhn("0"));
    assert!(luhn("79927398713"));
    assert!(!luhn("79927398710"));
    assert!(!luhn(""));
    assert!(!luhn("12a4"));
    assert!(!luhn("١٢٣")); // non-ASCII digits
}

#[test]
fn siren() {
    assert!(siren_valid("213801855")); // Commune de Grenoble
    assert!(siren_valid("200040715")); // Grenoble-Alpes-Métropole
    assert!(siren_valid("356000000")); // La Poste
    assert!(!siren_valid("213801856")); // last digit changed
    assert!(!siren_valid("213808155")); // adjacent digits swapped
    assert!(!siren_valid("21380185")); // too short
    assert!(!siren_valid("2138018550")); // too long
    assert!(!siren_valid("213 801 855")); // spaces
    assert!(!siren_valid("000000000a"));
}

#[test]
fn siret() {
    // Commune de Grenoble, hôtel de ville.
    assert!(siret_valid("21380185500015"));
    // INSEE's documented example (SIREN 732829320, 7th establishment).
    assert!(siret_valid("73282932000074"));
    // Mutations must fail: one digit changed, two adjacent digits swapped.
    assert!(!siret_valid("21380185500016"));
    assert!(!siret_valid("21380185500025"));
    assert!(!siret_valid("21380158500015"));
    // Luhn holds over the 14 digits but not over the SIREN (213801856).
    assert!(luhn("21380185600005"));
    assert!(!siret_valid("21380185600005"));
    // Shape.
    assert!(!siret_valid("2138018550001"));
    assert!(!siret_valid("213801855000150"));
    assert!(!siret_valid("213801855 00015"));
    assert!(!siret_valid("2138018550001x"));
    assert!(!siret_valid(""));
}

#[test]
fn siret_of_la_poste() {
    // Head office: a plain Luhn number.
    assert!(luhn("35600000000048"));
    assert!(siret_valid("35600000000048"));
    // An establishment: fails Luhn, digit sum 45 is a multiple of 5.
    assert!(!luhn("35600000049837"));
    assert!(siret_valid("35600000049837"));
    // Digit sum 46: invalid.
    assert!(!siret_valid("35600000049838"));
    // Passes Luhn but its digit sum (47) is not a multiple of 5, and it is
    // not the head office: invalid under La Poste's rule.
    assert!(luhn("35600000049839"));
    assert!(!siret_valid("35600000049839"));
    // The digit-sum rule belongs to La Poste alone: digit sum 35, Luhn fails.
    assert!(!luhn("21380185500020"));
    assert!(!siret_valid("21380185500020"));
}

#[test]
fn departement_names_take_their_article() {
    let r = Reference::get();
    let de = |code: &str| r.departement(code).expect("département").de_nom();
    assert_eq!(de("38"), "de l'Isère");
    assert_eq!(de("85"), "de la Vendée");
    assert_eq!(de("59"), "du Nord");
    assert_eq!(de("78"), "des Yvelines");
    assert_eq!(de("75"), "de Paris");
    assert_eq!(de("971"), "de la Guadeloupe");
}

#[test]
fn postal_codes_name_known_communes() {
    let r = r();
    let roubaix: Vec<&str> = r.code_postal("59100").expect("59100").communes().collect();
    assert_eq!(roubaix, ["59512"]);
    // 59100 is also an INSEE code: Bousignies, whose postal code is 59178.
    assert_eq!(r.commune("59100").map(|c| c.nom), Some("Bousignies"));
    // The arrondissements' postal codes are Paris's, Lyon's, Marseille's.
    for (postal, insee) in [("75008", "75056"), ("69001", "69123"), ("13008", "13055")] {
        let communes: Vec<&str> = r.code_postal(postal).expect(postal).communes().collect();
        assert_eq!(communes, [insee], "{postal}");
    }
    assert!(r.code_postal("00000").is_none() && r.code_postal("").is_none());
    let table = r.codes_postaux_table();
    assert_eq!(table.len(), 6310);
    for code in table {
        let communes: Vec<&str> = code.communes().collect();
        assert!(communes.windows(2).all(|w| w[0] < w[1]), "{}", code.code);
        for insee in communes {
            assert!(r.commune(insee).is_some(), "{} → {insee}", code.code);
        }
    }
}

/// The index the build computes (`build.rs`) is the one the parser of the
/// table gives: same lines, same numbers, same départements.
#[test]
fn the_build_index_of_the_epci_is_the_parsed_one() {
    let parsed = parse::epci_index(EPCI_TSV).expect("epci.tsv parses");
    assert_eq!(parsed.len(), epci_index::LINES.len());
    let mut by_departement: std::collections::BTreeMap<&str, Vec<u16>> = Default::default();
    for (i, (line, &(start, siren_end, end, line_no))) in
        parsed.iter().zip(&epci_index::LINES).enumerate()
    {
        assert_eq!(line.text, &EPCI_TSV[start as usize..end as usize]);
        assert_eq!(line.siren, &EPCI_TSV[start as usize..siren_end as usize]);
        assert_eq!(line.line_no, line_no as usize);
        for d in line.departements.split(',') {
            by_departement.entry(d).or_default().push(i as u16);
        }
    }
    let built: Vec<(&str, Vec<u16>)> = epci_index::BY_DEPARTEMENT
        .iter()
        .map(|(d, indices)| (*d, indices.to_vec()))
        .collect();
    assert_eq!(built, by_departement.into_iter().collect::<Vec<_>>());
}

#[test]
fn insee_keys_sort_as_the_codes() {
    let codes = [
        "01001", "01002", "2A004", "2B033", "38185", "97101", "976", "9760",
    ];
    for pair in codes.windows(2) {
        assert!(pair[0] < pair[1]);
        assert!(
            parse::insee_key(pair[0]) < parse::insee_key(pair[1]),
            "{pair:?}"
        );
    }
    // Beyond eight bytes the key is cut: equal keys, still told apart.
    assert_eq!(parse::insee_key("123456789"), parse::insee_key("12345678"));
    let text = "insee\tnom\tdepartement\tpopulation\n\
                38123456780\tA\t38\t1\n38123456781\tB\t38\t1\n";
    let mut communes =
        parse::communes(text, parse::communes_with_prefix(text, b"38"), b"38").unwrap();
    let epci = parse::epci_line(2, "200040715\tM\tCC\t2\t38\t38123456781").unwrap();
    parse::link_epcis(&mut communes, [&epci], "38").unwrap();
    assert_eq!(communes[0].epci, None);
    assert_eq!(communes[1].epci, Some("200040715"));
}
