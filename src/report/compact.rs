//! One line per finding, `path:line:col: severity [rule] message`, the shape compilers print:
//! Vim's quickfix, Emacs' compilation mode and VS Code problem matchers read it as is.

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;

/// Writes one line per diagnostic; line breaks inside a message become spaces.
pub fn write(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    for d in diagnostics {
        let start = d.source.position(d.span.start);
        let message: String = d
            .message
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect();
        writeln!(
            out,
            "{}:{}:{}: {} [{}] {}",
            d.source.display_path,
            start.line,
            start.column,
            d.severity.as_str(),
            d.rule,
            message
        )?;
    }
    Ok(())
}
