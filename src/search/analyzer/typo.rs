//! Typo tolerance (see "Typo tolerance" in the analyzer's documentation): whether two words
//! are at most one edit apart.

/// Whether `a` and `b` are equal or, both having at least 6 characters, one edit apart
/// (substitution, insertion, deletion, or transposition of adjacent characters).
pub fn within_one_edit(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().min(b.len()) < 6 || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    // Strip the common prefix and suffix; what is left must be a single edit.
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    match (a.len(), b.len()) {
        (1, 1) | (0, 1) | (1, 0) => true,
        (2, 2) => a[0] == b[1] && a[1] == b[0],
        _ => false,
    }
}
