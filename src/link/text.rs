//! Checks of a document's Markdown text that the page would otherwise get silently wrong:
//! table placeholders (see `tables`) and links whose targets the page would drop.

use super::Linker;
use crate::content::Doc;
use crate::diagnostics::Diagnostic;

impl Linker<'_> {
    /// Checks a document's text; `tables` are the ids of the data tables it may place (a
    /// report's), `None` for texts that can place none.
    pub(super) fn text_checks<T>(&mut self, doc: &Doc<T>, tables: Option<&[&str]>) {
        self.table_placeholders(doc, tables);
        self.dropped_links(doc);
    }

    /// A `javascript:`, `vbscript:`, `file:` or `data:` link is an error: the page would show
    /// it as a link that leads nowhere.
    fn dropped_links<T>(&mut self, doc: &Doc<T>) {
        let dropped = crate::markdown::dropped_links(&doc.body);
        if dropped.is_empty() {
            return;
        }
        let source = &doc.loc.source;
        let (body_line, _) = source.position(source.text.len() - doc.body.len());
        for link in dropped {
            let scheme = link.url.split(':').next().unwrap_or_default();
            self.diagnostics.push(Diagnostic {
                path: source.path.clone(),
                line: body_line + link.line - 1,
                column: link.column,
                message: format!(
                    "the link to `{}` would lead nowhere: pages never link to `{scheme}:` \
                     addresses",
                    link.url
                ),
                hint: Some(
                    "link to a web address (https://…), an e-mail address (mailto:…) or a page \
                     of the site (/mal/…), or remove the link"
                        .into(),
                ),
            });
        }
    }
}
