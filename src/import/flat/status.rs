//! Statuses and directions the document states: in the region's prose, in the target's
//! wording, or by an override; else whether Insyn may compute the status.

use super::Overrides;
use crate::import::followup::{ImportedMeasure, assessment_status, sentences};
use crate::model::{Direction, MeasureKind, Status, StatusSource, parse_number};

/// The goal's status from the region's sentence; "inte … i sin helhet" is a partial result.
pub(super) fn goal_status(sentence: &str) -> Option<Status> {
    let s = sentence.to_lowercase();
    if s.contains("i sin helhet") && s.contains("inte") {
        return Some(Status::DelvisUppnatt);
    }
    assessment_status(sentence)
}

/// The status the prose states for the measure, from its comments: one status from all its
/// sentences that speak of the target, or none.
pub fn prose_status(text: &str) -> Option<Status> {
    const NOT_REACHED: [&str; 8] = [
        "når inte målet",
        "inte når målet",
        "nås inte",
        "inte nås",
        "inte uppnåtts",
        "inte är uppnått",
        "inte uppnått",
        "uppnås inte",
    ];
    const REACHED: [&str; 4] = ["når målet", "målet nås", "uppnåtts", "bättre än målet"];
    let mut found: Vec<Status> = Vec::new();
    for s in sentences(text) {
        let s = s.to_lowercase();
        let status = if NOT_REACHED.iter().any(|p| s.contains(p)) {
            Status::EjUppnatt
        } else if REACHED.iter().any(|p| s.contains(p)) {
            Status::Uppnatt
        } else {
            continue;
        };
        if !found.contains(&status) {
            found.push(status);
        }
    }
    match found[..] {
        [status] => Some(status),
        _ => None,
    }
}

/// Direction from the target's wording: `Öka` is higher, `Minska`, `Under`, `Högst` lower;
/// a share of 100 % can only be reached from below.
pub(super) fn direction_of(target: &str) -> Option<Direction> {
    let first = target.split_whitespace().next().unwrap_or_default();
    match first {
        "Öka" | "Ökning" | "Minst" | "Förbättrat" => Some(Direction::Higher),
        "Minska" | "Minskad" | "Under" | "Högst" => Some(Direction::Lower),
        "Inte" if target.starts_with("Inte minska") => Some(Direction::Higher),
        _ if target.starts_with("100%") || target.starts_with("100 %") => Some(Direction::Higher),
        _ => None,
    }
}

/// The override's direction, else the one the target's wording gives.
pub(super) fn measure_direction(m: &ImportedMeasure, overrides: &Overrides) -> Option<Direction> {
    overrides
        .measure
        .iter()
        .find(|o| o.line == m.first_line)
        .and_then(|o| o.direction.as_deref())
        .and_then(Direction::parse)
        .or_else(|| m.rows.first().and_then(|r| direction_of(&r.target)))
}

/// Status from the prose, or from an override; else `beraknad` where Insyn may compute it.
pub(super) fn apply_status(m: &mut ImportedMeasure, overrides: &Overrides) {
    let text: Vec<&str> = m.comments.iter().map(|c| c.text.as_str()).collect();
    let prose = prose_status(&text.join(" "));
    let direction = measure_direction(m, overrides);
    let activity = m.kind == MeasureKind::Aktivitet;
    for row in &mut m.rows {
        let forced = overrides.status.iter().find(|o| {
            o.measure == m.first_line && o.group.as_deref().is_none_or(|g| g == row.group.key())
        });
        let stated = match forced {
            Some(o) => Status::parse(&o.status),
            None => prose.filter(|_| !activity),
        };
        if let Some(status) = stated {
            row.status = Some(status);
            row.status_source = Some(StatusSource::Text);
            continue;
        }
        if forced.is_some() || activity || direction.is_none() {
            continue;
        }
        let target = row.target_value.as_deref().unwrap_or(&row.target);
        let comparable = target.contains('%') || row.target.contains('%');
        if comparable
            && parse_number(target).is_ok()
            && row.outcome.ends_with('%')
            && parse_number(&row.outcome).is_ok()
        {
            row.status_source = Some(StatusSource::Computed);
        }
    }
}
