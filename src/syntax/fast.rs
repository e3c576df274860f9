//! The fast path of the parser: a hand-written recursive descent over the
//! bytes of one top-level declaration, for the files that are well formed,
//! which is nearly all of them.
//!
//! It accepts exactly what `grammar/copil.pest` accepts and builds the same
//! tree, with the same spans, comments and value diagnostics (it shares the
//! value conversions of [`super::parser`]). At the first thing it does not
//! expect it gives up and returns `None`, having changed nothing: the pest
//! parser then reads the declaration again and reports the syntax error
//! with its expectations, its wording and its recovery. So the grammar stays
//! the one reference for errors, and a construct this module does not know
//! yet is slower, never wrong. Tests parse every fixture, example and
//! generated or mutated file both ways and compare.

use super::ast::*;
use super::parser::{date_value, number_value, range_value, string_value};
use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// A declaration read by the fast path.
pub(super) struct FastItem {
    /// The declaration.
    pub item: Item,
    /// The comments met before and inside it, in source order.
    pub comments: Vec<Comment>,
    /// Value diagnostics (years, numbers, escapes, bidi controls).
    pub diagnostics: Vec<Diagnostic>,
    /// Where the next declaration (or its leading trivia) starts.
    pub end: usize,
}

/// Reads the declaration that starts, after whitespace and comments, at
/// `offset` in `src`; `None` when it is not well formed (or not known here).
pub(super) fn item(src: &str, offset: usize) -> Option<FastItem> {
    let mut p = Cursor {
        src,
        bytes: src.as_bytes(),
        pos: offset,
        last_end: offset,
        comments: Vec::new(),
        diagnostics: Vec::new(),
    };
    let item = p.item()?;
    Some(FastItem {
        item,
        comments: p.comments,
        diagnostics: p.diagnostics,
        // After the trivia already read (and its comments kept), so that
        // the next declaration does not read them again.
        end: p.pos,
    })
}

/// `ident_cont` of the grammar: `LETTER | MARK | ASCII_DIGIT | "_"`.
fn ident_cont(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        pest::unicode::LETTER(c) || pest::unicode::MARK(c)
    }
}

/// `ident_start` of the grammar: `LETTER`.
fn ident_start(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        pest::unicode::LETTER(c)
    }
}

struct Cursor<'a> {
    src: &'a str,
    bytes: &'a [u8],
    /// The next byte to read.
    pos: usize,
    /// The end of the last token read: spans stop there, not after the
    /// trivia that follows.
    last_end: usize,
    comments: Vec<Comment>,
    diagnostics: Vec<Diagnostic>,
}

impl Cursor<'_> {
    /// Skips the grammar's `WHITESPACE` and `COMMENT`, keeping comments.
    fn trivia(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b' ' | b'\t' | b'\r' | b'\n' => self.pos += 1,
                b'#' => {
                    let start = self.pos;
                    let end = self.src[start..]
                        .find(['\r', '\n'])
                        .map_or(self.src.len(), |i| start + i);
                    self.comments.push(Comment {
                        text: self.src[start + 1..end].to_string(),
                        span: Span::new(start, end),
                    });
                    self.pos = end;
                }
                // U+FEFF, the byte order mark, is whitespace too.
                0xEF if self.src[self.pos..].starts_with('\u{feff}') => self.pos += 3,
                _ => return,
            }
        }
    }

    /// The next byte after trivia, not consumed.
    fn peek(&mut self) -> Option<u8> {
        self.trivia();
        self.bytes.get(self.pos).copied()
    }

    /// Consumes `byte` (after trivia) if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.pos += 1;
            self.last_end = self.pos;
            true
        } else {
            false
        }
    }

    fn token(&mut self, start: usize, end: usize) -> Span {
        self.pos = end;
        self.last_end = end;
        Span::new(start, end)
    }

    /// The word (an identifier's characters) at the cursor, after trivia,
    /// without consuming it.
    fn word(&mut self) -> Option<(usize, usize)> {
        self.trivia();
        let start = self.pos;
        let mut chars = self.src[start..].char_indices();
        let (_, first) = chars.next()?;
        if !ident_start(first) {
            return None;
        }
        let end = chars
            .find(|&(_, c)| !ident_cont(c))
            .map_or(self.src.len(), |(i, _)| start + i);
        Some((start, end))
    }

    /// The keyword `kw`, as a whole word.
    fn keyword(&mut self, kw: &str) -> Option<Span> {
        let (start, end) = self.word()?;
        (&self.src[start..end] == kw).then(|| self.token(start, end))
    }

    /// The next word, without consuming it (for choosing an attribute).
    fn next_word(&mut self) -> Option<&str> {
        let (start, end) = self.word()?;
        Some(&self.src[start..end])
    }

    fn ident(&mut self) -> Option<Ident> {
        let (start, end) = self.word()?;
        let span = self.token(start, end);
        Some(Ident {
            name: self.src[start..end].to_string(),
            span,
        })
    }

    fn ident_list(&mut self) -> Option<Vec<Ident>> {
        let mut list = vec![self.ident()?];
        while self.eat(b',') {
            list.push(self.ident()?);
        }
        Some(list)
    }

    /// `ASCII_DIGIT ~ ASCII_ALPHANUMERIC*`, the end of the code at `start`.
    fn code_end(&self, start: usize) -> Option<usize> {
        if !self.bytes.get(start)?.is_ascii_digit() {
            return None;
        }
        let len = self.bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(self.bytes.len() - start);
        Some(start + len)
    }

    fn code(&mut self) -> Option<Code> {
        self.trivia();
        let start = self.pos;
        let end = self.code_end(start)?;
        let span = self.token(start, end);
        Some(Code {
            value: self.src[start..end].to_string(),
            span,
        })
    }

    /// A code that may follow, as in `membre x epci 200040715`.
    fn opt_code(&mut self) -> Option<Code> {
        match self.peek() {
            Some(b) if b.is_ascii_digit() => self.code(),
            _ => None,
        }
    }

    /// `siret_code`: codes separated by spaces, read whole.
    fn siret_code(&mut self) -> Option<Code> {
        self.trivia();
        let start = self.pos;
        let mut end = self.code_end(start)?;
        loop {
            let spaces = self.bytes[end..].iter().take_while(|&&b| b == b' ').count();
            match self.code_end(end + spaces) {
                Some(next) if spaces > 0 => end = next,
                _ => break,
            }
        }
        let span = self.token(start, end);
        Some(Code {
            value: self.src[start..end].to_string(),
            span,
        })
    }

    /// `rule_id`: `FNE-COM-05`.
    fn rule_id(&mut self) -> Option<Code> {
        self.trivia();
        let start = self.pos;
        let word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
        if !self.bytes.get(start)?.is_ascii_alphabetic() {
            return None;
        }
        let mut end = start
            + 1
            + self.bytes[start + 1..]
                .iter()
                .take_while(|b| word(b))
                .count();
        while self.bytes.get(end) == Some(&b'-') {
            let len = self.bytes[end + 1..].iter().take_while(|b| word(b)).count();
            if len == 0 {
                break;
            }
            end += 1 + len;
        }
        let span = self.token(start, end);
        Some(Code {
            value: self.src[start..end].to_string(),
            span,
        })
    }

    fn digits(&self, from: usize) -> usize {
        self.bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    }

    /// `integer`, as its text and span.
    fn integer(&mut self) -> Option<(usize, usize)> {
        self.trivia();
        let start = self.pos;
        let len = self.digits(start);
        (len > 0).then(|| {
            self.token(start, start + len);
            (start, start + len)
        })
    }

    /// `range`: `2024..2026`, with no space inside.
    fn range(&mut self) -> Option<Range> {
        self.trivia();
        let start = self.pos;
        let first = self.digits(start);
        if first == 0 || !self.src[start + first..].starts_with("..") {
            return None;
        }
        let second_start = start + first + 2;
        let second = self.digits(second_start);
        if second == 0 {
            return None;
        }
        let end = second_start + second;
        let span = self.token(start, end);
        let year = |a: usize, b: usize| (&self.src[a..b], Span::new(a, b));
        Some(range_value(
            year(start, start + first),
            year(second_start, end),
            span,
            &mut self.diagnostics,
        ))
    }

    /// A thousands separator (`group_sep`) at byte `i`: its length.
    fn group_sep(&self, i: usize) -> Option<usize> {
        let rest = self.src.get(i..)?;
        [" ", "\u{a0}", "\u{202f}"]
            .into_iter()
            .find(|sep| rest.starts_with(sep))
            .map(str::len)
    }

    /// `number`: digits grouped by threes with spaces (`300 000`), or
    /// digits with `_` groups; then a decimal part (`.5`, `,5`); its end.
    fn number_end(&self, start: usize) -> Option<usize> {
        let lead = self.digits(start);
        if lead == 0 {
            return None;
        }
        // The French grouping, which needs one group at least; pest's
        // `ASCII_DIGIT{1,3}` takes up to three digits and never fewer.
        let mut end = start + lead.min(3);
        let mut groups = 0;
        if lead <= 3 {
            while let Some(sep) = self.group_sep(end) {
                if self.digits(end + sep) == 3 {
                    end += sep + 3;
                    groups += 1;
                } else {
                    break;
                }
            }
        }
        if groups == 0 {
            end = start + lead;
            while self.bytes.get(end) == Some(&b'_') && self.digits(end + 1) > 0 {
                end += 1 + self.digits(end + 1);
            }
        }
        if matches!(self.bytes.get(end), Some(b'.' | b',')) && self.digits(end + 1) > 0 {
            end += 1 + self.digits(end + 1);
        }
        Some(end)
    }

    fn number(&mut self) -> Option<Number> {
        self.trivia();
        let start = self.pos;
        let end = self.number_end(start)?;
        let span = self.token(start, end);
        Some(number_value(
            &self.src[start..end],
            span,
            false,
            &mut self.diagnostics,
        ))
    }

    /// `amount`: a number, then on the same line an optional `€`.
    fn amount(&mut self) -> Option<Number> {
        self.trivia();
        let start = self.pos;
        let end = self.number_end(start)?;
        let blanks = self.src[end..]
            .chars()
            .take_while(|c| matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}'))
            .map(char::len_utf8)
            .sum::<usize>();
        let euro = self.src[end + blanks..].starts_with('€');
        let last = if euro {
            end + blanks + '€'.len_utf8()
        } else {
            end
        };
        self.token(start, last);
        let mut n = number_value(
            &self.src[start..end],
            Span::new(start, end),
            euro,
            &mut self.diagnostics,
        );
        n.span = Span::new(start, last);
        Some(n)
    }

    /// `string`: `"…"` or `"""…"""`.
    fn string(&mut self) -> Option<Str> {
        self.trivia();
        let start = self.pos;
        let rest = &self.src[start..];
        if rest.starts_with("\"\"\"") {
            // Where the triple string does not close, pest would read an
            // empty simple string instead: leave that odd case to it.
            let body = start + 3;
            let mut i = body;
            loop {
                match self.bytes.get(i)? {
                    b'\\' => i += 1 + self.char_len(i + 1)?,
                    b'"' if self.src[i..].starts_with("\"\"\"") => break,
                    _ => i += self.char_len(i)?,
                }
            }
            let span = self.token(start, i + 3);
            let raw = &self.src[body..i];
            return Some(string_value(raw, body, true, span, &mut self.diagnostics));
        }
        if rest.starts_with('«') {
            return self.french_string(start);
        }
        // `“ … ”` is an error, reported by pest.
        if !rest.starts_with('"') {
            return None;
        }
        let body = start + 1;
        let mut i = body;
        // Byte by byte: the bytes looked for are ASCII, which no byte of a
        // longer character can be; an escape skips the byte after `\`
        // (the rest of a longer escaped character is skipped with the
        // text). Decoding each character here was most of the time of
        // reading a file of 200 000 named members.
        loop {
            match *self.bytes.get(i)? {
                b'\\' if i + 1 < self.bytes.len() => i += 2,
                b'\\' => return None,
                b'"' => break,
                b'\r' | b'\n' => return None,
                _ => i += 1,
            }
        }
        let span = self.token(start, i + 1);
        let raw = &self.src[body..i];
        Some(string_value(raw, body, false, span, &mut self.diagnostics))
    }

    /// `« … »`: no escapes, the spaces inside the guillemets dropped.
    fn french_string(&mut self, start: usize) -> Option<Str> {
        let body = start + '«'.len_utf8();
        let len = self.src[body..].find(['»', '\r', '\n'])?;
        if !self.src[body + len..].starts_with('»') {
            return None;
        }
        let raw = &self.src[body..body + len];
        for (at, c) in crate::unicode::bidi_controls(raw) {
            self.diagnostics
                .push(super::error::bidi_control(body + at, c));
        }
        let span = self.token(start, body + len + '»'.len_utf8());
        Some(Str {
            value: super::french::guillemets_value(raw),
            triple: false,
            span,
        })
    }

    /// The length of the character at byte `i`.
    fn char_len(&self, i: usize) -> Option<usize> {
        self.src.get(i..)?.chars().next().map(char::len_utf8)
    }

    /// A string that may follow (`opt_string`).
    fn opt_string(&mut self) -> Option<Option<Str>> {
        self.trivia();
        let rest = &self.src[self.pos..];
        if rest.starts_with(['"', '«', '“']) {
            self.string().map(Some)
        } else {
            Some(None)
        }
    }

    fn attr<T>(&mut self, keyword: Span, value: T) -> Attr<T> {
        Attr {
            keyword,
            value,
            span: Span::new(keyword.start, self.last_end),
        }
    }

    /// The next word, as a keyword to dispatch on, consumed; `None` at `}`.
    fn attr_keyword(&mut self) -> Option<Option<(String, Span)>> {
        if self.eat(b'}') {
            return Some(None);
        }
        let (start, end) = self.word()?;
        let span = self.token(start, end);
        Some(Some((self.src[start..end].to_string(), span)))
    }

    fn item(&mut self) -> Option<Item> {
        let (start, end) = self.word()?;
        let keyword = self.token(start, end);
        let item = match &self.src[start..end] {
            "territoire" => {
                let mut codes = vec![self.code()?];
                while self.eat(b',') {
                    codes.push(self.code()?);
                }
                Item::Territoire(Territoire {
                    codes,
                    span: self.since(keyword),
                })
            }
            "periode" => Item::Periode(Periode {
                range: self.range()?,
                span: self.since(keyword),
            }),
            "membre" => self.membre(keyword)?,
            "pilotage" => self.pilotage(keyword)?,
            "comite" => {
                let id = self.ident()?;
                let kind = self.ident()?;
                let (precision, nom) = self.precision_and_name()?;
                if !self.eat(b'{') {
                    return None;
                }
                let attrs = self.body_attrs(true)?;
                Item::Comite(ComiteDecl {
                    id,
                    kind,
                    precision,
                    nom,
                    attrs,
                    span: self.since(keyword),
                })
            }
            "existant" => {
                let id = self.ident()?;
                let contrat = self.ident()?;
                let (precision, nom) = self.precision_and_name()?;
                let attrs = if self.eat(b'{') {
                    self.body_attrs(false)?
                } else {
                    Vec::new()
                };
                Item::Existant(ExistantDecl {
                    id,
                    contrat,
                    precision,
                    nom,
                    attrs,
                    span: self.since(keyword),
                })
            }
            "sans_chevauchement" => Item::SansChevauchement(SansChevauchementDecl {
                ids: self.ident_list()?,
                span: self.since(keyword),
            }),
            "crsn" => {
                let region = self.code()?;
                if !self.eat(b'{') {
                    return None;
                }
                let mut membres = Vec::new();
                while let Some((word, kw)) = self.attr_keyword()? {
                    if word != "membres" {
                        return None;
                    }
                    let list = self.ident_list()?;
                    membres.push(self.attr(kw, list));
                }
                Item::Crsn(CrsnDecl {
                    region,
                    membres,
                    span: self.since(keyword),
                })
            }
            "feuille_de_route" => self.feuille(keyword)?,
            "besoins" => self.besoins(keyword)?,
            "derogation" => {
                let rule = self.rule_id()?;
                let motif = self.string()?;
                Item::Derogation(DerogationDecl {
                    rule,
                    motif,
                    span: self.since(keyword),
                })
            }
            _ => return None,
        };
        Some(item)
    }

    /// From the start of `first` to the end of the last token.
    fn since(&self, first: Span) -> Span {
        Span::new(first.start, self.last_end)
    }

    fn membre(&mut self, keyword: Span) -> Option<Item> {
        let id = self.ident()?;
        let nature = self.ident()?;
        let code = self.opt_code();
        let libelle = self.opt_string()?;
        let mut attrs = Vec::new();
        if self.eat(b'{') {
            while let Some((word, kw)) = self.attr_keyword()? {
                attrs.push(match word.as_str() {
                    "siret" => {
                        let v = self.siret_code()?;
                        MembreAttr::Siret(self.attr(kw, v))
                    }
                    "region" => {
                        let v = self.code()?;
                        MembreAttr::Region(self.attr(kw, v))
                    }
                    "tags" => {
                        let v = self.ident_list()?;
                        MembreAttr::Tags(self.attr(kw, v))
                    }
                    _ => return None,
                });
            }
        }
        Some(Item::Membre(MembreDecl {
            id,
            nature,
            code,
            libelle,
            attrs,
            span: self.since(keyword),
        }))
    }

    fn pilotage(&mut self, keyword: Span) -> Option<Item> {
        if !self.eat(b'{') {
            return None;
        }
        let mut attrs = Vec::new();
        while let Some((word, kw)) = self.attr_keyword()? {
            attrs.push(match word.as_str() {
                "prefet" => {
                    let v = self.ident()?;
                    PilotageAttr::Prefet(self.attr(kw, v))
                }
                "pilote" => {
                    let v = self.ident()?;
                    PilotageAttr::Pilote(self.attr(kw, v))
                }
                "copilotes" => {
                    let v = self.ident_list()?;
                    PilotageAttr::Copilotes(self.attr(kw, v))
                }
                "coordination" => {
                    let v = self.ident_list()?;
                    PilotageAttr::Coordination(self.attr(kw, v))
                }
                "referent" => {
                    let nom = self.string()?;
                    let email = self.string()?;
                    PilotageAttr::Referent(self.attr(kw, (nom, email)))
                }
                _ => return None,
            });
        }
        Some(Item::Pilotage(PilotageDecl {
            attrs,
            span: self.since(keyword),
        }))
    }

    /// `"nom"` or `"précision" "nom"`.
    fn precision_and_name(&mut self) -> Option<(Option<Str>, Str)> {
        let first = self.string()?;
        Some(match self.opt_string()? {
            Some(nom) => (Some(first), nom),
            None => (None, first),
        })
    }

    /// The attributes of a comité (`all`) or of an existing body (only
    /// `membres` and `perimetre`), up to the closing brace.
    fn body_attrs(&mut self, all: bool) -> Option<Vec<BodyAttr>> {
        let mut attrs = Vec::new();
        while let Some((word, kw)) = self.attr_keyword()? {
            attrs.push(match word.as_str() {
                "membres" => {
                    let v = self.ident_list()?;
                    BodyAttr::Membres(self.attr(kw, v))
                }
                "perimetre" => {
                    let v = self.ident_list()?;
                    BodyAttr::Perimetre(self.attr(kw, v))
                }
                _ if !all => return None,
                "presidence" => {
                    let v = self.ident_list()?;
                    BodyAttr::Presidence(self.attr(kw, v))
                }
                "frequence" => {
                    let v = self.ident()?;
                    BodyAttr::Frequence(self.attr(kw, v))
                }
                "rend_compte" => {
                    let v = self.ident()?;
                    BodyAttr::RendCompte(self.attr(kw, v))
                }
                "adosse" => {
                    let v = self.ident()?;
                    BodyAttr::Adosse(self.attr(kw, v))
                }
                "mission" => {
                    let v = self.string()?;
                    BodyAttr::Mission(self.attr(kw, v))
                }
                "prochaine_reunion" => {
                    let v = self.date()?;
                    BodyAttr::ProchaineReunion(self.attr(kw, v))
                }
                _ => return None,
            });
        }
        Some(attrs)
    }

    fn feuille(&mut self, keyword: Span) -> Option<Item> {
        let id = self.ident()?;
        let nom = self.string()?;
        if !self.eat(b'{') {
            return None;
        }
        let mut attrs = Vec::new();
        while let Some((word, kw)) = self.attr_keyword()? {
            attrs.push(match word.as_str() {
                "porteur" => {
                    let v = self.ident()?;
                    FeuilleAttr::Porteur(self.attr(kw, v))
                }
                "perimetre" => {
                    let v = self.ident_list()?;
                    FeuilleAttr::Perimetre(self.attr(kw, v))
                }
                "contrat" => {
                    let contrat = self.ident()?;
                    let precision = self.opt_string()?;
                    FeuilleAttr::Contrat(self.attr(kw, (contrat, precision)))
                }
                "diagnostic" => {
                    let v = self.string()?;
                    FeuilleAttr::Diagnostic(self.attr(kw, v))
                }
                "action" => FeuilleAttr::Action(self.action(kw)?),
                _ => return None,
            });
        }
        Some(Item::FeuilleDeRoute(FeuilleDeRouteDecl {
            id,
            nom,
            attrs,
            span: self.since(keyword),
        }))
    }

    fn action(&mut self, keyword: Span) -> Option<ActionDecl> {
        let nom = self.string()?;
        if !self.eat(b'{') {
            return None;
        }
        let mut attrs = Vec::new();
        while let Some((word, kw)) = self.attr_keyword()? {
            attrs.push(match word.as_str() {
                "porteurs" => {
                    let v = self.ident_list()?;
                    ActionAttr::Porteurs(self.attr(kw, v))
                }
                "besoins" => {
                    let v = self.ident_list()?;
                    ActionAttr::Besoins(self.attr(kw, v))
                }
                "annees" => {
                    let v = self.range()?;
                    ActionAttr::Annees(self.attr(kw, v))
                }
                "budget" => {
                    let v = self.amount()?;
                    ActionAttr::Budget(self.attr(kw, v))
                }
                "financement" => {
                    let who = self.ident()?;
                    let amount = self.amount()?;
                    ActionAttr::Financement(self.attr(kw, (who, amount)))
                }
                "subvention" => ActionAttr::Subvention(self.subvention(kw)?),
                _ => return None,
            });
        }
        Some(ActionDecl {
            keyword,
            nom,
            attrs,
            span: self.since(keyword),
        })
    }

    /// `subvention MONTANT { … }`, the State grant of an action.
    fn subvention(&mut self, keyword: Span) -> Option<SubventionDecl> {
        let montant = self.amount()?;
        if !self.eat(b'{') {
            return None;
        }
        let mut attrs = Vec::new();
        while let Some((word, kw)) = self.attr_keyword()? {
            attrs.push(match word.as_str() {
                "enveloppe" => {
                    let enveloppe = self.ident()?;
                    let precision = self.opt_string()?;
                    SubventionAttr::Enveloppe(self.attr(kw, (enveloppe, precision)))
                }
                "etp" => {
                    let v = self.amount()?;
                    SubventionAttr::Etp(self.attr(kw, v))
                }
                "prestation" => {
                    let v = self.amount()?;
                    SubventionAttr::Prestation(self.attr(kw, v))
                }
                "beneficiaire" => {
                    let who = self.ident()?;
                    let amount = self.amount()?;
                    SubventionAttr::Beneficiaire(self.attr(kw, (who, amount)))
                }
                "statut" => {
                    let v = self.ident()?;
                    SubventionAttr::Statut(self.attr(kw, v))
                }
                _ => return None,
            });
        }
        Some(SubventionDecl {
            keyword,
            montant,
            attrs,
            span: self.since(keyword),
        })
    }

    /// `date`: `AAAA-MM-JJ`.
    fn date(&mut self) -> Option<Date> {
        self.trivia();
        let start = self.pos;
        let b = self.bytes.get(start..start + 10)?;
        let shape = b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
        if !shape {
            return None;
        }
        let span = self.token(start, start + 10);
        Some(date_value(
            &self.src[start..start + 10],
            span,
            &mut self.diagnostics,
        ))
    }

    /// `priorite N` after its keyword: an integer.
    fn priorite(&mut self, kw: Span) -> Option<Attr<Number>> {
        let (start, end) = self.integer()?;
        let v = number_value(
            &self.src[start..end],
            Span::new(start, end),
            false,
            &mut self.diagnostics,
        );
        Some(self.attr(kw, v))
    }

    fn besoins(&mut self, keyword: Span) -> Option<Item> {
        if !self.eat(b'{') {
            return None;
        }
        let mut besoins = Vec::new();
        let mut total_etp = Vec::new();
        while !self.eat(b'}') {
            if self.next_word() == Some("total_etp") {
                let kw = self.keyword("total_etp")?;
                let etp = self.number()?;
                let priorite = match self.next_word() {
                    Some("priorite") => {
                        let kw = self.keyword("priorite")?;
                        Some(self.priorite(kw)?)
                    }
                    _ => None,
                };
                total_etp.push(TotalEtpDecl {
                    etp,
                    priorite,
                    span: self.since(kw),
                });
                continue;
            }
            let besoin = self.ident()?;
            if matches!(
                besoin.name.as_str(),
                "etp" | "prestation" | "nombre" | "priorite"
            ) {
                return None;
            }
            let precision = self.opt_string()?;
            let mut options = Vec::new();
            loop {
                let option = match self.next_word() {
                    Some("etp") => {
                        let kw = self.keyword("etp")?;
                        let v = self.number()?;
                        BesoinOption::Etp(self.attr(kw, v))
                    }
                    Some("prestation") => {
                        let kw = self.keyword("prestation")?;
                        BesoinOption::Prestation(self.attr(kw, ()))
                    }
                    Some("nombre") => {
                        let kw = self.keyword("nombre")?;
                        let v = self.number()?;
                        BesoinOption::Nombre(self.attr(kw, v))
                    }
                    Some("priorite") => {
                        let kw = self.keyword("priorite")?;
                        BesoinOption::Priorite(self.priorite(kw)?)
                    }
                    _ => break,
                };
                options.push(option);
            }
            besoins.push(BesoinDecl {
                span: Span::new(besoin.span.start, self.last_end),
                besoin,
                precision,
                options,
            });
        }
        Some(Item::Besoins(BesoinsDecl {
            besoins,
            total_etp,
            span: self.since(keyword),
        }))
    }
}
