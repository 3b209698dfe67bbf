//! UPI QR codes as inline SVG.
//!
//! Why inline SVG: the page stays a single static file with no image
//! pipeline, the code scales crisply on any screen, and it can carry an
//! accessible name. Why a QR at all: a `upi://` link only works on the phone
//! that holds the UPI app; desktop visitors scan the QR instead.

use std::fmt::Write;

use qrcode::{Color, EcLevel, QrCode};

/// Rendered size in CSS pixels; the viewBox keeps module geometry exact,
/// so the browser scales it without blurring.
const SIZE: u32 = 200;

/// ISO/IEC 18004 asks for a light margin of 4 modules around the symbol;
/// without it phone scanners often fail against a dark page background.
const QUIET_ZONE: usize = 4;

/// Renders `data` as an SVG QR code with error-correction level M (~15 %
/// recovery, the usual choice for on-screen payment codes) and a quiet
/// zone.
///
/// The output is deterministic (same input, same bytes), has no XML
/// declaration (it is embedded in HTML), and carries `role="img"` and
/// `aria-label` so screen readers announce it.
///
/// Why our own SVG writer over qrcode's `svg` renderer: that renderer draws
/// one sub-path per dark module (~29 KB for a typical UPI link), while
/// merging each row's runs of dark modules into one rectangle is ~5× smaller
/// — it matters when every package card inlines a code.
pub fn svg(data: &str, aria_label: &str) -> Result<String, String> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)
        .map_err(|e| format!("cannot encode QR code: {e}"))?;
    let width = code.width();
    let side = width + 2 * QUIET_ZONE;
    let mut out = format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" "#,
            r#"viewBox="0 0 {side} {side}" role="img" aria-label="{label}" "#,
            r#"shape-rendering="crispEdges">"#,
            r##"<rect width="{side}" height="{side}" fill="#fff"/><path fill="#000" d=""##,
        ),
        size = SIZE,
        side = side,
        label = crate::text::escape_html(aria_label),
    );
    out.push_str(&dark_runs_path(&code.to_colors(), width));
    out.push_str(r#""/></svg>"#);
    Ok(out)
}

/// Path data with one `M x y h n v 1 h -n z` rectangle per horizontal run
/// of dark modules, offset by the quiet zone.
fn dark_runs_path(modules: &[Color], width: usize) -> String {
    let mut d = String::new();
    for (y, row) in modules.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Light {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] == Color::Dark {
                x += 1;
            }
            let run = x - start;
            // Writing to a String cannot fail.
            let _ = write!(d, "M{} {}h{run}v1h-{run}z", start + QUIET_ZONE, y + QUIET_ZONE);
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str = "upi://pay?pa=anjali.verma@okaxis&pn=Anjali%20Verma&am=499.00&cu=INR&tn=Resume%20review";

    #[test]
    fn svg_is_deterministic_and_accessible() {
        let a = svg(LINK, "UPI QR code for Resume review").unwrap();
        let b = svg(LINK, "UPI QR code for Resume review").unwrap();
        assert_eq!(a, b);
        assert!(a.starts_with("<svg "), "{}", &a[..60]);
        assert!(!a.contains("<?xml"));
        assert!(a.contains(r#"width="200" height="200""#));
        assert!(a.contains(r#"role="img" aria-label="UPI QR code for Resume review""#));
        assert!(a.contains("viewBox=\"0 0 "));
        assert!(a.ends_with("</svg>"));
        assert_eq!(a.matches("<svg").count(), 1);
    }

    #[test]
    fn quiet_zone_and_level_m_fix_the_geometry() {
        let code = QrCode::with_error_correction_level(LINK.as_bytes(), EcLevel::M).unwrap();
        let side = code.width() + 8;
        let out = svg(LINK, "x").unwrap();
        assert!(out.contains(&format!("viewBox=\"0 0 {side} {side}\"")), "{out:.200}");
    }

    #[test]
    fn runs_cover_exactly_the_dark_modules() {
        let code = QrCode::with_error_correction_level(LINK.as_bytes(), EcLevel::M).unwrap();
        let colors = code.to_colors();
        let dark = colors.iter().filter(|c| **c == Color::Dark).count();
        let path = dark_runs_path(&colors, code.width());
        let covered: usize = path
            .split('M')
            .skip(1)
            .map(|rect| rect.split('h').nth(1).unwrap().split('v').next().unwrap())
            .map(|n| n.parse::<usize>().unwrap())
            .sum();
        assert_eq!(covered, dark);
        assert!(svg(LINK, "x").unwrap().len() < 12_000);
    }

    #[test]
    fn label_is_escaped_and_input_changes_output() {
        let out = svg(LINK, r#"Tom & "Jerry" <x>"#).unwrap();
        assert!(out.contains(r#"aria-label="Tom &amp; &quot;Jerry&quot; &lt;x&gt;""#));
        assert_ne!(svg("upi://pay?pa=a@ybl", "x"), svg("upi://pay?pa=b@ybl", "x"));
    }
}
