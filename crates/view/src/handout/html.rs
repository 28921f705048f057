//! The handout as one self-contained HTML page to print from a browser: large type, every
//! script text escaped, and a QR code (inline SVG) beside each link.

use qrcode::{EcLevel, QrCode};

use super::{Cited, Item};
use bezwaar_core::text::Lang;

/// The style of the HTML handout: large type for print (nothing below 14 pt), black on
/// white, boxes drawn with borders, each link with its QR code kept together on a page.
const CSS: &str = "\
@page { size: A4; margin: 16mm 15mm; }
html { background: #fff; color: #000; }
body { font-family: \"DejaVu Sans\", Verdana, Arial, sans-serif; font-size: 15pt; line-height: 1.45; margin: 0 auto; max-width: 44em; padding: 0 1em; }
h1 { font-size: 24pt; margin: 0.4em 0; }
h2 { font-size: 19pt; margin: 1.2em 0 0.4em; border-bottom: 1.5pt solid #000; break-after: avoid; }
h3 { font-size: 16pt; margin: 0.8em 0 0.3em; break-after: avoid; }
p, li { margin: 0.4em 0; }
.note { border-left: 5pt solid #000; padding-left: 10pt; }
.link { display: grid; grid-template-columns: 3.6cm 1fr; column-gap: 14pt; align-items: center; margin: 0.8em 0; break-inside: avoid; }
.link svg { width: 3.6cm; height: 3.6cm; }
.link .url { grid-column: 1 / -1; margin-top: 0.2em; }
.label { font-weight: bold; margin: 0; }
.url { font-family: \"DejaVu Sans Mono\", monospace; font-size: 14pt; overflow-wrap: anywhere; margin: 0; }
a { color: #000; }
.cite { white-space: nowrap; }
.cite a { text-decoration: none; }
ul.check { list-style: none; padding-left: 0; }
ul.check li { break-inside: avoid; }
.box { display: inline-block; width: 0.85em; height: 0.85em; border: 1.5pt solid #000; vertical-align: -0.1em; margin-right: 0.5em; }
ol.notes li { break-inside: avoid; }
";

/// Escapes text for HTML: element content and attribute values alike.
fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A text and its source numbers, each number a link to its note.
fn html_cited(c: &Cited) -> String {
    let mut out = html_escape(&c.text);
    if !c.notes.is_empty() {
        let links: Vec<String> = c
            .notes
            .iter()
            .map(|n| format!("<a href=\"#bron-{n}\">{n}</a>"))
            .collect();
        if !out.is_empty() {
            out.push_str("&nbsp;");
        }
        out.push_str(&format!(
            "<span class=\"cite\">[{}]</span>",
            links.join(", ")
        ));
    }
    out
}

/// A URL as a link when it is https (a validated script has no other kind), else as text.
fn html_url(url: &str) -> String {
    let text = html_escape(url);
    if url.starts_with("https://") {
        format!("<a href=\"{text}\">{text}</a>")
    } else {
        text
    }
}

/// The QR code for `url` as an inline SVG element (no XML declaration, no namespace: HTML
/// needs neither), or None when the URL does not fit in a QR code. Error correction level M:
/// paper gets creased and smudged.
fn qr_svg(url: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(url, EcLevel::M).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .quiet_zone(true)
        .module_dimensions(1, 1)
        .build();
    let start = svg.find("<svg")?;
    let label = html_escape(url);
    Some(
        svg[start..]
            .replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1)
            .replacen(
                "<svg",
                &format!("<svg class=\"qr\" role=\"img\" aria-label=\"QR: {label}\""),
                1,
            ),
    )
}

pub(super) fn html(items: &[Item], lang: Lang, title: &str) -> String {
    let mut body = String::new();
    for item in items {
        let part = match item {
            Item::Heading(level, s) => {
                let l = (*level).clamp(1, 6);
                format!("<h{l}>{}</h{l}>", html_escape(s))
            }
            Item::Para(c) => format!("<p>{}</p>", html_cited(c)),
            Item::Note { lead, text } => {
                let lead = lead.as_ref().map_or(String::new(), |l| {
                    format!("<strong>{}</strong> ", html_escape(l))
                });
                format!("<p class=\"note\">{lead}{}</p>", html_cited(text))
            }
            Item::List(entries) => {
                let lis: String = entries
                    .iter()
                    .map(|c| format!("<li>{}</li>", html_cited(c)))
                    .collect();
                format!("<ul>{lis}</ul>")
            }
            Item::LinkHint { scanned, .. } => format!("<p>{}</p>", html_escape(scanned)),
            Item::Link { label, url } => format!(
                "<div class=\"link\">{}<p class=\"label\">{}</p><p class=\"url\">{}</p></div>",
                qr_svg(url).unwrap_or_default(),
                html_escape(label),
                html_url(url)
            ),
            Item::Checklist(entries) => {
                let lis: String = entries
                    .iter()
                    .map(|s| {
                        format!(
                            "<li><span class=\"box\" aria-hidden=\"true\"></span>{}</li>",
                            html_escape(s)
                        )
                    })
                    .collect();
                format!("<ul class=\"check\">{lis}</ul>")
            }
            Item::Notes(notes) => {
                let lis: String = notes
                    .iter()
                    .map(|n| {
                        let url = n.url.as_ref().map_or(String::new(), |u| {
                            format!("<br><span class=\"url\">{}</span>", html_url(u))
                        });
                        format!(
                            "<li id=\"bron-{}\" value=\"{}\">{}{url}</li>",
                            n.number,
                            n.number,
                            html_escape(&n.what)
                        )
                    })
                    .collect();
                format!("<ol class=\"notes\">{lis}</ol>")
            }
        };
        body.push_str(&part);
        body.push('\n');
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        html_escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_everything_that_could_be_markup() {
        assert_eq!(
            html_escape("<script>a & \"b\" 'c'</script>"),
            "&lt;script&gt;a &amp; &quot;b&quot; &#39;c&#39;&lt;/script&gt;"
        );
        // Only https becomes a link.
        assert_eq!(html_url("javascript:alert(1)"), "javascript:alert(1)");
        assert!(html_url("https://e.org/?a=1&b=2").contains("href=\"https://e.org/?a=1&amp;b=2\""));
    }

    #[test]
    fn the_qr_code_is_inline_svg_without_namespace_or_declaration() {
        let svg = qr_svg("https://example.org/form").unwrap();
        assert!(svg.starts_with("<svg class=\"qr\""), "{svg}");
        assert!(!svg.contains("<?xml") && !svg.contains("xmlns"), "{svg}");
        assert!(svg.ends_with("</svg>"));
    }
}
