//! The national report as one static HTML page: no network, inline style,
//! a small inline script that sorts the table by the clicked column; every
//! string escaped.

use super::{National, mode, percent};
use crate::escape::xml as escape;

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;color:#1e1e1e}\
h1{font-size:1.4rem}table{border-collapse:collapse;font-size:.9rem}\
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left}\
td.n{text-align:right}th{background:#eef;cursor:pointer}\
th[aria-sort=ascending]::after{content:' ▲'}th[aria-sort=descending]::after{content:' ▼'}\
tr.ko{background:#fee}tfoot td{font-weight:bold;background:#f4f4f4}";

const SCRIPT: &str = "document.querySelectorAll('th').forEach(function(th,i){\
th.addEventListener('click',function(){\
var tb=th.closest('table').tBodies[0],rows=Array.from(tb.rows);\
var asc=th.getAttribute('aria-sort')!=='ascending';\
th.closest('tr').querySelectorAll('th').forEach(function(o){o.removeAttribute('aria-sort')});\
th.setAttribute('aria-sort',asc?'ascending':'descending');\
rows.sort(function(a,b){var x=a.cells[i].dataset.v,y=b.cells[i].dataset.v;\
var nx=parseFloat(x),ny=parseFloat(y);\
var c=(isNaN(nx)||isNaN(ny))?x.localeCompare(y,'fr'):nx-ny;return asc?c:-c});\
rows.forEach(function(r){tb.appendChild(r)});});});";

fn cell(value: &str, sort: &str, numeric: bool) -> String {
    format!(
        "<td{} data-v=\"{}\">{}</td>",
        if numeric { " class=\"n\"" } else { "" },
        escape(sort),
        escape(value)
    )
}

/// The HTML page (also well-formed XML: no `&` or `<` in the script).
pub fn html(n: &National) -> String {
    let mut rows = String::new();
    for t in &n.territoires {
        let share = |s: Option<f64>| s.map_or("-1".to_string(), |s| format!("{s:.4}"));
        let territoire = if t.compile {
            t.nom.clone()
        } else {
            format!("{} (ne compile pas)", t.nom)
        };
        let cells = [
            cell(&t.code, &t.code, false),
            cell(&territoire, &territoire, false),
            cell(&t.fichier, &t.fichier, false),
            cell(mode(t.mode.as_deref()), mode(t.mode.as_deref()), false),
            cell(&t.porteurs.join(", "), &t.porteurs.join(", "), false),
            cell(&t.instances.to_string(), &t.instances.to_string(), true),
            cell(&t.doublons.to_string(), &t.doublons.to_string(), true),
            cell(
                &format!(
                    "{}/{} ({})",
                    t.epci_couverts,
                    t.epci_total,
                    percent(t.part_epci)
                ),
                &share(t.part_epci),
                true,
            ),
            cell(&percent(t.part_population), &share(t.part_population), true),
            cell(&t.erreurs.to_string(), &t.erreurs.to_string(), true),
            cell(
                &t.avertissements.to_string(),
                &t.avertissements.to_string(),
                true,
            ),
            cell(&t.derogations.to_string(), &t.derogations.to_string(), true),
        ];
        rows.push_str(&format!(
            "<tr{}>{}</tr>\n",
            if t.compile && t.erreurs == 0 {
                ""
            } else {
                " class=\"ko\""
            },
            cells.concat()
        ));
    }
    let s = &n.totaux;
    let totals = format!(
        "<tr><td>Total</td><td>{}</td><td></td><td>{}</td><td></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}/{} ({})</td><td></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
        escape(&super::compte(s)),
        escape(&super::modes(s)),
        s.instances,
        s.doublons,
        s.epci_couverts,
        s.epci_total,
        escape(&percent(s.part_epci)),
        s.erreurs,
        s.avertissements,
        s.derogations,
    );
    let note = escape(&super::note(s));
    format!(
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>Gouvernances France Numérique Ensemble : vue nationale</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>Gouvernances France Numérique Ensemble : vue nationale</h1>\n<p>Cliquez sur un en-tête de colonne pour trier le tableau.</p>\n<table>\n<thead><tr><th>Code</th><th>Territoire</th><th>Fichier</th><th>Pilotage</th><th>Pilote ou copilotes</th><th>Instances</th><th>Doublons</th><th>EPCI représentés</th><th>Population représentée</th><th>Erreurs</th><th>Avertissements</th><th>Dérogations</th></tr></thead>\n<tbody>\n{rows}</tbody>\n<tfoot>{totals}</tfoot>\n</table>\n<p>{note}</p>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )
}
