//! GitHub Actions workflow commands (`::error file=…::message`): each finding becomes an
//! annotation on the pull request's diff, with the escaping GitHub's runner requires.

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};

/// Writes one workflow command per diagnostic.
pub fn write(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    for d in diagnostics {
        let start = d.source.position(d.span.start);
        let end = d.source.position(d.span.end);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\n\n");
            message.push_str(help);
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&d.source.display_path),
            start.line,
            start.column,
            end.line,
            end.column,
            property(&format!("postlint {}", d.rule)),
            data(&message),
        )?;
    }
    Ok(())
}

/// Escapes a command's message, as the runner's `escapeData` does.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value, as the runner's `escapeProperty` does: also `:` and `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(data("50% 캐쉬\r\n끝: a,b"), "50%25 캐쉬%0D%0A끝: a,b");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
