//! The theme's scripts as the site serves them: without their comments and indentation, which
//! are for readers of the theme and make up about a third of the bytes a browser downloads
//! before its first search.

/// `js` without whole-line comments (`// …`, and `/* … */` blocks that start a line), leading
/// white space and blank lines; every other line is kept as it is, so no string, regular
/// expression or automatic semicolon changes. A script with a backtick outside its comments
/// (a template literal, whose lines may hold anything) is kept whole.
pub fn minify(js: &str) -> String {
    let out = strip_comment_lines(js);
    if out.contains('`') {
        return js.to_string();
    }
    out
}

fn strip_comment_lines(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    let mut in_comment = false;
    for line in js.lines() {
        let mut code = line.trim();
        if in_comment {
            match code.find("*/") {
                Some(end) => {
                    in_comment = false;
                    code = code[end + 2..].trim();
                }
                None => continue,
            }
        } else if let Some(comment) = code.strip_prefix("/*") {
            match comment.find("*/") {
                Some(end) => code = comment[end + 2..].trim(),
                None => {
                    in_comment = true;
                    continue;
                }
            }
        }
        if code.is_empty() || code.starts_with("//") {
            continue;
        }
        out.push_str(code);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_indentation_go_code_stays() {
        let js = "/*\n * About.\n */\n(function () {\n  // why\n  var url = 'http://x/*y'; // kept\n  /** one line */ var a = 1;\n\n  return a\n    + 2;\n})();\n";
        assert_eq!(
            minify(js),
            "(function () {\nvar url = 'http://x/*y'; // kept\nvar a = 1;\nreturn a\n+ 2;\n})();\n"
        );
    }

    #[test]
    fn a_script_with_a_template_literal_is_kept_whole() {
        let js = "var s = `\n// not a comment\n`;\n";
        assert_eq!(minify(js), js);
        // A backtick in a comment is no template literal.
        assert_eq!(minify("// `code`\nvar a;\n"), "var a;\n");
    }

    /// The theme's own scripts lose at least a fifth of their bytes (the browser test runs
    /// them as the site serves them).
    #[test]
    fn the_themes_scripts_shrink() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/js");
        for name in ["analyzer.js", "search.js"] {
            let js = std::fs::read_to_string(dir.join(name)).unwrap();
            let small = minify(&js);
            assert!(
                small.len() * 5 < js.len() * 4,
                "{name}: {} of {} bytes",
                small.len(),
                js.len()
            );
        }
    }
}
