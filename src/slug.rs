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

/// The URL segment of a diary number's case page: its [`slugify`] (`KS 2018/124` →
/// `ks-2018-124`; `1351-2020` stays as it is). Two numbers with one slug are one case page,
/// so the content may not give §s both (the linker reports it).
pub fn case_slug(dnr: &str) -> String {
    slugify(dnr)
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
    fn diary_numbers_get_ascii_slugs() {
        assert_eq!(case_slug("1351-2020"), "1351-2020");
        assert_eq!(case_slug("KS 2018/124"), "ks-2018-124");
        assert_eq!(case_slug("RJL 2018/36"), "rjl-2018-36");
        assert_eq!(case_slug("2019/0041"), "2019-0041");
        assert_eq!(case_slug("Ks 00-1009 006"), "ks-00-1009-006");
        assert_eq!(case_slug("ÖN 2020/7"), "on-2020-7");
        assert_eq!(case_slug("KS 2018/124"), case_slug("ks 2018-124"));
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
