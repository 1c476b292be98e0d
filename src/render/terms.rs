//! The organisation's words for the parts of its plans (`[terms]` in the config) in every
//! form the templates need, so templates and page code never build or capitalise a word.

use serde::Serialize;

use crate::config::{Noun, Terms, capitalise};

/// The templates' `terms`: each noun with its capitalised forms.
#[derive(Debug, Clone, Serialize)]
pub struct TermsView {
    pub organisation: OrganisationView,
    pub perspective: NounView,
    pub goal: NounView,
    pub factor: NounView,
    pub measure: NounView,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrganisationView {
    pub definite: String,
    pub genitive: String,
    pub genitive_cap: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NounView {
    pub singular: String,
    pub definite: String,
    pub plural: String,
    pub singular_cap: String,
    pub definite_cap: String,
    pub plural_cap: String,
    /// `detta perspektiv`, `denna inriktning`.
    pub this: String,
}

impl TermsView {
    pub fn new(terms: &Terms) -> Self {
        TermsView {
            organisation: OrganisationView {
                definite: terms.organisation.definite.clone(),
                genitive: terms.organisation.genitive.clone(),
                genitive_cap: capitalise(&terms.organisation.genitive),
            },
            perspective: NounView::new(&terms.perspective),
            goal: NounView::new(&terms.goal),
            factor: NounView::new(&terms.factor),
            measure: NounView::new(&terms.measure),
        }
    }
}

impl NounView {
    fn new(noun: &Noun) -> Self {
        // Swedish neuter nouns end in -t in the definite form (perspektivet, målområdet),
        // common-gender nouns in -n (inriktningen), and the demonstrative follows the gender.
        let this = if noun.definite.ends_with('t') {
            "detta"
        } else {
            "denna"
        };
        NounView {
            singular: noun.singular.clone(),
            definite: noun.definite.clone(),
            plural: noun.plural.clone(),
            singular_cap: capitalise(&noun.singular),
            definite_cap: capitalise(&noun.definite),
            plural_cap: capitalise(&noun.plural),
            this: format!("{this} {}", noun.singular),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DecisionKind, MeasureKind};

    #[test]
    fn the_default_words_are_norrbottens() {
        let view = TermsView::new(&Terms::default());
        assert_eq!(view.goal.singular_cap, "Strategiskt mål");
        assert_eq!(view.goal.plural_cap, "Strategiska mål");
        assert_eq!(view.perspective.this, "detta perspektiv");
        assert_eq!(view.factor.definite, "framgångsfaktorn");
        assert_eq!(view.organisation.genitive_cap, "Regionens");
        assert_eq!(
            Terms::default().measure_kind(MeasureKind::Styrmatt),
            "Styrmått"
        );
    }

    #[test]
    fn another_organisations_words_agree_in_gender() {
        let terms = Terms {
            perspective: Noun {
                singular: "inriktning".into(),
                definite: "inriktningen".into(),
                plural: "inriktningar".into(),
            },
            measure: Noun {
                singular: "indikator".into(),
                definite: "indikatorn".into(),
                plural: "indikatorer".into(),
            },
            council: "kommunfullmäktige".into(),
            ..Terms::default()
        };
        assert_eq!(
            terms.decision_kind(DecisionKind::Proposal),
            "Förslag till kommunfullmäktige"
        );
        assert_eq!(terms.decision_kind(DecisionKind::Final), "Beslut");
        let view = TermsView::new(&terms);
        assert_eq!(view.perspective.this, "denna inriktning");
        assert_eq!(view.perspective.definite_cap, "Inriktningen");
        assert_eq!(terms.measure_kind(MeasureKind::Styrmatt), "Indikator");
        assert_eq!(terms.measure_kind(MeasureKind::Aktivitet), "Aktivitet");
        assert_eq!(capitalise("ärende"), "Ärende");
    }
}
