//! Build diagnostics: an error tied to a file position, with a hint how to fix it.
//!
//! Every stage of the pipeline pushes into one `Diagnostics` list so that a build reports all
//! of its problems at once instead of stopping at the first.

use std::fmt;

/// One problem found in the input, pointing at `path:line:column`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: error: {}",
            self.path, self.line, self.column, self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// The collected problems of one build.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds the problems collected elsewhere (e.g. on another thread).
    pub fn append(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The diagnostics in a stable order (by file and position), without duplicates.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }
}

/// How many known names a hint lists for an unknown one.
pub const NEAREST: usize = 5;

/// The known names most like `value` (fewest edits first, then by name), at most [`NEAREST`]:
/// a hint names the few a typo probably meant rather than every one there is.
pub fn nearest<'a>(value: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut ranked: Vec<(usize, &str)> = known
        .into_iter()
        .map(|k| (strsim::levenshtein(value, k), k))
        .collect();
    ranked.sort_unstable();
    ranked.dedup();
    ranked.into_iter().take(NEAREST).map(|(_, k)| k).collect()
}

/// A hint's list of the known names nearest to `value`, saying where all of them are when it
/// shows only some: "rf, rs" or "a, b, c, d, e (the nearest 5 of 150; all: the files in …)".
pub fn nearest_list<'a>(
    value: &str,
    known: impl IntoIterator<Item = &'a str>,
    where_all: &str,
) -> String {
    let known: Vec<&str> = known.into_iter().collect();
    let shown = nearest(value, known.iter().copied());
    let list = shown.join(", ");
    if shown.len() < known.len() {
        format!(
            "{list} (the nearest {} of {}; all: {where_all})",
            shown.len(),
            known.len()
        )
    } else {
        list
    }
}

/// A source text with its display path, able to turn byte offsets into line and column.
#[derive(Debug, Clone)]
pub struct SourceText {
    pub path: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceText {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceText {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line + 1, column)
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |e| e - 1);
        self.text[start..end].trim_end_matches('\r')
    }

    /// A diagnostic at a byte offset of this text.
    pub fn error_at(
        &self,
        offset: usize,
        message: impl Into<String>,
        hint: Option<String>,
    ) -> Diagnostic {
        let (line, column) = self.position(offset);
        Diagnostic {
            path: self.path.clone(),
            line,
            column,
            message: message.into(),
            hint,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let src = SourceText::new("a.md", "+++\ntitle = \"Två\"\nx = ö\n");
        assert_eq!(src.position(0), (1, 1));
        assert_eq!(src.position(4), (2, 1));
        let offset = src.text.find('ö').unwrap();
        assert_eq!(src.position(offset), (3, 5));
        assert_eq!(src.line_text(2), "title = \"Två\"");
    }

    #[test]
    fn hints_name_the_nearest_few() {
        assert_eq!(nearest("rfm", ["rs", "rf", "run"]), ["rf", "rs", "run"]);
        let many: Vec<String> = (0..150).map(|i| format!("matt-{i}")).collect();
        let list = nearest_list("matt-12x", many.iter().map(String::as_str), "content/matt/");
        assert!(
            list.starts_with("matt-12, matt-120, matt-121, matt-122, matt-123 (the nearest 5 of 150; all: content/matt/)"),
            "{list}"
        );
        assert_eq!(nearest_list("x", ["a", "b"], "here"), "a, b");
    }

    #[test]
    fn display_names_file_line_and_hint() {
        let d = Diagnostic {
            path: "content/x.md".into(),
            line: 3,
            column: 9,
            message: "unknown organ `xx`".into(),
            hint: Some("add content/organ/xx.md".into()),
        };
        assert_eq!(
            d.to_string(),
            "content/x.md:3:9: error: unknown organ `xx`\n  hint: add content/organ/xx.md"
        );
    }
}
