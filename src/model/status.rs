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

keyed_enum! {
    /// Måluppfyllelse of a key-figure measure, an activity or a goal.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    pub enum Status {
        Uppnatt = ("uppnatt", "Uppnått"),
        DelvisUppnatt = ("delvis-uppnatt", "Delvis uppnått"),
        EjUppnatt = ("ej-uppnatt", "Ej uppnått"),
        BedomsEj = ("bedoms-ej", "Bedöms ej"),
        Slutford = ("slutford", "Slutförd"),
        Paborjad = ("paborjad", "Påbörjad"),
        EjPaborjad = ("ej-paborjad", "Ej påbörjad"),
    }
}

impl Status {
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

keyed_enum! {
    /// Where a status comes from; a computed status must never pass for a reported one.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    pub enum StatusSource {
        /// The report's table gives it.
        Table = ("tabell", "Enligt rapportens tabell"),
        /// The report's prose states it.
        Text = ("text", "Enligt rapportens text"),
        /// Insyn computed it from target, outcome and baseline.
        Computed = ("beraknad", "Beräknad av Insyn från mål och utfall"),
    }
}

/// A status together with where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assessed {
    pub status: Status,
    pub source: StatusSource,
}

keyed_enum! {
    /// Utveckling, measured against the baseline (ingångsvärde), not against last year.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    pub enum Trend {
        Forbattring = ("forbattring", "Förbättring"),
        Oforandrat = ("oforandrat", "Oförändrat"),
        Forsamring = ("forsamring", "Försämring"),
    }
}

impl Trend {
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

keyed_enum! {
    /// Whether a higher or a lower value is better for a measure.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    pub enum Direction {
        Higher = ("hogre", "Högre värde är bättre"),
        Lower = ("lagre", "Lägre värde är bättre"),
    }
}

impl Direction {
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
            assert_eq!(Status::parse(s.key()), Some(*s));
        }
        for t in Trend::ALL {
            assert_eq!(Trend::parse(t.key()), Some(*t));
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
