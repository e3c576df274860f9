//! The meeting calendar: each comité meets at its frequency's interval
//! (every 1, 3, 6 or 12 months), anchored on its `prochaine_reunion`, else
//! on the first day of the period. One line per comité: a month-by-month
//! table per year, and a Mermaid gantt with one row per comité.

use jiff::civil::Date;

use super::{Bloc, Builder, Tableau};
use crate::model::{Comite, Frequence, Gouvernance};

/// The months, in words.
pub const MOIS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// The months, abbreviated as the Imprimerie nationale does.
const MOIS_COURTS: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];

/// A comité's meetings over the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reunions {
    /// True when anchored on `prochaine_reunion` (the days are known).
    pub ancre: bool,
    /// The meeting dates, in order.
    pub dates: Vec<Date>,
}

/// Months between two meetings.
pub fn intervalle(f: Frequence) -> i32 {
    12 / f.par_an() as i32
}

/// The meetings of a comité that has a frequency, within the period.
pub fn reunions(g: &Gouvernance, c: &Comite) -> Option<Reunions> {
    let f = c.frequence?;
    let anchor = c
        .prochaine_reunion
        .as_deref()
        .and_then(|d| d.parse::<Date>().ok());
    let ancre = anchor.is_some();
    let anchor = anchor.unwrap_or_else(|| {
        Date::new(g.periode.debut as i16, 1, 1).unwrap_or(Date::constant(2025, 1, 1))
    });
    let step = intervalle(f);
    let month_of = |d: Date| i32::from(d.year()) * 12 + i32::from(d.month()) - 1;
    let (first, last) = (g.periode.debut as i32 * 12, g.periode.fin as i32 * 12 + 11);
    let a = month_of(anchor);
    // The first meeting month at or after the period's start, in phase
    // with the anchor.
    let mut m = a - (a - first).div_euclid(step) * step;
    let mut dates = Vec::new();
    while m <= last {
        let (year, month) = (m.div_euclid(12), m.rem_euclid(12) + 1);
        if let Ok(first_day) = Date::new(year as i16, month as i8, 1) {
            let day = anchor.day().min(first_day.days_in_month());
            if let Ok(d) = Date::new(year as i16, month as i8, day) {
                dates.push(d);
            }
        }
        m += step;
    }
    Some(Reunions { ancre, dates })
}

/// Text for a Mermaid gantt name: no `:`, `;`, `#` or line end.
pub fn gantt_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ':' | ';' | '#' | '\n' | '\r' | '\t' | '`' | '%' | '{' | '}' => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A gantt's row title: at most 36 characters.
fn court(text: &str) -> String {
    let text = gantt_text(text);
    if text.chars().count() <= 36 {
        text
    } else {
        let mut short: String = text.chars().take(35).collect();
        short = short.trim_end().to_string();
        short.push('…');
        short
    }
}

pub(super) fn calendrier(b: &mut Builder) {
    let g = b.g;
    b.titre(2, "6. Calendrier des réunions");
    let planned: Vec<(&Comite, Reunions)> = g
        .comites
        .iter()
        .filter_map(|c| Some((c, reunions(g, c)?)))
        .collect();
    if planned.is_empty() {
        b.a_faire("la fréquence de réunion de chaque comité.");
        return;
    }
    b.para(
        "Réunions que les fréquences impliquent sur la période : chaque comité se réunit à l'intervalle de sa fréquence (tous les mois, trimestres, semestres ou ans) à partir de sa prochaine réunion, ou du début de la période quand elle n'est pas fixée.",
    );
    let mut t = Tableau::new(
        &[
            "Comité",
            "Fréquence",
            "À partir du",
            "Réunions sur la période",
        ],
        &[false, false, false, true],
    );
    for (c, r) in &planned {
        let from = match (&c.prochaine_reunion, r.ancre) {
            (Some(d), true) => super::date_fr(d),
            _ => format!(
                "{} (prochaine réunion à fixer)",
                super::date_fr(&format!("{}-01-01", g.periode.debut))
            ),
        };
        t.lignes.push(vec![
            c.nom.clone(),
            c.frequence.map_or("", |f| f.as_str()).to_string(),
            from,
            r.dates.len().to_string(),
        ]);
    }
    for c in g.comites.iter().filter(|c| c.frequence.is_none()) {
        t.lignes.push(vec![
            c.nom.clone(),
            "à compléter".to_string(),
            "—".to_string(),
            "—".to_string(),
        ]);
    }
    b.blocs.push(Bloc::Tableau(t));
    if g.comites.iter().any(|c| c.frequence.is_none()) {
        b.a_faire("la fréquence des comités qui n'en ont pas.");
    }
    for year in g.periode.debut..=g.periode.fin {
        b.titre(3, year.to_string());
        let mut entetes = vec!["Comité"];
        entetes.extend(MOIS_COURTS);
        let mut droite = vec![false];
        droite.extend([false; 12]);
        let mut t = Tableau::new(&entetes, &droite);
        for (c, r) in &planned {
            let mut line = vec![c.nom.clone()];
            for month in 1..=12 {
                let cell = r
                    .dates
                    .iter()
                    .find(|d| i64::from(d.year()) == year && d.month() == month)
                    .map_or(String::new(), |d| {
                        if r.ancre {
                            d.day().to_string()
                        } else {
                            "●".to_string()
                        }
                    });
                line.push(cell);
            }
            t.lignes.push(line);
        }
        b.blocs.push(Bloc::Tableau(t));
    }
    if planned.iter().any(|(_, r)| !r.ancre) {
        b.para("● : une réunion dans le mois, à dater. Un nombre : le jour de la réunion.");
    } else {
        b.para("Un nombre : le jour de la réunion dans le mois.");
    }
    b.blocs.push(Bloc::Mermaid(gantt(g, &planned)));
}

/// The gantt: one section per comité, its meetings on one row (compact
/// display), names hidden (the dates are in the tables).
fn gantt(g: &Gouvernance, planned: &[(&Comite, Reunions)]) -> String {
    let width = planned
        .iter()
        .map(|(c, _)| court(&c.nom).chars().count())
        .max()
        .unwrap_or(10);
    let mut out = String::new();
    out.push_str("---\ndisplayMode: compact\nconfig:\n  gantt:\n");
    out.push_str(&format!(
        "    leftPadding: {}\n    barHeight: 16\n    barGap: 6\n    topPadding: 40\n    fontSize: 12\n    sectionFontSize: 13\n",
        (width * 8 + 24).max(120)
    ));
    out.push_str("  themeCSS: \".taskText, .taskTextOutsideRight, .taskTextOutsideLeft { display: none; }\"\n---\n");
    out.push_str("gantt\n");
    out.push_str(&format!(
        "  title Réunions des comités {}–{}\n",
        g.periode.debut, g.periode.fin
    ));
    out.push_str(
        "  dateFormat YYYY-MM-DD\n  axisFormat %Y\n  tickInterval 1year\n  todayMarker off\n",
    );
    for (k, (c, r)) in planned.iter().enumerate() {
        out.push_str(&format!("  section {}\n", court(&c.nom)));
        for (n, d) in r.dates.iter().enumerate() {
            out.push_str(&format!(
                "    {} : c{k}r{}, {d}, 10d\n",
                d.strftime("%d/%m/%Y"),
                n + 1
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gantt_names_lose_what_mermaid_reads() {
        assert_eq!(gantt_text("Comité : « A » ; #1\nB"), "Comité « A » 1 B");
        assert_eq!(court(&"x".repeat(50)).chars().count(), 36);
    }
}
