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

/// Bars for several series: one value per label in each.
pub struct Bars<'a> {
    /// Unique on the page: the title's and description's ids start with it.
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    /// What the bars stand for, in order (years, states, …).
    pub labels: &'a [String],
    pub series: &'a [Series],
}

/// One series of numbers, one per label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub name: String,
    pub values: Vec<i64>,
}

/// How the series of a vertical bar chart share a label's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// On top of each other: the bar's height is the label's total.
    Stacked,
    /// Side by side.
    Grouped,
}

/// Colours for series, distinct from each other and at least 3:1 against the page, so each bar
/// stands out from the white around it.
const PALETTE: [&str; 10] = [
    "#0b5cad", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0f766e", "#a16207", "#be185d",
    "#4d7c0f", "#475569",
];

/// The colour of series `i`.
pub fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// A square in series `i`'s colour, for a legend written beside the chart.
pub fn swatch(i: usize) -> String {
    format!(
        r#"<svg class="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false"><rect width="12" height="12" rx="2" fill="{}"/></svg>"#,
        colour(i)
    )
}

/// The top of a scale that holds `max`, and the step between its ticks: 1, 2 or 5 times a
/// power of ten, about four steps.
fn scale(max: i64) -> (i64, i64) {
    let max = max.max(1);
    let raw = (max + 3) / 4;
    let mut magnitude = 1_i64;
    while magnitude.saturating_mul(10) <= raw {
        magnitude = magnitude.saturating_mul(10);
    }
    let step = [1, 2, 5, 10]
        .iter()
        .map(|m| m * magnitude)
        .find(|&s| s >= raw)
        .unwrap_or(magnitude.saturating_mul(10));
    let top = (max + step - 1) / step * step;
    (top, step)
}

fn open_svg(svg: &mut String, bars: &Bars<'_>, width: u32, height: u32) {
    let id = escape(bars.id);
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(bars.title),
        escape(bars.description)
    );
}

/// Vertical bars, a slot per label, the series stacked or grouped in it, on a scale with
/// gridlines. Each bar names its label, series and number on hover; the page shows the same
/// numbers as a table, and the series' names and colours in a legend ([`swatch`]).
pub fn bar_chart(bars: &Bars<'_>, layout: Layout) -> String {
    // Narrow enough that a phone shows its words at a readable size; a dashboard shows two
    // side by side on a desktop.
    const WIDTH: u32 = 480;
    const HEIGHT: u32 = 260;
    const LEFT: u32 = 48;
    const TOP: u32 = 12;
    const BOTTOM: u32 = 32;
    let plot_w = f64::from(WIDTH - LEFT - RIGHT);
    let plot_h = f64::from(HEIGHT - TOP - BOTTOM);
    let base = f64::from(HEIGHT - BOTTOM);
    let value = |s: &Series, i: usize| s.values.get(i).copied().unwrap_or(0).max(0);
    let max = (0..bars.labels.len())
        .map(|i| match layout {
            Layout::Stacked => bars.series.iter().map(|s| value(s, i)).sum::<i64>(),
            Layout::Grouped => bars.series.iter().map(|s| value(s, i)).max().unwrap_or(0),
        })
        .max()
        .unwrap_or(0);
    let (top, step) = scale(max);
    let tip = |label: &str, s: &Series, v: i64| format!("{label} · {}: {v}", s.name);
    let y = |v: i64| base - plot_h * (v as f64) / (top as f64);
    let mut svg = String::new();
    open_svg(&mut svg, bars, WIDTH, HEIGHT);
    let mut tick = 0;
    while tick <= top {
        let ty = y(tick);
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" y1="{ty:.1}" x2="{}" y2="{ty:.1}" stroke="{}"/><text x="{}" y="{:.1}" font-size="13" text-anchor="end" fill="#4a515c">{tick}</text>"##,
            WIDTH - RIGHT,
            if tick == 0 { "#6b7480" } else { "#e3e7ec" },
            LEFT - 6,
            ty + 4.0
        );
        tick += step;
    }
    let n = bars.labels.len().max(1);
    let slot = plot_w / n as f64;
    let every = n.div_ceil(12);
    for (i, label) in bars.labels.iter().enumerate() {
        let x0 = f64::from(LEFT) + slot * i as f64;
        match layout {
            Layout::Stacked => {
                let (x, w) = (x0 + slot * 0.2, slot * 0.6);
                let mut below = 0;
                for (k, s) in bars.series.iter().enumerate() {
                    let v = value(s, i);
                    if v == 0 {
                        continue;
                    }
                    let (y_top, y_bottom) = (y(below + v), y(below));
                    bar(&mut svg, (x, y_top, w, y_bottom - y_top), k, &tip(label, s, v));
                    below += v;
                }
            }
            Layout::Grouped => {
                let k_n = bars.series.len().max(1) as f64;
                let w = slot * 0.8 / k_n;
                for (k, s) in bars.series.iter().enumerate() {
                    let v = value(s, i);
                    let x = x0 + slot * 0.1 + w * k as f64;
                    bar(&mut svg, (x, y(v), w, base - y(v)), k, &tip(label, s, v));
                }
            }
        }
        if i % every == 0 {
            let _ = write!(
                svg,
                r##"<text x="{:.1}" y="{}" font-size="13" text-anchor="middle" fill="#4a515c">{}</text>"##,
                x0 + slot / 2.0,
                HEIGHT - BOTTOM + 20,
                escape(label)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// One bar at (x, y) of width `w` and height `h` in series `k`'s colour, white-edged so
/// stacked ones stay apart, saying `tip` on hover.
fn bar(svg: &mut String, (x, y, w, h): (f64, f64, f64, f64), k: usize, tip: &str) {
    let _ = write!(
        svg,
        r##"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{:.1}" fill="{}" stroke="#ffffff" stroke-width="1"><title>{}</title></rect>"##,
        h.max(0.0),
        colour(k),
        escape(tip)
    );
}

/// Horizontal bars of one series, a row per label with its number at the bar's end: for
/// labels too long to stand under a bar (a funnel's states).
pub fn horizontal_bars(bars: &Bars<'_>) -> String {
    const WIDTH: u32 = 480;
    const LEFT: u32 = 150;
    const ROW: u32 = 28;
    const TOP: u32 = 8;
    let values: &[i64] = bars.series.first().map_or(&[], |s| s.values.as_slice());
    let rows = u32::try_from(bars.labels.len()).unwrap_or(0);
    let height = TOP * 2 + ROW * rows.max(1);
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    // Room on the right for the largest number.
    let plot_w = f64::from(WIDTH - LEFT - RIGHT - 48);
    let mut svg = String::new();
    open_svg(&mut svg, bars, WIDTH, height);
    let _ = write!(
        svg,
        r##"<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{}" stroke="#6b7480"/>"##,
        height - TOP
    );
    for (i, label) in bars.labels.iter().enumerate() {
        let v = values.get(i).copied().unwrap_or(0).max(0);
        let row_top = f64::from(TOP) + f64::from(ROW) * i as f64;
        let w = plot_w * v as f64 / max as f64;
        let name = bars.series.first().map_or("", |s| s.name.as_str());
        let _ = write!(
            svg,
            r##"<text x="{}" y="{:.1}" font-size="13" text-anchor="end" fill="#1c1f24">{}</text><rect x="{LEFT}" y="{:.1}" width="{w:.1}" height="{:.1}" fill="{}"><title>{} · {}: {v}</title></rect><text x="{:.1}" y="{:.1}" font-size="13" fill="#1c1f24">{v}</text>"##,
            LEFT - 8,
            row_top + f64::from(ROW) / 2.0 + 4.5,
            escape(label),
            row_top + 4.0,
            f64::from(ROW) - 8.0,
            colour(0),
            escape(label),
            escape(name),
            f64::from(LEFT) + w + 6.0,
            row_top + f64::from(ROW) / 2.0 + 4.5
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

    fn bars<'a>(labels: &'a [String], series: &'a [Series]) -> Bars<'a> {
        Bars { id: "c<1>", title: "Awards & more", description: "d", labels, series }
    }

    #[test]
    fn a_scale_steps_by_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(scale(0), (1, 1));
        assert_eq!(scale(3), (3, 1));
        assert_eq!(scale(7), (8, 2));
        assert_eq!(scale(38), (40, 10));
        assert_eq!(scale(1_234), (1_500, 500));
        assert_eq!(scale(9_999), (10_000, 5_000));
    }

    #[test]
    fn a_stacked_chart_draws_a_segment_per_nonzero_value_and_names_itself() {
        let labels = vec!["2025".to_owned(), "2026".to_owned()];
        let series = vec![
            Series { name: "Cloud".into(), values: vec![3, 0] },
            Series { name: "Data <AI>".into(), values: vec![2, 5] },
        ];
        let svg = bar_chart(&bars(&labels, &series), Layout::Stacked);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"aria-labelledby="c&lt;1&gt;-title c&lt;1&gt;-desc""#), "{svg}");
        assert!(svg.contains("<title id=\"c&lt;1&gt;-title\">Awards &amp; more</title>"));
        assert_eq!(svg.matches("<rect").count(), 3, "{svg}");
        assert!(svg.contains("<title>2026 · Data &lt;AI&gt;: 5</title>"));
        let grouped = bar_chart(&bars(&labels, &series), Layout::Grouped);
        assert_eq!(grouped.matches("<rect").count(), 4, "grouped bars keep their zero");
    }

    #[test]
    fn horizontal_bars_write_each_number_beside_its_bar() {
        let labels = vec!["Nominated".to_owned(), "Awarded".to_owned()];
        let series = vec![Series { name: "Candidacies".into(), values: vec![12, 0] }];
        let svg = horizontal_bars(&bars(&labels, &series));
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains(">12</text>") && svg.contains(">0</text>"), "{svg}");
        assert!(horizontal_bars(&bars(&[], &[])).ends_with("</svg>"));
    }
}
