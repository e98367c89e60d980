//! Badge image and OB 3.0 SVG baking (OB 3.0 §5.3 "Baking").

use serde_json::Value;

use crate::{Error, Result};

const OB_NS: &str = "https://purl.imsglobal.org/ob/v3p0";

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Splits `text` into lines of at most `width` characters at spaces (a longer word keeps a
/// line of its own), so a long achievement name stays inside the circle.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

/// A simple round badge with a title (wrapped onto up to three lines) and a subtitle.
///
/// `role="img"` plus `<title>`/`<desc>` (referenced by `aria-labelledby`)
/// give screen readers a name for the image.
pub fn badge_svg(title: &str, subtitle: &str) -> String {
    let t = escape(title);
    let s = escape(subtitle);
    let lines = wrap(title, 14);
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    // Narrow the type for a word longer than the circle is wide.
    let size = if longest > 14 { 280 / longest.max(1) } else { 22 };
    let line_height = size + 4;
    let count = lines.len();
    let first_y = 124 - (count.saturating_sub(1) * line_height) / 2;
    let mut text = String::new();
    for (i, line) in lines.iter().enumerate() {
        let y = first_y + i * line_height;
        text.push_str(&format!(r#"<tspan x="128" y="{y}">{}</tspan>"#, escape(line)));
    }
    let subtitle_y = first_y + count.saturating_sub(1) * line_height + 30;
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256" role="img" aria-labelledby="badge-title badge-desc"><title id="badge-title">{t}</title><desc id="badge-desc">{s}</desc><circle cx="128" cy="128" r="120" fill="#1f4e79" stroke="#f2c14e" stroke-width="10"/><text text-anchor="middle" font-family="sans-serif" font-size="{size}" font-weight="bold" fill="#ffffff">{text}</text><text x="128" y="{subtitle_y}" text-anchor="middle" font-family="sans-serif" font-size="15" fill="#f2c14e">{s}</text></svg>"##
    )
}

/// Embeds `credential` (compact JSON in CDATA) as the first child of `<svg>`.
pub fn bake_svg(svg: &str, credential: &Value) -> Result<String> {
    let json = serde_json::to_string(credential).map_err(|e| Error::Bake(e.to_string()))?;
    // A CDATA section cannot contain "]]>"; serde_json never escapes '>',
    // so split the sequence across two CDATA sections if it appears.
    let cdata = json.replace("]]>", "]]]]><![CDATA[>");
    if svg.contains("<openbadges:credential") {
        return Err(Error::Bake("SVG is already baked".into()));
    }
    let start = svg.find("<svg").ok_or_else(|| Error::Bake("no <svg> root element".into()))?;
    let end = start
        + svg[start..].find('>').ok_or_else(|| Error::Bake("unterminated <svg> tag".into()))?;
    let self_closing = svg[..end].ends_with('/');
    let open_end = if self_closing { end - 1 } else { end };
    let mut open = svg[start..open_end].to_owned();
    if !open.contains("xmlns:openbadges=") {
        open.push_str(&format!(r#" xmlns:openbadges="{OB_NS}""#));
    }
    let element = format!("<openbadges:credential><![CDATA[{cdata}]]></openbadges:credential>");
    let rest = &svg[end + 1..];
    Ok(if self_closing {
        format!("{}{open}>{element}</svg>{rest}", &svg[..start])
    } else {
        format!("{}{open}>{element}{rest}", &svg[..start])
    })
}

/// Extracts the credential baked by [`bake_svg`] (or any OB 3.0 baker using CDATA
/// or escaped text content).
pub fn unbake_svg(svg: &str) -> Result<Value> {
    let open = "<openbadges:credential";
    let start =
        svg.find(open).ok_or_else(|| Error::Bake("no <openbadges:credential> element".into()))?;
    let after_tag = start
        + svg[start..]
            .find('>')
            .ok_or_else(|| Error::Bake("unterminated credential element".into()))?
        + 1;
    let close = "</openbadges:credential>";
    let end = after_tag
        + svg[after_tag..]
            .find(close)
            .ok_or_else(|| Error::Bake("credential element not closed".into()))?;
    let mut text = String::new();
    let mut rest = &svg[after_tag..end];
    // Concatenate CDATA sections and unescape plain text between them.
    while !rest.is_empty() {
        if let Some(body) = rest.strip_prefix("<![CDATA[") {
            let stop = body.find("]]>").ok_or_else(|| Error::Bake("unterminated CDATA".into()))?;
            text.push_str(&body[..stop]);
            rest = &body[stop + 3..];
        } else {
            let stop = rest.find("<![CDATA[").unwrap_or(rest.len());
            text.push_str(&unescape(&rest[..stop]));
            rest = &rest[stop..];
        }
    }
    serde_json::from_str(text.trim()).map_err(|e| Error::Bake(format!("baked JSON: {e}")))
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod badge_tests {
    use super::*;

    #[test]
    fn a_long_title_wraps_at_spaces_and_stays_escaped() {
        assert_eq!(wrap("Windows and Devices 2026", 14), ["Windows and", "Devices 2026"]);
        assert_eq!(wrap("Security 2026", 14), ["Security 2026"]);
        let svg = badge_svg("R&D <Tools> 2026", "Champions");
        assert!(svg.contains("R&amp;D &lt;Tools&gt; 2026") && !svg.contains("<Tools>"));
    }
}
