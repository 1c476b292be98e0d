//! Måluppfyllelse and utveckling as Region Norrbotten defines them, and how a status is computed
//! from target and outcome where a source lost its colour markings.

use serde::Serialize;

/// The shape that carries a status without colour (the region's own symbols).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    Square,
    Circle,
    Triangle,
    Diamond,
}

/// How good a status is; drives the colour and the scorecard counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Good,
    Partial,
    Poor,
    Unassessed,
}

/// Måluppfyllelse of a key-figure measure, an activity or a goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Status {
    Uppnatt,
    DelvisUppnatt,
    EjUppnatt,
    BedomsEj,
    Slutford,
    Paborjad,
    EjPaborjad,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Uppnatt,
        Status::DelvisUppnatt,
        Status::EjUppnatt,
        Status::BedomsEj,
        Status::Slutford,
        Status::Paborjad,
        Status::EjPaborjad,
    ];

    /// The value used in content files.
    pub fn key(self) -> &'static str {
        match self {
            Status::Uppnatt => "uppnatt",
            Status::DelvisUppnatt => "delvis-uppnatt",
            Status::EjUppnatt => "ej-uppnatt",
            Status::BedomsEj => "bedoms-ej",
            Status::Slutford => "slutford",
            Status::Paborjad => "paborjad",
            Status::EjPaborjad => "ej-paborjad",
        }
    }

    pub fn parse(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Uppnatt => "Uppnått",
            Status::DelvisUppnatt => "Delvis uppnått",
            Status::EjUppnatt => "Ej uppnått",
            Status::BedomsEj => "Bedöms ej",
            Status::Slutford => "Slutförd",
            Status::Paborjad => "Påbörjad",
            Status::EjPaborjad => "Ej påbörjad",
        }
    }

    /// The region's definition of the status.
    pub fn definition(self) -> &'static str {
        match self {
            Status::Uppnatt => "Lika med målet eller bättre.",
            Status::DelvisUppnatt => "Bättre än ingångsvärdet men når inte målet.",
            Status::EjUppnatt => "Som ingångsvärdet eller sämre.",
            Status::BedomsEj => "Måluppfyllelsen bedöms inte för perioden.",
            Status::Slutford => "Aktiviteten är slutförd.",
            Status::Paborjad => "Aktiviteten är påbörjad.",
            Status::EjPaborjad => "Aktiviteten är inte påbörjad.",
        }
    }

    pub fn level(self) -> Level {
        match self {
            Status::Uppnatt | Status::Slutford => Level::Good,
            Status::DelvisUppnatt | Status::Paborjad => Level::Partial,
            Status::EjUppnatt | Status::EjPaborjad => Level::Poor,
            Status::BedomsEj => Level::Unassessed,
        }
    }

    pub fn shape(self) -> Shape {
        match self.level() {
            Level::Good => Shape::Square,
            Level::Partial => Shape::Circle,
            Level::Poor => Shape::Triangle,
            Level::Unassessed => Shape::Diamond,
        }
    }

    pub fn is_activity_status(self) -> bool {
        matches!(
            self,
            Status::Slutford | Status::Paborjad | Status::EjPaborjad
        )
    }
}

/// Where a status comes from; a computed status must never pass for a reported one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum StatusSource {
    /// The report's table gives it.
    Table,
    /// The report's prose states it.
    Text,
    /// Insyn computed it from target, outcome and baseline.
    Computed,
}

impl StatusSource {
    pub const ALL: [StatusSource; 3] = [
        StatusSource::Table,
        StatusSource::Text,
        StatusSource::Computed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            StatusSource::Table => "tabell",
            StatusSource::Text => "text",
            StatusSource::Computed => "beraknad",
        }
    }

    pub fn parse(key: &str) -> Option<StatusSource> {
        StatusSource::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            StatusSource::Table => "Enligt rapportens tabell",
            StatusSource::Text => "Enligt rapportens text",
            StatusSource::Computed => "Beräknad av Insyn från mål och utfall",
        }
    }
}

/// A status together with where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assessed {
    pub status: Status,
    pub source: StatusSource,
}

/// Utveckling, measured against the baseline (ingångsvärde), not against last year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Trend {
    Forbattring,
    Oforandrat,
    Forsamring,
}

impl Trend {
    pub const ALL: [Trend; 3] = [Trend::Forbattring, Trend::Oforandrat, Trend::Forsamring];

    pub fn key(self) -> &'static str {
        match self {
            Trend::Forbattring => "forbattring",
            Trend::Oforandrat => "oforandrat",
            Trend::Forsamring => "forsamring",
        }
    }

    pub fn parse(key: &str) -> Option<Trend> {
        Trend::ALL.into_iter().find(|t| t.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Trend::Forbattring => "Förbättring",
            Trend::Oforandrat => "Oförändrat",
            Trend::Forsamring => "Försämring",
        }
    }

    /// The region's arrow for the trend.
    pub fn arrow(self) -> &'static str {
        match self {
            Trend::Forbattring => "▲",
            Trend::Oforandrat => "▶",
            Trend::Forsamring => "▼",
        }
    }

    pub fn level(self) -> Level {
        match self {
            Trend::Forbattring => Level::Good,
            Trend::Oforandrat => Level::Partial,
            Trend::Forsamring => Level::Poor,
        }
    }
}

/// Whether a higher or a lower value is better for a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Direction {
    Higher,
    Lower,
}

impl Direction {
    pub fn parse(key: &str) -> Option<Direction> {
        match key {
            "hogre" => Some(Direction::Higher),
            "lagre" => Some(Direction::Lower),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Direction::Higher => "Högre värde är bättre",
            Direction::Lower => "Lägre värde är bättre",
        }
    }

    fn at_least_as_good(self, value: f64, reference: f64) -> bool {
        match self {
            Direction::Higher => value >= reference,
            Direction::Lower => value <= reference,
        }
    }
}

/// Computes måluppfyllelse with the region's definitions. Without a baseline only "uppnått" can
/// be decided; anything else would be a guess, so the result is then `None`.
pub fn compute_status(
    direction: Direction,
    target: f64,
    outcome: f64,
    baseline: Option<f64>,
) -> Option<Status> {
    if direction.at_least_as_good(outcome, target) {
        return Some(Status::Uppnatt);
    }
    let baseline = baseline?;
    if direction.at_least_as_good(outcome, baseline) && outcome != baseline {
        Some(Status::DelvisUppnatt)
    } else {
        Some(Status::EjUppnatt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.key()), Some(s));
        }
        for t in Trend::ALL {
            assert_eq!(Trend::parse(t.key()), Some(t));
        }
        assert_eq!(Status::parse("Uppnått"), None);
    }

    #[test]
    fn shapes_follow_the_regions_symbols() {
        assert_eq!(Status::Uppnatt.shape(), Shape::Square);
        assert_eq!(Status::Paborjad.shape(), Shape::Circle);
        assert_eq!(Status::EjUppnatt.shape(), Shape::Triangle);
        assert_eq!(Status::BedomsEj.shape(), Shape::Diamond);
        assert_eq!(Trend::Forbattring.arrow(), "▲");
    }

    #[test]
    fn computes_status_with_the_regions_definitions() {
        use Direction::*;
        assert_eq!(
            compute_status(Higher, 43000.0, 43000.0, None),
            Some(Status::Uppnatt)
        );
        assert_eq!(compute_status(Higher, 43000.0, 18464.0, None), None);
        assert_eq!(
            compute_status(Higher, 90.0, 85.0, Some(80.0)),
            Some(Status::DelvisUppnatt)
        );
        assert_eq!(
            compute_status(Higher, 90.0, 80.0, Some(80.0)),
            Some(Status::EjUppnatt)
        );
        assert_eq!(
            compute_status(Lower, 10.0, 12.0, Some(15.0)),
            Some(Status::DelvisUppnatt)
        );
        assert_eq!(
            compute_status(Lower, 10.0, 9.0, Some(15.0)),
            Some(Status::Uppnatt)
        );
        assert_eq!(
            compute_status(Lower, 10.0, 16.0, Some(15.0)),
            Some(Status::EjUppnatt)
        );
    }
}
