//! The production schedule as an SVG Gantt chart: one row per work center,
//! a column per day (weekends shaded), one bar per manufacturing order
//! operation, and a red line at the current time. A work center with
//! several parallel units gets a sub-row per unit, its bars stacked one per
//! unit; elapsed steps (a cure) get their own dashed row, as they hold no
//! work center.
//!
//! Layout is integer arithmetic in tenths of a pixel, so the same schedule
//! always gives the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// One scheduled piece of work: a manufacturing order on a work center.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScheduleRow {
    /// Manufacturing order id.
    pub mo: String,
    /// Product made.
    pub product: String,
    /// Work center it runs on (empty for an elapsed step).
    pub work_center: String,
    /// The elapsed step's name (`cure`) when the row is one: drawn dashed
    /// on a row of its own.
    #[serde(default)]
    pub elapsed: Option<String>,
    /// Start.
    pub start: DateTime<Utc>,
    /// End (not before start).
    pub end: DateTime<Utc>,
}

/// The longest range of days a chart may span.
pub const MAX_DAYS: i64 = 1000;

const MARGIN: i64 = 16;
const TITLE_H: i64 = 44;
const HEADER_H: i64 = 40;
const LANE_H: i64 = 30;
const BAR_H: i64 = 22;
const LEGEND_H: i64 = 28;
/// Rough width of one character at the chart's 11–12 px font, for fitting labels.
const CHAR_W: i64 = 7;

/// Light fills that keep dark text readable, one per product in name order.
const PALETTE: [&str; 8] = [
    "#8ab4f8", "#81c995", "#fdd663", "#f28b82", "#c58af9", "#78d9ec", "#fcad70", "#ff8bcb",
];

/// Text for XML content and attributes: markup characters escaped, and
/// characters XML 1.0 forbids (most control characters) dropped.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `text` cut to at most `max` characters, ending in `…` when cut.
fn fit(text: &str, max: i64) -> String {
    let max = usize::try_from(max.max(0)).unwrap_or(0);
    if text.chars().count() <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut s: String = text.chars().take(max - 1).collect();
    s.push('…');
    s
}

/// Tenths of a pixel as an SVG number.
fn px(tenths: i64) -> String {
    if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, (tenths % 10).abs())
    }
}

/// A work center's row: its bars with the sub-row each sits on, and how
/// many sub-rows overlapping bars needed.
struct Lane<'a> {
    name: String,
    bars: Vec<(usize, &'a ScheduleRow)>,
    subs: usize,
}

/// Sub-rows reserved for a work center's units even when fewer are in use;
/// past this many (a rack of 40 slots) only the rows in use are drawn.
const MAX_UNIT_ROWS: u32 = 12;

/// The row a bar goes on: its work center, or its elapsed step's.
fn lane_name(r: &ScheduleRow, units: &BTreeMap<String, u32>) -> String {
    match &r.elapsed {
        Some(step) => format!("{step} (elapsed)"),
        None => match units.get(&r.work_center) {
            Some(n) if *n > 1 => format!("{} ×{n}", r.work_center),
            _ => r.work_center.clone(),
        },
    }
}

/// Where things go on the chart.
struct Layout {
    first: NaiveDate,
    days: i64,
    px_per_day: i64,
    label_w: i64,
    plot_left: i64,
    plot_right: i64,
    header_top: i64,
    lanes_top: i64,
    lanes_bottom: i64,
}

impl Layout {
    /// x of a moment, in tenths of a pixel.
    fn x(&self, t: DateTime<Utc>) -> i64 {
        let origin = self.first.and_hms_opt(0, 0, 0).map(|d| d.and_utc());
        let secs = origin.map_or(0, |o| (t - o).num_seconds());
        let secs = secs.clamp(0, self.days * 86_400);
        self.plot_left * 10 + secs * self.px_per_day * 10 / 86_400
    }
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Groups rows by work center (in name order) and stacks overlapping bars
/// on sub-rows, first fit in start order: with `units` parallel units a
/// center's bars never need more sub-rows than it has units.
fn lanes<'a>(rows: &'a [ScheduleRow], units: &BTreeMap<String, u32>) -> Vec<Lane<'a>> {
    let mut by_center: BTreeMap<String, (u32, Vec<&ScheduleRow>)> = BTreeMap::new();
    for r in rows {
        let n = match r.elapsed {
            Some(_) => 1,
            None => units.get(&r.work_center).copied().unwrap_or(1),
        };
        let lane = by_center
            .entry(lane_name(r, units))
            .or_insert((n, Vec::new()));
        lane.1.push(r);
    }
    by_center
        .into_iter()
        .map(|(name, (n, mut list))| {
            list.sort_by(|a, b| {
                (a.start, a.end, &a.mo, &a.product).cmp(&(b.start, b.end, &b.mo, &b.product))
            });
            let mut ends: Vec<DateTime<Utc>> = Vec::new();
            let mut bars = Vec::with_capacity(list.len());
            for r in list {
                let sub = match ends.iter().position(|e| *e <= r.start) {
                    Some(i) => i,
                    None => {
                        ends.push(r.start);
                        ends.len() - 1
                    }
                };
                ends[sub] = r.end;
                bars.push((sub, r));
            }
            let reserved = usize::try_from(n.min(MAX_UNIT_ROWS)).unwrap_or(1);
            Lane {
                name,
                bars,
                subs: ends.len().max(reserved).max(1),
            }
        })
        .collect()
}

/// Renders `rows` as an SVG Gantt chart with `now` marked. Work centers
/// are rows in name order; bars that overlap on one work center are
/// stacked so none hides another. A bar carries its MO id and product,
/// inside when they fit, else just right of it when that space is free;
/// every bar has a `<title>` tooltip with everything.
///
/// ```
/// use lotwise::export::{gantt_svg, ScheduleRow};
/// let row = ScheduleRow {
///     mo: "MO-000001".into(), product: "CANDLE".into(), work_center: "POUR".into(),
///     elapsed: None,
///     start: "2026-03-02T08:00:00Z".parse().unwrap(),
///     end: "2026-03-02T16:00:00Z".parse().unwrap(),
/// };
/// let svg = gantt_svg(&[row], "2026-03-02T10:00:00Z".parse().unwrap()).unwrap();
/// assert!(svg.starts_with("<svg") && svg.contains("MO-000001"));
/// ```
pub fn gantt_svg(rows: &[ScheduleRow], now: DateTime<Utc>) -> Result<String> {
    gantt_svg_with_units(rows, now, &BTreeMap::new())
}

/// [`gantt_svg`] knowing each work center's parallel units (`code → units`;
/// 1 when absent): a center of 2 kettles gets a row per kettle, labelled
/// `KETTLE ×2`.
pub fn gantt_svg_with_units(
    rows: &[ScheduleRow],
    now: DateTime<Utc>,
    units: &BTreeMap<String, u32>,
) -> Result<String> {
    for (i, r) in rows.iter().enumerate() {
        if r.end < r.start {
            return Err(Error::invalid_input(
                &format!("rows[{i}].end"),
                r.end.to_rfc3339(),
                "must not be before start",
            ));
        }
    }
    let today = now.date_naive();
    // An end at midnight does not reach into the next day.
    let last_day = |t: DateTime<Utc>| (t - Duration::seconds(1)).date_naive();
    let first = rows
        .iter()
        .map(|r| r.start.date_naive())
        .chain([today])
        .min()
        .unwrap_or(today);
    let last = rows
        .iter()
        .map(|r| last_day(r.end).max(r.start.date_naive()))
        .chain([today])
        .max()
        .unwrap_or(today);
    let days = (last - first).num_days() + 1;
    if days > MAX_DAYS {
        return Err(Error::invalid_input(
            "rows",
            format!("{first} to {last}"),
            &format!("a chart spans at most {MAX_DAYS} days"),
        ));
    }

    let lanes = lanes(rows, units);
    let products: BTreeSet<&str> = rows.iter().map(|r| r.product.as_str()).collect();
    let colors: BTreeMap<&str, &str> = products
        .iter()
        .enumerate()
        .map(|(i, p)| (*p, PALETTE[i % PALETTE.len()]))
        .collect();
    let longest = lanes
        .iter()
        .map(|l| l.name.chars().count())
        .max()
        .unwrap_or(0);
    let label_w = (count(longest) * CHAR_W + 24).clamp(110, 260);
    let px_per_day = (1200 / days).clamp(36, 240);
    let sub_rows = lanes.iter().map(|l| count(l.subs)).sum::<i64>().max(1);
    let header_top = MARGIN + TITLE_H;
    let lanes_top = header_top + HEADER_H;
    let layout = Layout {
        first,
        days,
        px_per_day,
        label_w,
        plot_left: MARGIN + label_w,
        plot_right: MARGIN + label_w + days * px_per_day,
        header_top,
        lanes_top,
        lanes_bottom: lanes_top + sub_rows * LANE_H,
    };
    let width = layout.plot_right + MARGIN;
    let height = layout.lanes_bottom + 12 + LEGEND_H + MARGIN;

    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="12">"#
    );
    let _ = writeln!(
        s,
        r##"<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        s,
        r##"<text x="{MARGIN}" y="{}" font-size="16" font-weight="bold" fill="#202124">Production schedule · {} – {}</text>"##,
        MARGIN + 20,
        first.format("%a %d %b %Y"),
        last.format("%a %d %b %Y")
    );
    draw_grid(&mut s, &layout);
    draw_lanes(&mut s, &layout, &lanes, &colors);
    // Drawn after the bars so it stays visible, before the day labels so
    // they stay readable.
    let nx = px(layout.x(now));
    let _ = writeln!(
        s,
        r##"<g id="today"><line x1="{nx}" y1="{}" x2="{nx}" y2="{}" stroke="#d93025" stroke-width="2"/><text x="{nx}" y="{}" text-anchor="middle" font-size="10" font-weight="bold" fill="#d93025">today</text></g>"##,
        layout.header_top,
        layout.lanes_bottom,
        layout.header_top - 3
    );
    draw_day_labels(&mut s, &layout);
    draw_legend(&mut s, &layout, &products, &colors);
    s.push_str("</svg>\n");
    Ok(s)
}

/// Day columns: weekend shading and grid lines.
fn draw_grid(s: &mut String, l: &Layout) {
    s.push_str("<g id=\"days\">\n");
    for i in 0..l.days {
        let day = l.first + Duration::days(i);
        let x = l.plot_left + i * l.px_per_day;
        if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            let _ = writeln!(
                s,
                r##"<rect x="{x}" y="{}" width="{}" height="{}" fill="#f1f3f4"/>"##,
                l.header_top,
                l.px_per_day,
                l.lanes_bottom - l.header_top
            );
        }
        let _ = writeln!(
            s,
            r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#dadce0" stroke-width="1"/>"##,
            l.header_top, l.lanes_bottom
        );
    }
    let _ = writeln!(
        s,
        r##"<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#dadce0" stroke-width="1"/>"##,
        l.plot_right, l.header_top, l.lanes_bottom
    );
    s.push_str("</g>\n");
}

/// Day names and dates, every day or every few days when columns are
/// narrow, with a white halo so the today line passes behind them.
fn draw_day_labels(s: &mut String, l: &Layout) {
    let step = (72 + l.px_per_day - 1) / l.px_per_day;
    s.push_str(
        "<g id=\"day-labels\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">\n",
    );
    for i in (0..l.days).step_by(usize::try_from(step).unwrap_or(1)) {
        let day = l.first + Duration::days(i);
        let cx = l.plot_left + i * l.px_per_day + l.px_per_day * step.min(l.days - i) / 2;
        let _ = writeln!(
            s,
            r##"<text x="{cx}" y="{}" text-anchor="middle" font-size="11" fill="#5f6368">{}</text>"##,
            l.header_top + 16,
            day.format("%a")
        );
        let _ = writeln!(
            s,
            r##"<text x="{cx}" y="{}" text-anchor="middle" font-size="11" fill="#202124">{}</text>"##,
            l.header_top + 31,
            day.format("%d %b")
        );
    }
    s.push_str("</g>\n");
}

/// Characters that fit in `tenths` of a pixel with a little padding.
fn room(tenths: i64) -> i64 {
    (tenths / 10 - 8).max(0) / CHAR_W
}

/// The label of a bar and whether it goes inside (`true`) or just right of it.
fn bar_label(r: &ScheduleRow, inside: i64, outside: i64) -> Option<(String, bool)> {
    let full = format!("{} · {}", r.mo, r.product);
    let len = |t: &str| count(t.chars().count());
    if len(&full) <= room(inside) {
        Some((full, true))
    } else if len(&full) <= room(outside) {
        Some((full, false))
    } else if len(&r.mo) <= room(inside) {
        Some((r.mo.clone(), true))
    } else if len(&r.mo) <= room(outside) {
        Some((r.mo.clone(), false))
    } else {
        let cut = fit(&r.mo, room(inside));
        (!cut.is_empty()).then_some((cut, true))
    }
}

/// One row per work center: its name, its bars and their labels.
fn draw_lanes(s: &mut String, l: &Layout, lanes: &[Lane<'_>], colors: &BTreeMap<&str, &str>) {
    let mut y = l.lanes_top;
    if lanes.is_empty() {
        let _ = writeln!(
            s,
            r##"<text x="{}" y="{}" fill="#5f6368" font-style="italic">No scheduled work</text>"##,
            l.plot_left + 8,
            y + 19
        );
    }
    for (n, lane) in lanes.iter().enumerate() {
        let h = count(lane.subs) * LANE_H;
        let _ = writeln!(s, r#"<g class="work-center" id="wc-{n}">"#);
        let _ = writeln!(
            s,
            r##"<line x1="{MARGIN}" y1="{y}" x2="{}" y2="{y}" stroke="#bdc1c6" stroke-width="1"/>"##,
            l.plot_right
        );
        let _ = writeln!(
            s,
            r##"<text x="{}" y="{}" font-weight="bold" fill="#202124">{}</text>"##,
            MARGIN + 6,
            y + h / 2 + 4,
            xml_escape(&fit(&lane.name, (l.label_w - 12) / CHAR_W))
        );
        for (i, (sub, r)) in lane.bars.iter().enumerate() {
            let top = y + count(*sub) * LANE_H + (LANE_H - BAR_H) / 2;
            let x0 = l.x(r.start);
            let x1 = l.x(r.end);
            // At least 3 px so a zero-length booking stays visible.
            let w = (x1 - x0).max(30);
            // Free space to the right: up to the next bar on the same sub-row.
            let next = lane.bars[i + 1..]
                .iter()
                .find(|(other, _)| other == sub)
                .map_or(l.plot_right * 10, |(_, o)| l.x(o.start));
            let fill = colors
                .get(r.product.as_str())
                .copied()
                .unwrap_or(PALETTE[0]);
            let place = match &r.elapsed {
                Some(step) => format!("{step} (no work center)"),
                None => format!("on {}", r.work_center),
            };
            let tip = format!(
                "{} · {} {}: {} → {}",
                r.mo,
                r.product,
                place,
                r.start.format("%Y-%m-%d %H:%M"),
                r.end.format("%Y-%m-%d %H:%M")
            );
            let _ = writeln!(s, r#"<g class="bar">"#);
            let _ = writeln!(s, "<title>{}</title>", xml_escape(&tip));
            // An elapsed step holds nothing: a pale, dashed bar.
            let style = match r.elapsed {
                Some(_) => r#" fill-opacity="0.45" stroke-dasharray="4 2""#,
                None => "",
            };
            let _ = writeln!(
                s,
                r##"<rect x="{}" y="{top}" width="{}" height="{BAR_H}" rx="3" fill="{fill}" stroke="#3c4043" stroke-width="0.5"{style}/>"##,
                px(x0),
                px(w)
            );
            if let Some((text, inside)) = bar_label(r, w, next - x0 - w) {
                let tx = if inside { x0 + 40 } else { x0 + w + 40 };
                let _ = writeln!(
                    s,
                    r##"<text x="{}" y="{}" font-size="11" fill="#202124">{}</text>"##,
                    px(tx),
                    top + BAR_H / 2 + 4,
                    xml_escape(&text)
                );
            }
            s.push_str("</g>\n");
        }
        s.push_str("</g>\n");
        y += h;
    }
    let _ = writeln!(
        s,
        r##"<line x1="{MARGIN}" y1="{0}" x2="{1}" y2="{0}" stroke="#bdc1c6" stroke-width="1"/>"##,
        l.lanes_bottom, l.plot_right
    );
}

/// One swatch per product, in name order.
fn draw_legend(
    s: &mut String,
    l: &Layout,
    products: &BTreeSet<&str>,
    colors: &BTreeMap<&str, &str>,
) {
    let mut lx = l.plot_left;
    let ly = l.lanes_bottom + 12;
    s.push_str("<g id=\"legend\">\n");
    for p in products {
        let fill = colors.get(p).copied().unwrap_or(PALETTE[0]);
        let _ = writeln!(
            s,
            r##"<rect x="{lx}" y="{ly}" width="12" height="12" fill="{fill}" stroke="#3c4043" stroke-width="0.5"/><text x="{}" y="{}" font-size="11" fill="#202124">{}</text>"##,
            lx + 16,
            ly + 10,
            xml_escape(p)
        );
        lx += 16 + count(p.chars().count()) * CHAR_W + 16;
    }
    s.push_str("</g>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(mo: &str, wc: &str, elapsed: Option<&str>, start: &str, end: &str) -> ScheduleRow {
        ScheduleRow {
            mo: mo.into(),
            product: "BASE".into(),
            work_center: wc.into(),
            elapsed: elapsed.map(str::to_string),
            start: start.parse().unwrap(),
            end: end.parse().unwrap(),
        }
    }

    #[test]
    fn parallel_units_get_a_row_each_and_cures_a_dashed_row() {
        let rows = [
            row(
                "MO-1",
                "KETTLE",
                None,
                "2026-03-02T09:00:00Z",
                "2026-03-02T11:00:00Z",
            ),
            row(
                "MO-2",
                "KETTLE",
                None,
                "2026-03-02T09:00:00Z",
                "2026-03-02T11:00:00Z",
            ),
            row(
                "MO-3",
                "KETTLE",
                None,
                "2026-03-02T11:00:00Z",
                "2026-03-02T13:00:00Z",
            ),
            row(
                "MO-4",
                "POUR",
                None,
                "2026-03-02T09:00:00Z",
                "2026-03-02T10:00:00Z",
            ),
            row(
                "MO-4",
                "",
                Some("cure"),
                "2026-03-02T10:00:00Z",
                "2026-03-30T10:00:00Z",
            ),
        ];
        let units = BTreeMap::from([("KETTLE".to_string(), 3), ("POUR".to_string(), 1)]);
        let lanes = lanes(&rows, &units);
        let shape: Vec<(&str, usize, Vec<usize>)> = lanes
            .iter()
            .map(|l| {
                (
                    l.name.as_str(),
                    l.subs,
                    l.bars.iter().map(|b| b.0).collect(),
                )
            })
            .collect();
        // Three kettles: MO-1 and MO-2 side by side, MO-3 back on the first
        // kettle's row; a third row stays for the idle kettle.
        assert_eq!(
            shape,
            [
                ("KETTLE ×3", 3, vec![0, 1, 0]),
                ("POUR", 1, vec![0]),
                ("cure (elapsed)", 1, vec![0]),
            ]
        );
        let now = "2026-03-02T10:00:00Z".parse().unwrap();
        let svg = gantt_svg_with_units(&rows, now, &units).unwrap();
        assert!(svg.contains("KETTLE ×3"));
        assert!(svg.contains("MO-4 · BASE cure (no work center)"));
        assert_eq!(svg.matches("stroke-dasharray").count(), 1);
    }

    #[test]
    fn escapes_and_fits() {
        assert_eq!(xml_escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(fit("POURING-LINE-2", 6), "POURI…");
        assert_eq!(fit("POUR", 6), "POUR");
        assert_eq!(px(125), "12.5");
        assert_eq!(px(120), "12");
    }
}
