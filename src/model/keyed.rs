//! Enumerations that content files write as Swedish keys: each variant's key and label are
//! declared once, in [`keyed_enum!`], and every reader and writer of content (the loader, the
//! importers, open data, error hints) goes through them.

/// An enumeration with a key per variant (as content files write it) and a Swedish label.
pub trait Keyed: Copy + Sized + 'static {
    /// Every variant, in declaration order.
    const ALL: &'static [Self];

    fn key(self) -> &'static str;

    fn label(self) -> &'static str;

    fn parse(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.key() == key)
    }

    /// Every key, for error hints ("use one of: …").
    fn keys() -> Vec<&'static str> {
        Self::ALL.iter().map(|v| v.key()).collect()
    }
}

/// Declares an enumeration with its variants' keys and labels, implementing [`Keyed`] and the
/// same methods inherently (so callers need not import the trait).
macro_rules! keyed_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($key:literal, $label:literal) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $crate::model::keyed::Keyed for $name {
            const ALL: &'static [$name] = &[$($name::$variant),+];

            fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key),+
                }
            }

            fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label),+
                }
            }
        }

        impl $name {
            pub const ALL: &'static [$name] = <$name as $crate::model::keyed::Keyed>::ALL;

            /// The value content files use.
            pub fn key(self) -> &'static str {
                <$name as $crate::model::keyed::Keyed>::key(self)
            }

            /// The Swedish label shown on the site.
            pub fn label(self) -> &'static str {
                <$name as $crate::model::keyed::Keyed>::label(self)
            }

            pub fn parse(key: &str) -> Option<$name> {
                <$name as $crate::model::keyed::Keyed>::parse(key)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::Keyed;
    use crate::model::*;

    fn round_trips<T: Keyed + PartialEq + std::fmt::Debug>() {
        let keys = T::keys();
        for (i, v) in T::ALL.iter().enumerate() {
            assert_eq!(T::parse(v.key()), Some(*v));
            assert!(!keys[..i].contains(&v.key()), "key {} twice", v.key());
            assert!(!v.label().is_empty());
        }
        assert_eq!(T::parse("finns-inte"), None);
        // Content files write keys, never labels.
        for v in T::ALL.iter().filter(|v| v.key() != v.label()) {
            assert_eq!(T::parse(v.label()), None);
        }
    }

    #[test]
    fn every_key_parses_back_to_its_variant() {
        round_trips::<MeasureKind>();
        round_trips::<Group>();
        round_trips::<ReportKind>();
        round_trips::<DecisionKind>();
        round_trips::<ReferenceKind>();
        round_trips::<Status>();
        round_trips::<StatusSource>();
        round_trips::<Trend>();
        round_trips::<Direction>();
    }
}
