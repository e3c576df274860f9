//! Type checker tests: the types of well-formed expressions, and one
//! snapshot per kind of type error, rendered as the user sees it.

use insta::assert_snapshot;

use super::test_support::{check_error, comite_types, parsed, types};
use super::*;

fn type_of(env: &TypeEnv, src: &str) -> Type {
    check(&parsed(src), env).unwrap_or_else(|error| panic!("{}", render_error(src, &error)))
}

fn kind_of(env: &TypeEnv, src: &str) -> ErrorKind {
    check(&parsed(src), env).expect_err(src).kind
}

#[test]
fn types_of_well_formed_expressions() {
    let env = comite_types();
    let text = || Type::Text;
    let cases = [
        ("'a'", text()),
        ("1.5", Type::Number),
        ("null", Type::Null),
        ("c.nom", text()),
        ("c.frequence", Type::optional(text())),
        ("c.perimetre.epci", Type::list(text())),
        ("pilotage.pilote", Type::optional(text())),
        ("count(comites)", Type::Number),
        ("count(c in comites, c.frequence == null)", Type::Number),
        ("len(c.nom) + len(c.membres)", Type::Number),
        ("sum(a in actions, a.budget)", Type::Number),
        (
            "sum(a in actions, sum(f in a.financements, f.montant))",
            Type::Number,
        ),
        ("c.frequence != null", Type::Bool),
        ("c.frequence == 'mensuelle'", Type::Bool),
        ("c.rend_compte in c.membres", Type::Bool),
        ("'caf' in c.nom", Type::Bool),
        ("c.nom < 'm'", Type::Bool),
        ("any(m in membres, 'rural' in m.tags)", Type::Bool),
        ("all(a in actions, a.budget > 0)", Type::Bool),
        ("none(a in actions, a.fin < a.debut)", Type::Bool),
        ("-periode.debut", Type::Number),
        ("couverture.part >= $couverture_epci_min", Type::Bool),
        ("c.membres + pilotage.copilotes", Type::list(text())),
        ("[]", Type::list(Type::Any)),
        ("[null, 'a']", Type::list(Type::optional(text()))),
        ("[c.frequence, 'a']", Type::list(Type::optional(text()))),
        ("extra.n.deeper", Type::Any),
        ("extra + 1", Type::Number),
        ("extra and true", Type::Bool),
        ("count(extra)", Type::Number),
        ("null == null", Type::Bool),
        ("c == c", Type::Bool),
    ];
    for (src, expected) in cases {
        assert_eq!(type_of(&env, src), expected, "{src}");
    }
}

#[test]
fn optional_values_propagate_null() {
    let env = types();
    assert_eq!(
        type_of(&env, "any(a in actions, a.budget * 2 > 1)"),
        Type::Bool
    );
    let env = env.bind(
        "a",
        Type::optional(Type::Record(
            Record::new("une action", "actions").field("budget", Type::Number),
        )),
    );
    assert_eq!(type_of(&env, "a.budget"), Type::optional(Type::Number));
    assert_eq!(type_of(&env, "a.budget + 1"), Type::optional(Type::Number));
}

#[test]
fn inner_variables_hide_outer_ones() {
    let env = comite_types();
    // Inside, `c` is a membre: it has `collectivite`, which a comité lacks.
    assert_eq!(
        type_of(&env, "any(c in membres, c.collectivite)"),
        Type::Bool
    );
    assert_eq!(kind_of(&env, "c.collectivite"), ErrorKind::UnknownField);
    // A variable hides the root field of the same name.
    let env = types().bind("membres", Type::Number);
    assert_eq!(type_of(&env, "membres + 1"), Type::Number);
}

#[test]
fn describes_types_in_french() {
    let comite = Record::new("un comité", "comités");
    let cases = [
        (Type::Bool, "un booléen"),
        (
            Type::list(Type::Record(comite.clone())),
            "une liste de comités",
        ),
        (Type::optional(Type::Number), "un nombre ou `null`"),
        (
            Type::list(Type::list(Type::Text)),
            "une liste de listes de textes",
        ),
        (Type::list(Type::Any), "une liste"),
        (Type::Record(comite), "un comité"),
    ];
    for (ty, expected) in cases {
        assert_eq!(ty.describe(), expected);
    }
}

#[test]
fn unknown_field() {
    let env = comite_types();
    assert_eq!(kind_of(&env, "c.frequense"), ErrorKind::UnknownField);
    assert_snapshot!(
        "champ_inconnu",
        check_error(&env, "c.type != 'autre' and c.frequense != null")
    );
    assert_snapshot!(
        "champ_inconnu_sans_suggestion",
        check_error(&env, "c.perimetre.communes")
    );
    assert_snapshot!(
        "champ_inconnu_dans_any",
        check_error(&env, "any(m in membres, 'rural' in m.tag)")
    );
}

#[test]
fn unknown_name() {
    let env = comite_types();
    assert_eq!(kind_of(&env, "comitez"), ErrorKind::UnknownName);
    assert_snapshot!("nom_inconnu", check_error(&env, "count(comitez) > 0"));
    assert_snapshot!("nom_inconnu_sans_suggestion", check_error(&env, "x.nom"));
    assert_snapshot!(
        "variable_hors_portee",
        check_error(&types(), "c.frequence != null")
    );
}

#[test]
fn unknown_param() {
    let env = comite_types();
    assert_eq!(kind_of(&env, "$seuil"), ErrorKind::UnknownParam);
    assert_snapshot!(
        "parametre_inconnu",
        check_error(&env, "couverture.part >= $couverture_min")
    );
    assert_snapshot!(
        "parametre_tronque",
        check_error(&env, "couverture.part >= $seuil")
    );
    let bare = TypeEnv::new(test_support_root(), Default::default());
    assert_snapshot!("parametre_sans_params", check_error(&bare, "1 > $seuil"));
}

fn test_support_root() -> Record {
    test_support::root()
}

#[test]
fn field_of_non_record() {
    let env = comite_types();
    assert_eq!(kind_of(&env, "c.nom.court"), ErrorKind::Type);
    assert_snapshot!(
        "champ_d_un_texte",
        check_error(&env, "c.nom.court == 'copil'")
    );
    assert_snapshot!(
        "champ_d_une_liste",
        check_error(&env, "comites.frequence != null")
    );
}

#[test]
fn boolean_operators_need_booleans() {
    let env = comite_types();
    assert_snapshot!(
        "and_sur_un_nombre",
        check_error(&env, "c.frequence != null and count(c.membres)")
    );
    assert_snapshot!(
        "or_sur_un_optionnel",
        check_error(&env, "c.frequence or true")
    );
    assert_snapshot!("not_sur_une_liste", check_error(&env, "not c.membres"));
}

#[test]
fn arithmetic_needs_numbers() {
    let env = comite_types();
    assert_snapshot!(
        "multiplication_de_texte",
        check_error(&env, "len(c.membres) * c.nom > 2")
    );
    assert_snapshot!("moins_unaire_de_texte", check_error(&env, "-c.nom"));
    assert_snapshot!("addition_liste_nombre", check_error(&env, "c.membres + 1"));
}

#[test]
fn comparisons_need_compatible_types() {
    let env = comite_types();
    assert_snapshot!("egalite_texte_nombre", check_error(&env, "c.nom == 1"));
    assert_snapshot!("ordre_texte_nombre", check_error(&env, "c.nom < 3"));
    assert_snapshot!(
        "ordre_de_listes",
        check_error(&env, "c.membres >= c.presidence")
    );
}

#[test]
fn in_needs_a_list_or_a_text() {
    let env = comite_types();
    assert_snapshot!(
        "in_sur_un_nombre",
        check_error(&env, "'copil' in count(comites)")
    );
    assert_snapshot!(
        "in_element_incompatible",
        check_error(&env, "2024 in c.membres")
    );
    assert_snapshot!(
        "in_texte_dans_texte",
        check_error(&env, "c.membres in c.nom")
    );
}

#[test]
fn lists_have_one_element_type() {
    let env = comite_types();
    assert_snapshot!(
        "liste_heterogene",
        check_error(&env, "c.type in ['technique', 2]")
    );
}

#[test]
fn functions_walk_lists() {
    let env = comite_types();
    assert_snapshot!(
        "any_sur_un_texte",
        check_error(&env, "any(x in c.nom, x == 'a')")
    );
    assert_snapshot!(
        "count_sur_un_enregistrement",
        check_error(&env, "count(pilotage) > 0")
    );
    assert_snapshot!("len_sur_un_nombre", check_error(&env, "len(periode.debut)"));
    assert_snapshot!(
        "condition_non_booleenne",
        check_error(&env, "all(m in c.membres, m)")
    );
    assert_snapshot!(
        "sum_de_textes",
        check_error(&env, "sum(a in actions, a.nom) > 0")
    );
}

#[test]
fn check_bool_wants_a_condition() {
    let env = comite_types();
    check_bool(&parsed("c.frequence != null"), &env).unwrap();
    check_bool(&parsed("extra"), &env).unwrap();
    let src = "count(c.membres)";
    let error = check_bool(&parsed(src), &env).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Type);
    assert_snapshot!("condition_attendue", render_error(src, &error));
}

#[test]
fn bindings_walk_lists() {
    let env = types();
    let binding = parse_binding("c in comites").unwrap();
    let (variable, Type::Record(comite)) = check_binding(&binding, &env).unwrap() else {
        panic!("a record");
    };
    assert_eq!((variable.as_str(), comite.name()), ("c", "un comité"));
    let binding = parse_binding("x in pilotage.copilotes").unwrap();
    assert_eq!(check_binding(&binding, &env).unwrap().1, Type::Text);
    let binding = parse_binding("x in extra").unwrap();
    assert_eq!(check_binding(&binding, &env).unwrap().1, Type::Any);
    let src = "p in pilotage";
    let error = check_binding(&parse_binding(src).unwrap(), &env).unwrap_err();
    assert_snapshot!("liaison_sur_un_enregistrement", render_error(src, &error));
}

#[test]
fn suggestions_by_edit_distance() {
    use super::wording::closest;
    let fields = ["frequence", "membres", "nom", "type"];
    assert_eq!(closest("frequense", fields), Some("frequence"));
    assert_eq!(closest("nmo", fields), Some("nom"));
    assert_eq!(closest("membre", fields), Some("membres"));
    assert_eq!(closest("x", fields), None);
    assert_eq!(closest("perimetre", fields), None);
}
