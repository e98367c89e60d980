//! Charts drawn on the server as SVG: no script, readable by screen readers (a title, a
//! description, and the page shows the same numbers as a table).

use std::fmt::Write;

use crate::ops::standing::MonthLine;

/// The words a chart needs, in the reader's language.
pub struct ChartWords<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub threshold: &'a str,
}

const WIDTH: u32 = 720;
const HEIGHT: u32 = 260;
const LEFT: u32 = 44;
const RIGHT: u32 = 16;
const TOP: u32 = 16;
const BOTTOM: u32 = 40;

/// Escapes text for SVG content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
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

/// Contributions per month as bars, the cumulative standing as a line, and the threshold as
/// a dashed line, on one scale of points (bars on their own scale, labelled on the right).
pub fn standing_chart(months: &[MonthLine], threshold: u32, words: &ChartWords<'_>) -> String {
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let top_points = months.iter().map(|m| m.cumulative).max().unwrap_or(0).max(threshold).max(1);
    let top_count = months.iter().map(|m| m.contributions).max().unwrap_or(0).max(1);
    let n = u32::try_from(months.len()).unwrap_or(1).max(1);
    let slot = f64::from(plot_w) / f64::from(n);
    let y_points =
        |p: u32| f64::from(TOP) + f64::from(plot_h) * (1.0 - f64::from(p) / f64::from(top_points));
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">{}</title><desc id="chart-desc">{}</desc>"#,
        escape(words.title),
        escape(words.description)
    );
    // Axis and scale.
    let _ = write!(
        svg,
        r##"<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{}" stroke="#6b7480"/><line x1="{LEFT}" y1="{}" x2="{}" y2="{}" stroke="#6b7480"/>"##,
        TOP + plot_h,
        TOP + plot_h,
        LEFT + plot_w,
        TOP + plot_h
    );
    for p in [0, top_points / 2, top_points] {
        let _ = write!(
            svg,
            r##"<text x="{}" y="{:.1}" font-size="11" text-anchor="end" fill="#4a515c">{p}</text>"##,
            LEFT - 6,
            y_points(p) + 4.0
        );
    }
    // Bars: contributions per month.
    for (i, m) in months.iter().enumerate() {
        let x = f64::from(LEFT) + slot * (i as f64) + slot * 0.2;
        let h = f64::from(plot_h) * 0.6 * f64::from(m.contributions) / f64::from(top_count);
        let y = f64::from(TOP + plot_h) - h;
        let _ = write!(
            svg,
            r##"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}" fill="#b9d3ee"/>"##,
            slot * 0.6
        );
        // Every month labelled when there is room; every other one otherwise.
        if months.len() <= 12 || i % 2 == 0 {
            let _ = write!(
                svg,
                r##"<text x="{:.1}" y="{}" font-size="10" text-anchor="middle" fill="#4a515c">{}</text>"##,
                x + slot * 0.3,
                TOP + plot_h + 16,
                escape(&m.label)
            );
        }
    }
    // Threshold.
    let ty = y_points(threshold);
    let _ = write!(
        svg,
        r##"<line x1="{LEFT}" y1="{ty:.1}" x2="{}" y2="{ty:.1}" stroke="#b3261e" stroke-width="2" stroke-dasharray="6 4"/><text x="{}" y="{:.1}" font-size="11" text-anchor="end" fill="#b3261e">{} {threshold}</text>"##,
        LEFT + plot_w,
        LEFT + plot_w,
        ty - 6.0,
        escape(words.threshold)
    );
    // Cumulative standing.
    if !months.is_empty() {
        let points: Vec<String> = months
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let x = f64::from(LEFT) + slot * (i as f64) + slot * 0.5;
                format!("{x:.1},{:.1}", y_points(m.cumulative))
            })
            .collect();
        let _ = write!(
            svg,
            r##"<polyline points="{}" fill="none" stroke="#0b5cad" stroke-width="3"/>"##,
            points.join(" ")
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(label: &str, contributions: u32, cumulative: u32) -> MonthLine {
        MonthLine { label: label.to_owned(), contributions, cumulative }
    }

    #[test]
    fn the_chart_names_itself_and_escapes_what_it_is_given() {
        let words = ChartWords { title: "Standing <&>", description: "d", threshold: "T" };
        let svg = standing_chart(&[month("Jan", 2, 10), month("Feb", 0, 12)], 60, &words);
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains("<title id=\"chart-title\">Standing &lt;&amp;&gt;</title>"));
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("<polyline"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn an_empty_window_still_draws_the_threshold() {
        let words = ChartWords { title: "t", description: "d", threshold: "T" };
        let svg = standing_chart(&[], 60, &words);
        assert!(svg.contains("stroke-dasharray"));
        assert!(!svg.contains("<polyline"));
    }
}
