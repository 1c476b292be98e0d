//! ASCII slugs for URLs and anchors: Swedish letters fold to plain ones (å, ä → a; ö → o).

/// Turns any text into a lower-case ASCII slug of letters, digits and single dashes.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Whether `id` can be used as-is as an id and URL segment.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_letters_fold_to_ascii() {
        assert_eq!(
            slugify("Hälso- och sjukvårdsnämnden"),
            "halso-och-sjukvardsnamnden"
        );
        assert_eq!(
            slugify("Ett hållbart och livskraftigt län"),
            "ett-hallbart-och-livskraftigt-lan"
        );
        assert_eq!(slugify("  Över!  "), "over");
    }

    #[test]
    fn ids_must_be_ascii_slugs() {
        assert!(is_valid_id("2023-2025"));
        assert!(is_valid_id("rs"));
        assert!(!is_valid_id("Län"));
        assert!(!is_valid_id("a_b"));
        assert!(!is_valid_id(""));
    }
}
