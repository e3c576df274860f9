//! Parser tests: precedence, literals, calls, bindings, spans, and every
//! kind of syntax error as a human would read it.

use insta::assert_snapshot;

use super::test_support::{parse_error, parsed};
use super::*;

/// Parses and prints back fully parenthesized.
fn shape(src: &str) -> String {
    parsed(src).to_string()
}

#[test]
fn precedence_from_or_to_field_access() {
    let cases = [
        ("a or b and c", "(a or (b and c))"),
        ("a and b or c", "((a and b) or c)"),
        ("not a and b", "((not a) and b)"),
        ("not a == b", "(not (a == b))"),
        ("not not a", "(not (not a))"),
        ("a == b and c != d", "((a == b) and (c != d))"),
        ("a + b * c - d", "((a + (b * c)) - d)"),
        ("a / b / c", "((a / b) / c)"),
        ("a - b - c", "((a - b) - c)"),
        ("a + b < c * d", "((a + b) < (c * d))"),
        ("-a.b * 2", "((-a.b) * 2)"),
        ("a - -b", "(a - (-b))"),
        ("- -a", "(-(-a))"),
        ("(a or b) and c", "((a or b) and c)"),
        ("x in xs and y not in ys", "((x in xs) and (y not in ys))"),
        ("x in a + b", "(x in (a + b))"),
        ("not x in xs", "(not (x in xs))"),
        ("x not  in xs", "(x not in xs)"),
        ("a.b.c", "a.b.c"),
        ("(a).b", "a.b"),
        ("count(xs).z", "count(xs).z"),
        ("a\n  and\tb", "(a and b)"),
    ];
    for (src, expected) in cases {
        assert_eq!(shape(src), expected, "{src}");
    }
}

#[test]
fn keywords_are_whole_words() {
    assert_eq!(shape("index == inde"), "(index == inde)");
    assert_eq!(shape("notes or order"), "(notes or order)");
    assert_eq!(shape("android and nullable"), "(android and nullable)");
    assert_eq!(shape("truth != falsehood"), "(truth != falsehood)");
    // After a dot, any name is a field, keywords included.
    assert_eq!(shape("c.in.not"), "c.in.not");
}

#[test]
fn literals() {
    let cases = [
        ("'text'", "'text'"),
        ("\"double\"", "'double'"),
        (r"'l\'État'", r"'l\'État'"),
        (r#""dit \"oui\"""#, r#"'dit "oui"'"#),
        (r"'a\nb\\c'", r"'a\nb\\c'"),
        ("12", "12"),
        ("0.75", "0.75"),
        ("true", "true"),
        ("false", "false"),
        ("null", "null"),
        ("[]", "[]"),
        ("[ 1, 'a' ,true, null, [ ] ]", "[1, 'a', true, null, []]"),
        ("['a', 'b',]", "['a', 'b']"),
        ("$seuil_doublon", "$seuil_doublon"),
    ];
    for (src, expected) in cases {
        assert_eq!(shape(src), expected, "{src}");
    }
    let ExprKind::Literal(Literal::Text(text)) = parsed(r"'l\'État\n'").kind else {
        panic!("a text");
    };
    assert_eq!(text, "l'État\n");
    let ExprKind::Literal(Literal::Number(n)) = parsed("12").kind else {
        panic!("a number");
    };
    assert!(n.is_u64());
    let ExprKind::Literal(Literal::Number(n)) = parsed("0.5").kind else {
        panic!("a number");
    };
    assert_eq!(n.as_f64(), Some(0.5));
}

#[test]
fn functions() {
    let cases = [
        ("any(x in xs, x.ok)", "any(x in xs, x.ok)"),
        (
            "all(m in c.membres, m != 'a')",
            "all(m in c.membres, (m != 'a'))",
        ),
        ("none( x in xs , true )", "none(x in xs, true)"),
        ("count(xs)", "count(xs)"),
        (
            "count(c in comites, c.frequence == null) > 0",
            "(count(c in comites, (c.frequence == null)) > 0)",
        ),
        (
            "sum(a in actions, a.budget * 2)",
            "sum(a in actions, (a.budget * 2))",
        ),
        ("len('été')", "len('été')"),
        (
            "any(x in xs, any(y in x.ys, y == x.z))",
            "any(x in xs, any(y in x.ys, (y == x.z)))",
        ),
        // Function names are not reserved.
        ("count.len + sum", "(count.len + sum)"),
    ];
    for (src, expected) in cases {
        assert_eq!(shape(src), expected, "{src}");
    }
    let ExprKind::Reduce { func, var, .. } = parsed("count(x in xs, x)").kind else {
        panic!("a reducer");
    };
    assert_eq!((func, var.name.as_str()), (Reducer::Count, "x"));
}

#[test]
fn spans_are_byte_offsets() {
    let src = "c.fréquence_x";
    assert!(parse(src).is_err(), "accents are not allowed in names");
    let src = "'é' == c.frequence";
    let expr = parsed(src);
    assert_eq!(expr.span, Span::new(0, src.len()));
    let ExprKind::Binary(BinaryOp::Eq, left, right) = expr.kind else {
        panic!("a comparison");
    };
    assert_eq!(&src[left.span.start..left.span.end], "'é'");
    assert_eq!(&src[right.span.start..right.span.end], "c.frequence");
    let ExprKind::Field(object, field) = right.kind else {
        panic!("a field");
    };
    assert_eq!(&src[object.span.start..object.span.end], "c");
    assert_eq!(&src[field.span.start..field.span.end], "frequence");
    let call = parsed("  any(x in xs, x)  ");
    assert_eq!(call.span, Span::new(2, 17));
}

#[test]
fn bindings() {
    let binding = parse_binding("c in comites").unwrap();
    assert_eq!(binding.var.name, "c");
    assert_eq!(binding.var.span, Span::new(0, 1));
    assert_eq!(binding.list.to_string(), "comites");
    assert_eq!(binding.span, Span::new(0, 12));
    let binding = parse_binding("  membre in c.membres + pilotage.copilotes ").unwrap();
    assert_eq!(
        binding.to_string(),
        "membre in (c.membres + pilotage.copilotes)"
    );
    assert_eq!(binding.var.span, Span::new(2, 8));
}

#[test]
fn binding_errors() {
    let render = |src: &str| render_error(src, &parse_binding(src).unwrap_err());
    assert_snapshot!("liaison_sans_in", render("c comites"));
    assert_snapshot!("liaison_variable_invalide", render("'c' in comites"));
    assert_snapshot!("liaison_sans_liste", render("c in"));
}

#[test]
fn syntax_error_expression_expected() {
    assert_snapshot!("attendu_expression", parse_error("c.frequence != "));
}

/// A literal too large to be a finite decimal is an error at its place,
/// not a panic (found by fuzzing).
#[test]
fn syntax_error_number_too_large() {
    let huge = format!("x > {}", "7".repeat(400));
    assert_snapshot!("nombre_trop_grand", parse_error(&huge));
    assert!(parse(&format!("x > {}.5", "9".repeat(300))).is_ok());
}

#[test]
fn syntax_error_operator_expected() {
    assert_snapshot!("attendu_operateur", parse_error("c.type 'autre'"));
}

#[test]
fn syntax_error_comparisons_do_not_chain() {
    assert_snapshot!("comparaisons_en_chaine", parse_error("1 < x < 3"));
}

#[test]
fn syntax_error_unclosed_parenthesis() {
    assert_snapshot!(
        "parenthese_non_fermee",
        parse_error("any(x in xs, (x.a or x.b)")
    );
}

#[test]
fn syntax_error_unclosed_list() {
    assert_snapshot!(
        "liste_non_fermee",
        parse_error("c.type in ['technique', 'autre'")
    );
}

#[test]
fn syntax_error_field_expected() {
    assert_snapshot!("attendu_champ", parse_error("c. == null"));
}

#[test]
fn syntax_error_empty() {
    assert_snapshot!("expression_vide", parse_error(""));
}

#[test]
fn syntax_error_keyword_as_operand() {
    assert_snapshot!("mot_cle_en_operande", parse_error("c.ok and or c.ko"));
}

#[test]
fn syntax_error_unterminated_text() {
    assert_snapshot!("texte_non_termine", parse_error("c.type != 'autre"));
}

#[test]
fn syntax_error_unknown_escape() {
    assert_snapshot!("echappement_inconnu", parse_error(r"c.nom == 'a\tb'"));
}

#[test]
fn syntax_error_param_without_name() {
    assert_snapshot!("parametre_sans_nom", parse_error("couverture.part >= $"));
}

#[test]
fn syntax_error_accented_name() {
    assert_snapshot!("nom_accentue", parse_error("c.fréquence != null"));
}

#[test]
fn syntax_error_capitalized_name() {
    assert_snapshot!("nom_majuscule", parse_error("Comites"));
}

#[test]
fn unknown_function() {
    let error = parse("anyy(x in xs, x)").unwrap_err();
    assert_eq!(error.kind, ErrorKind::UnknownFunction);
    assert_snapshot!("fonction_inconnue", parse_error("anyy(x in xs, x)"));
    assert_snapshot!(
        "fonction_inconnue_sans_suggestion",
        parse_error("maximum(xs)")
    );
}

#[test]
fn wrong_arity() {
    assert_eq!(parse("len()").unwrap_err().kind, ErrorKind::Arity);
    assert_snapshot!("arite_any", parse_error("any(x in xs)"));
    assert_snapshot!("arite_count", parse_error("count(a, b, c)"));
    assert_snapshot!("arite_len", parse_error("len(a, b)"));
}

#[test]
fn binder_expected() {
    assert_eq!(parse("sum(xs, 1)").unwrap_err().kind, ErrorKind::Arity);
    assert_snapshot!("liaison_attendue", parse_error("all(c.membres, true)"));
    assert_snapshot!("liaison_attendue_nom", parse_error("any(x.y in xs, true)"));
}

#[test]
fn render_error_over_several_lines() {
    let src = "c.type == 'technique'\n  and c.frequense != null";
    let error = ExprError {
        kind: ErrorKind::UnknownField,
        message: "le champ `frequense` n'existe pas pour un comité".to_string(),
        help: Some("vouliez-vous dire `frequence` ?".to_string()),
        span: Span::new(30, 39),
    };
    assert_snapshot!("rendu_multiligne", render_error(src, &error));
    let error = ExprError {
        span: Span::new(10, 28),
        ..error
    };
    assert_snapshot!("rendu_sur_deux_lignes", render_error(src, &error));
}

#[test]
fn render_error_at_the_end_and_with_tabs() {
    let error = parse("\tc.nom ==").unwrap_err();
    assert_eq!(
        render_error("\tc.nom ==", &error),
        "erreur : expression invalide : attendu une expression, trouvé la fin de l'expression\n  | \tc.nom ==\n  | \t        ^\n"
    );
}

#[test]
fn deep_nesting_is_refused_not_a_crash() {
    use super::test_support::{evaluate, types};
    let nested = |depth: usize| format!("{}1{}", "(1 + ".repeat(depth), ")".repeat(depth));
    let src = nested(60);
    check(&parsed(&src), &types()).unwrap();
    assert_eq!(evaluate(&src, None), serde_json::json!(61));
    for src in [
        nested(64),
        nested(100_000),
        format!("{}true", "not ".repeat(100)),
        format!("{}1{}", "[".repeat(100), "]".repeat(100)),
        format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000)),
    ] {
        let error = parse(&src).unwrap_err();
        assert_eq!(error.message, "expression trop imbriquée");
    }
    // Parentheses alone cost nothing.
    assert_eq!(
        shape(&format!("{}1{}", "(".repeat(100), ")".repeat(100))),
        "1"
    );
}
