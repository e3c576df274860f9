//! The roadmap document as OpenDocument text (ODF 1.3, `.odt`): the format
//! the RGI recommends, opened by LibreOffice and Word. Real headings
//! (outline levels, so that a table of contents can be inserted), real
//! tables with a repeated header row, bulleted lists, placeholders in a
//! style of their own, and the org chart as a PNG image (rasterised by
//! copil from its SVG). The package is a zip archive written by the `zip`
//! crate: `mimetype` first and stored, then the manifest, the styles, the
//! metadata, the content and the picture. The archive is deterministic
//! (fixed dates).

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::{A_COMPLETER, Bloc, Document, Tableau};
use crate::escape::xml;
use crate::render::{png, svg};

const MIMETYPE: &str = "application/vnd.oasis.opendocument.text";
const IMAGE: &str = "Pictures/organigramme.png";
/// The text width of an A4 page with 2 cm margins, and the tallest image.
const LARGEUR_CM: f64 = 17.0;
const HAUTEUR_MAX_CM: f64 = 24.0;

const NS: &str = r##"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3""##;

/// The document as an `.odt` file, its org chart rasterised by copil
/// ([`png::png`]). The error (in French) is the org chart's, should it
/// fail to rasterise.
pub fn odt(doc: &Document) -> Result<Vec<u8>, String> {
    odt_with(doc, png::png)
}

/// The document as an `.odt` file, its org chart drawn by `draw`, which
/// gets the chart's SVG at its own size ([`svg::svg_fixe`]) and gives PNG
/// bytes. The web editor passes the image its browser drew, so that the
/// rasteriser and its fonts stay out of the WebAssembly module.
pub fn odt_with(
    doc: &Document,
    draw: impl FnOnce(&str) -> Result<Vec<u8>, String>,
) -> Result<Vec<u8>, String> {
    let mut picture = None;
    if let Some(chart) = doc.blocs.iter().find_map(|bloc| match bloc {
        Bloc::Organigramme(chart) => Some(chart),
        _ => None,
    }) {
        let bytes = draw(&svg::svg_fixe(chart))?;
        if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.len() < 24 {
            return Err("l'image de l'organigramme n'est pas un PNG".to_string());
        }
        picture = Some(bytes);
    }
    let content = content(doc, picture.as_deref().map(png_size));
    package(doc, &content, picture.as_deref())
        .map_err(|e| format!("le fichier OpenDocument n'a pas pu être assemblé : {e}"))
}

/// Width and height in pixels, from the PNG header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    let be = |i: usize| {
        bytes
            .get(i..i + 4)
            .map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    (be(16), be(20))
}

fn package(
    doc: &Document,
    content: &str,
    picture: Option<&[u8]>,
) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let when = DateTime::default();
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(when);
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(when);
    zip.start_file("mimetype", stored)?;
    zip.write_all(MIMETYPE.as_bytes())?;
    zip.start_file("META-INF/manifest.xml", deflated)?;
    zip.write_all(manifest(picture.is_some()).as_bytes())?;
    zip.start_file("styles.xml", deflated)?;
    zip.write_all(STYLES.as_bytes())?;
    zip.start_file("meta.xml", deflated)?;
    zip.write_all(meta(doc).as_bytes())?;
    zip.start_file("content.xml", deflated)?;
    zip.write_all(content.as_bytes())?;
    if let Some(bytes) = picture {
        zip.start_file(IMAGE, stored)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

fn manifest(picture: bool) -> String {
    let mut out = String::from(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
"##,
    );
    if picture {
        let _ = writeln!(
            out,
            r##" <manifest:file-entry manifest:full-path="{IMAGE}" manifest:media-type="image/png"/>"##
        );
    }
    out.push_str("</manifest:manifest>\n");
    out
}

fn meta(doc: &Document) -> String {
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta {NS}><office:meta><dc:title>{}</dc:title><meta:generator>copil</meta:generator><dc:language>fr-FR</dc:language></office:meta></office:document-meta>
"##,
        xml(&doc.titre)
    )
}

/// The named styles: headings, body text, placeholders, table text, the
/// A4 page.
const STYLES: &str = concat!(
    r##"<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles "##,
    r##"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3">"##,
    r##"
<office:font-face-decls><style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" style:font-family-generic="swiss"/></office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.2cm"/><style:text-properties style:font-name="DejaVu Sans" fo:font-size="10pt" fo:language="fr" fo:country="FR"/></style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
 <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:paragraph-properties fo:margin-bottom="0.25cm" fo:line-height="120%"/></style:style>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.4cm"/><style:text-properties fo:font-size="20pt" fo:font-weight="bold" fo:color="#1f3864"/></style:style>
 <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:class="text"><style:paragraph-properties fo:margin-top="0.5cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/><style:text-properties fo:font-weight="bold" fo:color="#1f3864"/></style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="1" style:class="text"><style:text-properties fo:font-size="16pt"/></style:style>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="2" style:class="text"><style:text-properties fo:font-size="13pt"/></style:style>
 <style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="3" style:class="text"><style:text-properties fo:font-size="11pt"/></style:style>
 <style:style style:name="A_20_completer" style:display-name="À compléter" style:family="paragraph" style:parent-style-name="Text_20_body"><style:paragraph-properties fo:background-color="#fff4ce" fo:padding="0.15cm" fo:border-left="2pt solid #b7791f"/><style:text-properties fo:font-style="italic" fo:color="#5c3d00"/></style:style>
 <style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:margin-bottom="0cm"/><style:text-properties fo:font-size="8.5pt"/></style:style>
 <style:style style:name="Table_20_Number" style:display-name="Table Number" style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra"><style:paragraph-properties fo:text-align="end"/></style:style>
 <style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Table_20_Total" style:display-name="Table Total" style:family="paragraph" style:parent-style-name="Table_20_Number" style:class="extra"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Figure" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/></office:master-styles>
</office:document-styles>
"##
);

/// `content.xml`: the automatic styles of tables, cells, lists and the
/// image frame, then the body.
fn content(doc: &Document, picture: Option<(u32, u32)>) -> String {
    let mut columns = String::new();
    let body = body(doc, picture, &mut columns);
    let mut out = String::new();
    let _ = write!(
        out,
        r##"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {NS}>
<office:automatic-styles>
 <style:style style:name="Tableau" style:family="table"><style:table-properties style:width="{LARGEUR_CM}cm" table:align="margins" fo:margin-top="0.1cm" fo:margin-bottom="0.3cm"/></style:style>
 <style:style style:name="Cellule" style:family="table-cell"><style:table-cell-properties fo:padding="0.06cm" fo:border="0.5pt solid #9a9a9a"/></style:style>
 <style:style style:name="Entete" style:family="table-cell"><style:table-cell-properties fo:padding="0.06cm" fo:border="0.5pt solid #9a9a9a" fo:background-color="#dbe7f6"/></style:style>
 <style:style style:name="Cadre" style:family="graphic"><style:graphic-properties style:wrap="none" style:vertical-pos="top" style:horizontal-pos="center" style:horizontal-rel="paragraph"/></style:style>
 {columns}<text:list-style style:name="Puces"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.6cm" fo:text-indent="-0.4cm" fo:margin-left="0.6cm"/></style:list-level-properties></text:list-level-style-bullet></text:list-style>
</office:automatic-styles>
<office:body><office:text>
"##
    );
    out.push_str(&body);
    out.push_str("</office:text></office:body></office:document-content>\n");
    out
}

/// The body's paragraphs, headings, lists, tables and image; the tables'
/// column styles go to `columns`.
fn body(doc: &Document, picture: Option<(u32, u32)>, columns: &mut String) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        r##"<text:p text:style-name="Title">{}</text:p>"##,
        xml(&doc.titre)
    );
    let mut tables = 0;
    for bloc in &doc.blocs {
        match bloc {
            Bloc::Titre(level, text) => {
                // Parts are level 1 in the document (the title is not a heading).
                let level = level.saturating_sub(1).max(1);
                let _ = writeln!(
                    out,
                    r##"<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">{}</text:h>"##,
                    xml(text)
                );
            }
            Bloc::Paragraphe(text) => {
                let _ = writeln!(
                    out,
                    r##"<text:p text:style-name="Text_20_body">{}</text:p>"##,
                    xml(text)
                );
            }
            Bloc::AFaire(text) => {
                let _ = writeln!(
                    out,
                    r##"<text:p text:style-name="A_20_completer">{A_COMPLETER} {}</text:p>"##,
                    xml(text)
                );
            }
            Bloc::Liste(items) => {
                out.push_str(r##"<text:list text:style-name="Puces">"##);
                for item in items {
                    let _ = write!(
                        out,
                        r##"<text:list-item><text:p text:style-name="Text_20_body">{}</text:p></text:list-item>"##,
                        xml(item)
                    );
                }
                out.push_str("</text:list>\n");
            }
            Bloc::Tableau(t) => {
                tables += 1;
                table(&mut out, columns, t, tables);
            }
            Bloc::Organigramme(_) => match picture {
                Some((w, h)) if w > 0 && h > 0 => {
                    let mut width = LARGEUR_CM;
                    let mut height = width * f64::from(h) / f64::from(w);
                    if height > HAUTEUR_MAX_CM {
                        width *= HAUTEUR_MAX_CM / height;
                        height = HAUTEUR_MAX_CM;
                    }
                    let _ = writeln!(
                        out,
                        r##"<text:p text:style-name="Figure"><draw:frame draw:style-name="Cadre" draw:name="Organigramme" text:anchor-type="as-char" svg:width="{width:.2}cm" svg:height="{height:.2}cm" draw:z-index="0"><draw:image xlink:href="{IMAGE}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad" draw:mime-type="image/png"/><svg:title>Organigramme de la gouvernance</svg:title></draw:frame></text:p>"##
                    );
                }
                _ => {
                    let _ = writeln!(
                        out,
                        r##"<text:p text:style-name="A_20_completer">{A_COMPLETER} l'organigramme (copil render --organigramme --format png).</text:p>"##
                    );
                }
            },
            // The gantt is for Markdown readers; the month-by-month tables
            // carry the same dates.
            Bloc::Mermaid(_) => {}
        }
    }
    out
}

/// The mean advance of a character of the tables' text (DejaVu Sans,
/// 8.5 pt, bold headers), in centimetres, and a cell's padding.
const CAR_CM: f64 = 0.2;
const MARGE_CM: f64 = 0.3;

/// Each column's width in centimetres: at least its longest word (so that
/// no word is cut: « stratégique », « 12 membres »), then what is left of
/// the page shared in proportion to what each column's longest text would
/// need (capped, so that a long libellé wraps).
fn widths(t: &Tableau) -> Vec<f64> {
    let (mut least, mut wish) = (Vec::new(), Vec::new());
    for c in 0..t.entetes.len() {
        let texts =
            || std::iter::once(&t.entetes[c]).chain(t.lignes.iter().filter_map(|r| r.get(c)));
        let longest = texts().map(|x| x.chars().count()).max().unwrap_or(1);
        let word = texts()
            .flat_map(|x| x.split(' '))
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(1);
        least.push(word as f64 * CAR_CM + MARGE_CM);
        wish.push(longest.min(40).max(word) as f64 * CAR_CM + MARGE_CM);
    }
    let (sum_least, sum_wish) = (least.iter().sum::<f64>(), wish.iter().sum::<f64>());
    if sum_wish <= LARGEUR_CM || sum_least >= LARGEUR_CM {
        let base = if sum_wish <= LARGEUR_CM {
            &wish
        } else {
            &least
        };
        let total: f64 = base.iter().sum();
        return base.iter().map(|w| w * LARGEUR_CM / total).collect();
    }
    let share = (LARGEUR_CM - sum_least) / (sum_wish - sum_least);
    least
        .iter()
        .zip(&wish)
        .map(|(l, w)| l + (w - l) * share)
        .collect()
}

fn table(out: &mut String, styles: &mut String, t: &Tableau, n: usize) {
    let columns = t.entetes.len().max(1);
    let _ = write!(
        out,
        r##"<table:table table:name="Tableau{n}" table:style-name="Tableau">"##
    );
    for (c, w) in widths(t).iter().enumerate() {
        let _ = write!(
            styles,
            r##"<style:style style:name="T{n}C{c}" style:family="table-column"><style:table-column-properties style:column-width="{w:.2}cm" style:rel-width="{}*"/></style:style>"##,
            (w * 1000.0).round()
        );
        let _ = write!(
            out,
            r##"<table:table-column table:style-name="T{n}C{c}"/>"##
        );
    }
    out.push_str("<table:table-header-rows><table:table-row>");
    for h in &t.entetes {
        let _ = write!(
            out,
            r##"<table:table-cell table:style-name="Entete" office:value-type="string"><text:p text:style-name="Table_20_Heading">{}</text:p></table:table-cell>"##,
            xml(h)
        );
    }
    out.push_str("</table:table-row></table:table-header-rows>");
    let last = t.lignes.len();
    for (i, row) in t.lignes.iter().enumerate() {
        out.push_str("<table:table-row>");
        for c in 0..columns {
            let text = row.get(c).map_or("", String::as_str);
            let style = if t.total && i + 1 == last {
                if c == 0 {
                    "Table_20_Heading"
                } else {
                    "Table_20_Total"
                }
            } else if t.droite.get(c).copied().unwrap_or(false) {
                "Table_20_Number"
            } else {
                "Table_20_Contents"
            };
            let _ = write!(
                out,
                r##"<table:table-cell table:style-name="Cellule" office:value-type="string"><text:p text:style-name="{style}">{}</text:p></table:table-cell>"##,
                xml(text)
            );
        }
        out.push_str("</table:table-row>");
    }
    out.push_str("</table:table>\n");
}
