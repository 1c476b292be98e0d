//! Legends: the words, symbols and colours an organisation writes for the values of one of the
//! site's enumerations (`■`, `Grön`, `Uppfyllt`, `Ja` for *uppnått*; `↑` for *förbättring*;
//! `K` for *kvinnor*), read from a TOML table `key = ["word", …]` of an import profile. Every
//! importer decodes status, trend and other cells through one, so no organisation's words are
//! in code.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer};

use crate::model::Keyed;

/// Words for the values of `T`, compared ignoring case and runs of white space.
#[derive(Debug, Clone, PartialEq)]
pub struct Legend<T> {
    /// Normalised word and its value, in the table's key order.
    entries: Vec<(String, T)>,
}

impl<T> Default for Legend<T> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
        }
    }
}

/// Lower case with single spaces: how legend words and cells are compared.
fn normalise(word: &str) -> String {
    word.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl<T: Keyed + PartialEq + fmt::Debug> Legend<T> {
    /// Builds a legend from `key → words`; an unknown key, or a word given for two keys, is
    /// an error that says what to write instead.
    pub fn from_table(table: BTreeMap<String, Vec<String>>) -> Result<Self, String> {
        let mut entries: Vec<(String, T)> = Vec::new();
        for (key, words) in table {
            let value = T::parse(&key).ok_or_else(|| {
                format!(
                    "`{key}` is not a value here; use one of: {}",
                    T::keys().join(", ")
                )
            })?;
            for word in words {
                let word = normalise(&word);
                if word.is_empty() {
                    return Err(format!("`{key}` lists an empty word; remove it"));
                }
                match entries.iter().find(|(w, _)| *w == word) {
                    Some((_, other)) if *other != value => {
                        return Err(format!(
                            "`{word}` is listed for both `{}` and `{key}`; keep it under one",
                            other.key()
                        ));
                    }
                    Some(_) => {}
                    None => entries.push((word, value)),
                }
            }
        }
        Ok(Self { entries })
    }

    /// The value a cell writes with one of the legend's words.
    pub fn decode(&self, cell: &str) -> Option<T> {
        let cell = normalise(cell);
        self.entries
            .iter()
            .find(|(w, _)| *w == cell)
            .map(|(_, v)| *v)
    }

    /// [`Self::decode`], else the site's own key or Swedish label (`delvis-uppnatt`,
    /// `Delvis uppnått`), which every organisation may write.
    pub fn decode_or_own(&self, cell: &str) -> Option<T> {
        let word = normalise(cell);
        self.decode(cell).or_else(|| {
            T::ALL
                .iter()
                .copied()
                .find(|v| v.key() == word || normalise(v.label()) == word)
        })
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The values the legend has words for.
    pub fn values(&self) -> impl Iterator<Item = T> + '_ {
        self.entries.iter().map(|(_, v)| *v)
    }
}

impl<'de, T: Keyed + PartialEq + fmt::Debug> Deserialize<'de> for Legend<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let table = BTreeMap::<String, Vec<String>>::deserialize(deserializer)?;
        Legend::from_table(table).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Status, Trend};

    fn legend<T: Keyed + PartialEq + fmt::Debug>(toml: &str) -> Result<Legend<T>, String> {
        Legend::from_table(toml::from_str(toml).unwrap())
    }

    #[test]
    fn decodes_words_symbols_and_colours_ignoring_case_and_spaces() {
        let l: Legend<Status> = legend(
            "uppnatt = [\"■\", \"Uppfyllt\", \"Grön\", \"Ja\"]\ndelvis-uppnatt = [\"Delvis  uppfyllt\"]",
        )
        .unwrap();
        assert_eq!(l.decode(" grön "), Some(Status::Uppnatt));
        assert_eq!(l.decode("JA"), Some(Status::Uppnatt));
        assert_eq!(l.decode("delvis uppfyllt"), Some(Status::DelvisUppnatt));
        assert_eq!(l.decode("Blå"), None);
        // Only `decode_or_own` also knows the site's own keys and labels.
        assert_eq!(l.decode("Ej uppnått"), None);
        assert_eq!(l.decode_or_own("Ej uppnått"), Some(Status::EjUppnatt));
        assert_eq!(l.decode_or_own("bedoms-ej"), Some(Status::BedomsEj));
    }

    #[test]
    fn unknown_keys_and_words_given_twice_are_errors_with_the_fix() {
        let e = legend::<Trend>("battre = [\"↑\"]").unwrap_err();
        assert!(e.contains("`battre` is not a value here"), "{e}");
        assert!(e.contains("forbattring, oforandrat, forsamring"), "{e}");
        let e = legend::<Status>("uppnatt = [\"▲\"]\nej-uppnatt = [\"▲\"]").unwrap_err();
        assert!(e.contains("`▲` is listed for both"), "{e}");
    }
}
