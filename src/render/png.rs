//! The org chart as PNG, rasterised by copil itself from its own SVG with
//! `resvg` (no external program). The fonts are embedded in the binary
//! (DejaVu Sans, `assets/polices/`, with its licence), so that French
//! accents, « » and ★ render the same on every machine.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{Options, Tree, fontdb};

static REGULIER: &[u8] = include_bytes!("../../assets/polices/DejaVuSans.ttf");
static GRAS: &[u8] = include_bytes!("../../assets/polices/DejaVuSans-Bold.ttf");

/// Pixels per SVG unit: twice the SVG's size, sharp on a projector or in a
/// printed document.
pub const ECHELLE: f32 = 2.0;
/// The widest image drawn, in pixels (the scale shrinks beyond).
const LARGEUR_MAX: f32 = 8000.0;

fn polices() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_font_data(REGULIER.to_vec());
        db.load_font_data(GRAS.to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        Arc::new(db)
    })
    .clone()
}

/// Rasterises an SVG document of copil's into PNG bytes. An error (which
/// copil's own SVG does not produce) is worded in French.
pub fn png(svg: &str) -> Result<Vec<u8>, String> {
    let options = Options {
        fontdb: polices(),
        font_family: "DejaVu Sans".to_string(),
        ..Options::default()
    };
    let tree = Tree::from_str(svg, &options)
        .map_err(|e| format!("le SVG de l'organigramme n'a pas pu être lu : {e}"))?;
    let size = tree.size();
    let scale = ECHELLE.min(LARGEUR_MAX / size.width());
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap = Pixmap::new(w, h)
        .ok_or_else(|| format!("image trop grande pour être dessinée ({w} × {h} pixels)"))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("l'image PNG n'a pas pu être encodée : {e}"))
}
