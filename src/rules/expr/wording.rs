//! The one place where the expression language's messages are worded, in
//! French: lowercase start, no final period, user input in backticks,
//! extra sentences in `help`, "vouliez-vous dire" from edit distance.

use super::ast::{BinaryOp, Expr, Ident, Reducer};
use super::error::{ErrorKind, EvalError, ExprError, Span};
use super::types::{Record, Type};

fn error(kind: ErrorKind, span: Span, message: String, help: Option<String>) -> ExprError {
    ExprError {
        kind,
        message,
        help,
        span,
    }
}

fn type_error(span: Span, message: String, help: Option<String>) -> ExprError {
    error(ErrorKind::Type, span, message, help)
}

/// The candidate nearest to `word`: the compiler's one "did you mean"
/// ([`crate::diagnostic::suggest`]).
pub(crate) fn closest<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    crate::diagnostic::suggest(word, candidates)
}

/// "`a`, `b` et `c`", at most a dozen names then "…".
fn name_list<'n>(names: impl IntoIterator<Item = &'n str>, prefix: &str) -> String {
    const SHOWN: usize = 12;
    let names: Vec<String> = names
        .into_iter()
        .map(|n| format!("`{prefix}{n}`"))
        .collect();
    let mut shown = names
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        shown.push_str(", …");
    }
    shown
}

/// `de` before a noun phrase, with French elision: "d'un comité", "de la
/// gouvernance", "du territoire".
pub(crate) fn de(phrase: &str) -> String {
    if let Some(rest) = phrase.strip_prefix("le ") {
        format!("du {rest}")
    } else if let Some(rest) = phrase.strip_prefix("les ") {
        format!("des {rest}")
    } else if phrase.starts_with(['a', 'e', 'é', 'i', 'o', 'u', 'h']) {
        format!("d'{phrase}")
    } else {
        format!("de {phrase}")
    }
}

fn did_you_mean(suggestion: &str) -> String {
    crate::diagnostic::did_you_mean(suggestion, suggestion)
}

impl ExprError {
    // --- syntax --------------------------------------------------------

    /// `expression invalide : attendu …, trouvé …`.
    pub(crate) fn syntax(span: Span, expected: &[String], found: Option<&str>) -> ExprError {
        let expected = match expected {
            [] => "autre chose".to_string(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} ou {last}", init.join(", ")),
        };
        let found = match found {
            Some(token) => format!("`{token}`"),
            None => "la fin de l'expression".to_string(),
        };
        error(
            ErrorKind::Syntax,
            span,
            format!("expression invalide : attendu {expected}, trouvé {found}"),
            None,
        )
    }

    pub(crate) fn empty(span: Span) -> ExprError {
        error(
            ErrorKind::Syntax,
            span,
            "expression vide".to_string(),
            Some("écrivez une expression, par exemple `c.frequence != null`".to_string()),
        )
    }

    pub(crate) fn number_too_large(span: Span) -> ExprError {
        error(
            ErrorKind::Syntax,
            span,
            "nombre trop grand : il dépasse ce qu'un nombre décimal peut représenter".to_string(),
            Some("écrivez un nombre de moins de 300 chiffres, par exemple `1000000`".to_string()),
        )
    }

    pub(crate) fn too_deep(span: Span) -> ExprError {
        error(
            ErrorKind::Syntax,
            span,
            "expression trop imbriquée".to_string(),
            Some("découpez la règle, ou retirez des parenthèses inutiles".to_string()),
        )
    }

    pub(crate) fn unterminated_text(span: Span, quote: char) -> ExprError {
        error(
            ErrorKind::Syntax,
            span,
            "texte non terminé".to_string(),
            Some(format!("fermez le texte par `{quote}`")),
        )
    }

    pub(crate) fn unknown_escape(span: Span, sequence: &str) -> ExprError {
        error(
            ErrorKind::Syntax,
            span,
            format!("séquence d'échappement inconnue `{sequence}`"),
            Some("les échappements reconnus sont `\\'`, `\\\"`, `\\\\` et `\\n`".to_string()),
        )
    }

    pub(crate) fn bad_name(span: Span, name: &str) -> ExprError {
        let ascii = ascii_name(name);
        let help = if ascii.is_empty() {
            "les noms s'écrivent en lettres minuscules sans accent, chiffres et `_`".to_string()
        } else {
            format!("les noms s'écrivent en minuscules sans accent : `{ascii}`")
        };
        error(
            ErrorKind::Syntax,
            span,
            format!("nom invalide `{name}`"),
            Some(help),
        )
    }

    pub(crate) fn param_without_name(span: Span) -> ExprError {
        error(
            ErrorKind::Syntax,
            span,
            "nom de paramètre attendu après `$`".to_string(),
            Some("un paramètre s'écrit `$nom`, par exemple `$seuil_doublon`".to_string()),
        )
    }

    pub(crate) fn unknown_function(name: &Ident) -> ExprError {
        let help = match closest(&name.name, FUNCTIONS) {
            Some(suggestion) => did_you_mean(suggestion),
            None => format!("les fonctions sont {}", name_list(FUNCTIONS, "")),
        };
        error(
            ErrorKind::UnknownFunction,
            name.span,
            format!("la fonction `{}` n'existe pas", name.name),
            Some(help),
        )
    }

    pub(crate) fn arity(span: Span, function: &str, found: usize) -> ExprError {
        let expected = match function {
            "count" => "1 ou 2 arguments",
            "len" => "1 argument",
            _ => "2 arguments",
        };
        error(
            ErrorKind::Arity,
            span,
            format!("`{function}` attend {expected}, pas {found}"),
            Some(usage(function)),
        )
    }

    pub(crate) fn binder_expected(span: Span, function: &str) -> ExprError {
        error(
            ErrorKind::Arity,
            span,
            format!("le premier argument de `{function}` doit être de la forme `x in liste`"),
            Some(usage(function)),
        )
    }

    pub(crate) fn unclosed_brace(span: Span) -> ExprError {
        error(
            ErrorKind::Syntax,
            span,
            "accolade `{` non fermée".to_string(),
            Some("fermez l'emplacement par `}`, ou doublez l'accolade (`{{`) pour l'écrire telle quelle".to_string()),
        )
    }

    pub(crate) fn lone_closing_brace(span: Span) -> ExprError {
        error(
            ErrorKind::Syntax,
            span,
            "accolade `}` sans accolade ouvrante".to_string(),
            Some("doublez l'accolade (`}}`) pour l'écrire telle quelle".to_string()),
        )
    }

    pub(crate) fn empty_placeholder(span: Span) -> ExprError {
        error(
            ErrorKind::Syntax,
            span,
            "emplacement vide".to_string(),
            Some("écrivez une expression entre les accolades, par exemple `{c.nom}`".to_string()),
        )
    }

    // --- names ---------------------------------------------------------

    pub(crate) fn unknown_name<'n>(
        span: Span,
        name: &str,
        root: &Record,
        variables: impl IntoIterator<Item = &'n str>,
    ) -> ExprError {
        let variables: Vec<&str> = variables.into_iter().collect();
        let candidates = variables.iter().copied().chain(root.field_names());
        let help = match closest(name, candidates) {
            Some(suggestion) => did_you_mean(suggestion),
            None if variables.is_empty() => {
                format!(
                    "les champs {} sont {}",
                    de(root.name()),
                    name_list(root.field_names(), "")
                )
            }
            None => format!(
                "les variables sont {} ; les champs {} sont {}",
                name_list(variables.iter().copied(), ""),
                de(root.name()),
                name_list(root.field_names(), "")
            ),
        };
        error(
            ErrorKind::UnknownName,
            span,
            format!(
                "`{name}` n'est ni une variable ni un champ {}",
                de(root.name())
            ),
            Some(help),
        )
    }

    pub(crate) fn unknown_field(field: &Ident, record: &Record) -> ExprError {
        let help = match closest(&field.name, record.field_names()) {
            Some(suggestion) => Some(did_you_mean(suggestion)),
            None if record.is_empty() => None,
            None => Some(format!(
                "les champs {} sont {}",
                de(record.name()),
                name_list(record.field_names(), "")
            )),
        };
        error(
            ErrorKind::UnknownField,
            field.span,
            format!(
                "le champ `{}` n'existe pas pour {}",
                field.name,
                record.name()
            ),
            help,
        )
    }

    pub(crate) fn unknown_param<'p>(
        span: Span,
        name: &str,
        declared: impl IntoIterator<Item = &'p str>,
    ) -> ExprError {
        let declared: Vec<&str> = declared.into_iter().collect();
        let help = match closest(name, declared.iter().copied()) {
            Some(suggestion) => did_you_mean(&format!("${suggestion}")),
            None if declared.is_empty() => {
                "aucun paramètre n'est déclaré dans `[params]`".to_string()
            }
            None => format!("les paramètres déclarés sont {}", name_list(declared, "$")),
        };
        error(
            ErrorKind::UnknownParam,
            span,
            format!("le paramètre `${name}` n'existe pas"),
            Some(help),
        )
    }

    pub(crate) fn field_of_non_record(field: &Ident, found: &Type, object: &Expr) -> ExprError {
        let help = match found.strip_optional() {
            Type::List(element) if matches!(element.as_ref(), Type::Record(_)) => Some(format!(
                "parcourez la liste, par exemple `any(x in {object}, x.{} …)`",
                field.name
            )),
            _ => None,
        };
        type_error(
            field.span,
            format!(
                "le champ `{}` ne s'applique pas à {}",
                field.name,
                found.describe()
            ),
            help,
        )
    }

    // --- operands ------------------------------------------------------

    /// An operand of `and`, `or` or `not` that is not a boolean.
    pub(crate) fn not_boolean(span: Span, operator: &str, found: &Type) -> ExprError {
        let help = matches!(found, Type::Optional(inner) if **inner == Type::Bool)
            .then(|| "comparez d'abord la valeur à `true` ou à `null`".to_string());
        type_error(
            span,
            format!("`{operator}` attend un booléen, pas {}", found.describe()),
            help,
        )
    }

    /// An operand of `+ - * /` (`unary` false) or of unary `-` (`unary`
    /// true) that is not a number.
    pub(crate) fn not_number(span: Span, operator: &str, found: &Type, unary: bool) -> ExprError {
        let expected = match (unary, operator) {
            (true, _) => "un nombre",
            (false, "+") => "des nombres ou des listes",
            (false, _) => "des nombres",
        };
        type_error(
            span,
            format!("`{operator}` attend {expected}, pas {}", found.describe()),
            None,
        )
    }

    /// `+` between a list and something else, or two lists of different
    /// elements.
    pub(crate) fn cannot_add(span: Span, left: &Type, right: &Type) -> ExprError {
        type_error(
            span,
            format!(
                "`+` ne peut pas additionner {} et {}",
                left.describe(),
                right.describe()
            ),
            Some(
                "`+` additionne deux nombres ou met bout à bout deux listes de même type"
                    .to_string(),
            ),
        )
    }

    /// `==` or `!=` between values of different types.
    pub(crate) fn incomparable(span: Span, op: BinaryOp, left: &Type, right: &Type) -> ExprError {
        type_error(
            span,
            format!(
                "impossible de comparer {} et {} avec `{}`",
                left.describe(),
                right.describe(),
                op.symbol()
            ),
            Some(
                "une comparaison porte sur deux valeurs de même type, ou sur une valeur et `null`"
                    .to_string(),
            ),
        )
    }

    /// `< <= > >=` on anything but two numbers or two texts.
    pub(crate) fn unordered(span: Span, op: BinaryOp, left: &Type, right: &Type) -> ExprError {
        let operands = if left == right {
            format!("deux {}", left.plural())
        } else {
            format!("{} et {}", left.describe(), right.describe())
        };
        type_error(
            span,
            format!("impossible de comparer {operands} avec `{}`", op.symbol()),
            Some(format!(
                "`{}` compare deux nombres ou deux textes",
                op.symbol()
            )),
        )
    }

    /// The right side of `in` is neither a list nor a text.
    pub(crate) fn in_needs_collection(span: Span, op: BinaryOp, found: &Type) -> ExprError {
        type_error(
            span,
            format!(
                "`{}` attend à sa droite une liste ou un texte, pas {}",
                op.symbol(),
                found.describe()
            ),
            None,
        )
    }

    /// `x in XS` where `x` cannot be an element of `XS`.
    pub(crate) fn cannot_search(span: Span, element: &Type, collection: &Type) -> ExprError {
        type_error(
            span,
            format!(
                "impossible de chercher {} dans {}",
                element.describe(),
                collection.describe()
            ),
            None,
        )
    }

    /// `[a, b]` whose elements do not share a type.
    pub(crate) fn mixed_list(span: Span, element: &Type, before: &Type) -> ExprError {
        type_error(
            span,
            format!(
                "cet élément est {} alors que les précédents sont des {}",
                element.describe(),
                before.plural()
            ),
            Some("les éléments d'une liste sont tous du même type".to_string()),
        )
    }

    // --- functions -----------------------------------------------------

    /// `any`, `all`, `none`, `count`, `sum` over a non-list.
    pub(crate) fn not_a_list(span: Span, function: &str, found: &Type) -> ExprError {
        type_error(
            span,
            format!("`{function}` parcourt une liste, pas {}", found.describe()),
            None,
        )
    }

    /// `len` of something that has no length.
    pub(crate) fn no_length(span: Span, found: &Type) -> ExprError {
        type_error(
            span,
            format!(
                "`len` attend une liste ou un texte, pas {}",
                found.describe()
            ),
            None,
        )
    }

    /// The second argument of a reducer has the wrong type.
    pub(crate) fn reducer_body(span: Span, func: Reducer, found: &Type) -> ExprError {
        let message = match func {
            Reducer::Sum => format!(
                "la valeur additionnée par `sum` doit être un nombre, pas {}",
                found.describe()
            ),
            _ => format!(
                "la condition de `{}` doit être un booléen, pas {}",
                func.name(),
                found.describe()
            ),
        };
        type_error(span, message, None)
    }

    // --- whole expressions --------------------------------------------

    /// A `when` or `check` that is not a condition.
    pub(crate) fn not_a_condition(span: Span, found: &Type) -> ExprError {
        type_error(
            span,
            format!(
                "l'expression doit donner un booléen, pas {}",
                found.describe()
            ),
            Some(
                "une condition compare des valeurs, par exemple `c.frequence != null`".to_string(),
            ),
        )
    }

    /// A `for_each` binding over a non-list.
    pub(crate) fn binding_not_a_list(span: Span, variable: &str, found: &Type) -> ExprError {
        type_error(
            span,
            format!(
                "la variable `{variable}` ne peut parcourir qu'une liste, pas {}",
                found.describe()
            ),
            None,
        )
    }

    /// A message placeholder whose value cannot be shown as text.
    pub(crate) fn not_displayable(span: Span, found: &Type) -> ExprError {
        type_error(
            span,
            format!("impossible d'afficher {} dans un message", found.describe()),
            Some("affichez un de ses champs, par exemple `{c.nom}`".to_string()),
        )
    }
}

impl EvalError {
    fn new(span: Span, message: String) -> EvalError {
        EvalError {
            message,
            help: None,
            span,
        }
    }

    pub(crate) fn wrong_value(
        span: Span,
        operator: &str,
        expected: &str,
        found: &super::Fact<'_>,
    ) -> EvalError {
        EvalError::new(
            span,
            format!("`{operator}` attend {expected}, pas {}", found.kind()),
        )
    }

    pub(crate) fn not_a_condition(span: Span, found: &super::Fact<'_>) -> EvalError {
        EvalError::new(
            span,
            format!("l'expression doit donner un booléen, pas {}", found.kind()),
        )
    }

    pub(crate) fn no_field(span: Span, field: &str, found: &super::Fact<'_>) -> EvalError {
        EvalError::new(
            span,
            format!("le champ `{field}` ne s'applique pas à {}", found.kind()),
        )
    }

    pub(crate) fn division_by_zero(span: Span) -> EvalError {
        EvalError {
            message: "division par zéro".to_string(),
            help: Some(
                "ne divisez que si le diviseur est non nul, par exemple `n > 0 and x / n > 1`"
                    .to_string(),
            ),
            span,
        }
    }

    pub(crate) fn out_of_range(span: Span) -> EvalError {
        EvalError::new(span, "résultat numérique hors limites".to_string())
    }

    pub(crate) fn missing_param(span: Span, name: &str) -> EvalError {
        EvalError::new(span, format!("le paramètre `${name}` n'a pas de valeur"))
    }
}

/// `name` in lowercase without accents, or empty when that is still not a
/// valid name.
fn ascii_name(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'à' | 'â' | 'ä' | 'á' => "a",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'î' | 'ï' | 'í' => "i",
            'ô' | 'ö' | 'ó' => "o",
            'ù' | 'û' | 'ü' | 'ú' => "u",
            'ÿ' => "y",
            'ç' => "c",
            'œ' => "oe",
            'æ' => "ae",
            c if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' => {
                out.push(c);
                continue;
            }
            _ => return String::new(),
        };
        out.push_str(folded);
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        return String::new();
    }
    out
}

/// The language's functions, for suggestions.
pub(crate) const FUNCTIONS: [&str; 6] = ["all", "any", "count", "len", "none", "sum"];

/// How a function is called.
fn usage(function: &str) -> String {
    match function {
        "any" | "all" | "none" => format!("forme attendue : `{function}(x in liste, condition)`"),
        "count" => {
            "formes attendues : `count(liste)` ou `count(x in liste, condition)`".to_string()
        }
        "sum" => "forme attendue : `sum(x in liste, nombre)`".to_string(),
        "len" => "formes attendues : `len(liste)` ou `len(texte)`".to_string(),
        other => format!("forme attendue : `{other}(…)`"),
    }
}
