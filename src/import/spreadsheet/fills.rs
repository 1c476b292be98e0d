//! The fill colours of an XLSX sheet's cells, which calamine does not read: goal systems
//! export a status as a red, yellow or green cell with no text. Read from the workbook's
//! parts: `xl/workbook.xml` and its relationships find the sheet's XML, `xl/styles.xml` gives
//! each cell format's fill, and the sheet's cells name their format (`<c r="N3" s="4">`).

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// A cell's fill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fill {
    /// A colour given as RGB, as `#RRGGBB`.
    Rgb(String),
    /// A colour of the workbook's theme or of the old indexed palette, which the status map
    /// cannot name: what it is (`theme colour 5`).
    Other(String),
}

/// The fills of a sheet's cells by row (1-based, as spreadsheet programs count) and column
/// (0-based, A is 0); cells without a fill are absent.
pub type Fills = HashMap<(usize, usize), Fill>;

/// The fills of the cells of the workbook's sheet `sheet`.
pub fn read_fills(path: &Path, sheet: &str) -> Result<Fills, String> {
    let fail = |e: String| {
        format!(
            "{}: cannot read the cells' fill colours: {e}",
            path.display()
        )
    };
    let file = File::open(path).map_err(|e| fail(e.to_string()))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| fail(e.to_string()))?;
    let mut part = |name: &str| -> Result<Option<Vec<u8>>, String> {
        match zip.by_name(name) {
            Ok(mut entry) => {
                let mut bytes = Vec::new();
                entry
                    .read_to_end(&mut bytes)
                    .map_err(|e| fail(format!("{name}: {e}")))?;
                Ok(Some(bytes))
            }
            Err(zip::result::ZipError::FileNotFound) => Ok(None),
            Err(e) => Err(fail(format!("{name}: {e}"))),
        }
    };
    let Some(styles) = part("xl/styles.xml")? else {
        return Ok(Fills::new());
    };
    let workbook = part("xl/workbook.xml")?.ok_or_else(|| fail("no xl/workbook.xml".into()))?;
    let rels = part("xl/_rels/workbook.xml.rels")?
        .ok_or_else(|| fail("no xl/_rels/workbook.xml.rels".into()))?;
    let target = sheet_part(&workbook, &rels, sheet)
        .map_err(fail)?
        .ok_or_else(|| fail(format!("no part for the sheet \"{sheet}\"")))?;
    let xml = part(&target)?.ok_or_else(|| fail(format!("no {target}")))?;
    let formats = format_fills(&styles).map_err(fail)?;
    cell_fills(&xml, &formats).map_err(fail)
}

/// The attribute `name` of an element (its key as written, prefix included), unescaped.
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| {
            let raw: &str = a.value.as_ref();
            quick_xml::escape::unescape(raw)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| raw.to_string())
        })
}

/// The attribute whose local name is `local` (`r:id`, whatever the prefix).
fn attr_local(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local && a.key.prefix().is_some())
        .map(|a| a.value.as_ref().to_string())
}

/// An element's start (with whether it is empty, `<x/>`) or its end (its local name).
enum Tag<'e, 'b> {
    Start(&'e BytesStart<'b>, bool),
    End(&'e str),
}

/// Calls `f` with each start and end of an element of `xml`.
fn each_element(xml: &[u8], mut f: impl FnMut(Tag)) -> Result<(), String> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => f(Tag::Start(&e, false)),
            Ok(Event::Empty(e)) => f(Tag::Start(&e, true)),
            Ok(Event::End(e)) => f(Tag::End(e.local_name().as_ref())),
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(e.to_string()),
        }
        buf.clear();
    }
}

/// The path inside the archive of the sheet named `sheet`.
fn sheet_part(workbook: &[u8], rels: &[u8], sheet: &str) -> Result<Option<String>, String> {
    let mut id = None;
    each_element(workbook, |tag| {
        if let Tag::Start(e, _) = tag
            && e.local_name().as_ref() == "sheet"
            && attr(e, "name").as_deref() == Some(sheet)
        {
            id = attr_local(e, "id");
        }
    })?;
    let Some(id) = id else {
        return Ok(None);
    };
    let mut target = None;
    each_element(rels, |tag| {
        if let Tag::Start(e, _) = tag
            && e.local_name().as_ref() == "Relationship"
            && attr(e, "Id").as_deref() == Some(id.as_str())
        {
            target = attr(e, "Target");
        }
    })?;
    // Targets are relative to `xl/`, or absolute in the archive.
    Ok(target.map(|t| match t.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{t}"),
    }))
}

/// The fill of each cell format (`<cellXfs>`), by the format's index; `None` for no fill.
fn format_fills(styles: &[u8]) -> Result<Vec<Option<Fill>>, String> {
    let mut fills: Vec<Option<Fill>> = Vec::new();
    let mut formats: Vec<Option<usize>> = Vec::new();
    // Where the reader is: inside <fills> (and a solid <patternFill>), inside <cellXfs>.
    let (mut in_fills, mut solid, mut in_formats) = (false, false, false);
    each_element(styles, |tag| match tag {
        Tag::Start(e, empty) => match e.local_name().as_ref() {
            "fills" => in_fills = !empty,
            "fill" if in_fills => fills.push(None),
            "patternFill" if in_fills => {
                solid = !empty && attr(e, "patternType").as_deref() == Some("solid");
            }
            "fgColor" if in_fills && solid => {
                if let Some(last) = fills.last_mut() {
                    *last = Some(colour(e));
                }
            }
            "cellXfs" => in_formats = !empty,
            "xf" if in_formats => formats.push(attr(e, "fillId").and_then(|f| f.parse().ok())),
            _ => {}
        },
        Tag::End("fills") => in_fills = false,
        Tag::End("patternFill") => solid = false,
        Tag::End("cellXfs") => in_formats = false,
        Tag::End(_) => {}
    })?;
    Ok(formats
        .into_iter()
        .map(|fill| fill.and_then(|i| fills.get(i).cloned().flatten()))
        .collect())
}

/// A `<fgColor>`: `rgb="FF00B050"` (alpha first) as `#00B050`, else what kind of colour it is.
fn colour(e: &BytesStart) -> Fill {
    if let Some(rgb) = attr(e, "rgb") {
        let hex = if rgb.len() == 8 { &rgb[2..] } else { &rgb[..] };
        if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Fill::Rgb(format!("#{}", hex.to_ascii_uppercase()));
        }
    }
    match (attr(e, "theme"), attr(e, "indexed")) {
        (Some(theme), _) => Fill::Other(format!("theme colour {theme}")),
        (_, Some(index)) => Fill::Other(format!("indexed colour {index}")),
        _ => Fill::Other("a colour without an RGB value".into()),
    }
}

/// Each cell's fill, by its format's index `s`.
fn cell_fills(sheet: &[u8], formats: &[Option<Fill>]) -> Result<Fills, String> {
    let mut fills = Fills::new();
    each_element(sheet, |tag| {
        let Tag::Start(e, _) = tag else {
            return;
        };
        if e.local_name().as_ref() != "c" {
            return;
        }
        let fill = attr(e, "s")
            .and_then(|s| s.parse::<usize>().ok())
            .and_then(|s| formats.get(s).cloned().flatten());
        if let (Some(fill), Some(at)) = (fill, attr(e, "r").and_then(|r| cell_at(&r))) {
            fills.insert(at, fill);
        }
    })?;
    Ok(fills)
}

/// `N3` → row 3, column 13 (A is 0).
fn cell_at(reference: &str) -> Option<(usize, usize)> {
    let letters = reference.bytes().take_while(u8::is_ascii_uppercase).count();
    if letters == 0 {
        return None;
    }
    let column = reference[..letters]
        .bytes()
        .fold(0usize, |n, b| n * 26 + usize::from(b - b'A' + 1));
    let row = reference[letters..].parse().ok()?;
    Some((row, column - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_are_rows_and_columns() {
        assert_eq!(cell_at("A1"), Some((1, 0)));
        assert_eq!(cell_at("N3"), Some((3, 13)));
        assert_eq!(cell_at("AA10"), Some((10, 26)));
        assert_eq!(cell_at("3"), None);
    }

    #[test]
    fn formats_name_their_solid_fills() {
        let styles = br#"<styleSheet><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FF00b050"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor theme="5"/></patternFill></fill></fills>
<cellStyleXfs count="1"><xf fillId="2"/></cellStyleXfs><cellXfs count="3"><xf fillId="0"/><xf fillId="2" applyFill="1"/><xf fillId="3"/></cellXfs></styleSheet>"#;
        assert_eq!(
            format_fills(styles).unwrap(),
            [
                None,
                Some(Fill::Rgb("#00B050".into())),
                Some(Fill::Other("theme colour 5".into()))
            ]
        );
    }
}
