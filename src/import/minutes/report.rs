//! The import report: what an import of minutes found, printed on every import so that the
//! user sees at once whether the document was read as they expect.

use super::ImportedMeeting;

/// `§ 160–184` for a run, `§ 40–42, 45` with gaps.
fn paragraph_list(numbers: &[u32]) -> String {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &n in numbers {
        match runs.last_mut() {
            Some((_, last)) if n == *last + 1 => *last = n,
            _ => runs.push((n, n)),
        }
    }
    let parts: Vec<String> = runs
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect();
    match numbers.len() {
        0 => "none".to_string(),
        1 => format!("§ {}", parts.join(", ")),
        _ => format!("§§ {}", parts.join(", ")),
    }
}

/// The report of one import of `organ_id`'s meeting, one fact a line.
pub fn report(m: &ImportedMeeting, organ_id: &str) -> String {
    let paragraphs: Vec<u32> = m
        .paragraphs
        .iter()
        .map(|p| *p.front.number.get_ref())
        .collect();
    let count = |f: &dyn Fn(&crate::content::RawParagraph) -> usize| -> usize {
        m.paragraphs.iter().map(|p| f(&p.front)).sum()
    };
    let decisions = count(&|p| usize::from(p.decision.is_some()));
    let dnr = count(&|p| p.dnr.len());
    let proposals = count(&|p| p.proposals.len());
    let reservations = count(&|p| p.reservations.len());
    let recusals = count(&|p| p.recusals.len());
    let source = m.front.source.as_ref().map_or("", |s| s.get_ref().as_str());
    let mut out = format!(
        "Meeting: {} ({organ_id}) {}, from {source}\n\
         Paragraphs: {} ({} found)\n\
         Decisions: {decisions}, diary numbers: {dnr}, proposals: {proposals}, \
         reservations: {reservations}, jäv: {recusals}, persons: {}\n",
        m.organ,
        m.date,
        paragraph_list(&paragraphs),
        paragraphs.len(),
        m.persons.len(),
    );
    if !m.toc_only.is_empty() {
        out.push_str(&format!(
            "Only in the table of contents: {}\n",
            paragraph_list(&m.toc_only)
        ));
    }
    let wrong = m.warnings.iter().filter(|w| w.wrong).count();
    out.push_str(&format!(
        "Warnings: {} ({wrong} saying the content would be wrong)\n",
        m.warnings.len()
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::paragraph_list;

    #[test]
    fn lists_paragraphs_as_runs() {
        assert_eq!(paragraph_list(&[160, 161, 162]), "§§ 160–162");
        assert_eq!(paragraph_list(&[40, 41, 42, 45]), "§§ 40–42, 45");
        assert_eq!(paragraph_list(&[7]), "§ 7");
        assert_eq!(paragraph_list(&[]), "none");
    }
}
