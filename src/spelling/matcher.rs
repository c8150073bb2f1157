//! Every wrong form of every rule set, compiled once: literal forms into one ASCII-case-folded
//! automaton, patterns into one `RegexSet`. A prose range is scanned once per automaton
//! whatever the number of rules, then candidates are judged by the
//! characters around them, in code, because the `regex` crate has no look-around and its `\b`
//! counts Hangul as word characters.

use std::ops::Range;

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use daachorse::CharwiseDoubleArrayAhoCorasick;
use regex::{Regex, RegexSet};

use crate::spelling::rules::{Rule, RuleSet, WrongForm};

/// A wrong form found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Bytes of the wrong text in the file.
    pub range: Range<usize>,
    /// Index of the rule set in [`Matcher::sets`].
    pub set: usize,
    /// Index of the rule in its set.
    pub rule: usize,
}

/// `(set, rule)` of a compiled entry.
type Owner = (usize, usize);

/// The pattern rules: one set to tell which match, and each rule's regex to find where.
type PatternSet = (RegexSet, Vec<(Regex, Owner)>);

/// A literal form's rule, and whether its case must match as written (the automaton folds
/// ASCII case for every form, so case-sensitive matches are confirmed afterwards).
#[derive(Debug, Clone)]
struct Literal {
    owner: Owner,
    /// The form as written, when its case must match.
    exact: Option<String>,
}

/// Total bytes of literal forms up to which they are compiled to a DFA. The shipped sets are
/// about 10 KB: their DFA (6 MB) scans Korean prose about 1.7x faster than Aho-Corasick's NFA.
/// With 170 KB of forms (10,000 team entries) the DFA took 180 ms to build and 87 MB; past the
/// budget a character-wise double array (`daachorse`) takes 25 ms and 1.4 MB, and scans about
/// 1.6x faster than the NFA, close to the DFA.
const DFA_BUDGET: usize = 64 << 10;

/// The literal forms of every set, compiled into one automaton, so prose is scanned once.
enum Literals {
    /// Up to [`DFA_BUDGET`]: Aho-Corasick's DFA, folding ASCII case; pattern `i` is form `i`.
    Dfa(AhoCorasick),
    /// Past it: a character-wise double array over the ASCII-lowercased forms, each distinct
    /// one once; its values index `forms`, which lists the forms each stands for.
    Big {
        automaton: CharwiseDoubleArrayAhoCorasick<u32>,
        forms: Vec<Vec<usize>>,
    },
}

impl std::fmt::Debug for Literals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Literals::Dfa(ac) => f.debug_tuple("Dfa").field(ac).finish(),
            Literals::Big { automaton, forms } => f
                .debug_struct("Big")
                .field("heap_bytes", &automaton.heap_bytes())
                .field("forms", &forms.len())
                .finish(),
        }
    }
}

/// The compiled rule sets.
#[derive(Debug)]
pub struct Matcher {
    sets: Vec<RuleSet>,
    /// Every literal form in one automaton, and the rule of each.
    literals: Option<(Literals, Vec<Literal>)>,
    patterns: Option<PatternSet>,
}

impl Matcher {
    /// A matcher of no rule sets, which finds nothing.
    pub fn none() -> Matcher {
        Matcher {
            sets: Vec::new(),
            literals: None,
            patterns: None,
        }
    }

    /// Compiles `sets`. Fails only when the automata or the pattern set exceed their size
    /// limits.
    pub fn new(sets: Vec<RuleSet>) -> Result<Matcher, String> {
        let mut forms: Vec<String> = Vec::new();
        let mut owners: Vec<Literal> = Vec::new();
        let mut patterns: Vec<(Regex, Owner)> = Vec::new();
        for (s, set) in sets.iter().enumerate() {
            for (r, rule) in set.rules.iter().enumerate() {
                match &rule.matcher {
                    WrongForm::Literal(literals) => {
                        for form in literals {
                            forms.push(form.clone());
                            owners.push(Literal {
                                owner: (s, r),
                                exact: (!rule.ignore_case).then(|| form.clone()),
                            });
                        }
                    }
                    WrongForm::Pattern(re) => patterns.push((re.clone(), (s, r))),
                }
            }
        }
        // The automaton and the pattern set compile on two threads: start-up waits for both.
        let (literals, patterns) = rayon::join(
            || compile_literals(&forms, owners),
            || compile_patterns(patterns),
        );
        let (literals, patterns) = (literals?, patterns?);
        Ok(Matcher {
            literals,
            patterns,
            sets,
        })
    }

    /// The rule sets, in the order hits refer to them.
    pub fn sets(&self) -> &[RuleSet] {
        &self.sets
    }

    /// The rule a hit belongs to.
    pub fn rule(&self, hit: &Hit) -> Option<(&RuleSet, &Rule)> {
        let set = self.sets.get(hit.set)?;
        Some((set, set.rules.get(hit.rule)?))
    }

    /// Wrong forms in `range` of `text` (a file), leftmost-longest and never overlapping.
    /// The whole text is given so the characters around a match can be judged.
    pub fn find(&self, text: &str, range: Range<usize>) -> Vec<Hit> {
        let Some(hay) = text.get(range.clone()) else {
            return Vec::new();
        };
        let base = range.start;
        let mut candidates: Vec<Hit> = Vec::new();
        if let Some((literals, owners)) = &self.literals {
            let mut push = |form: usize, range: Range<usize>| {
                let Some(literal) = owners.get(form) else {
                    return;
                };
                if let Some(exact) = &literal.exact
                    && hay.get(range.clone()) != Some(exact.as_str())
                {
                    return;
                }
                let (set, rule) = literal.owner;
                candidates.push(Hit {
                    range: base + range.start..base + range.end,
                    set,
                    rule,
                });
            };
            match literals {
                Literals::Dfa(ac) => {
                    for m in ac.find_overlapping_iter(hay) {
                        push(m.pattern().as_usize(), m.range());
                    }
                }
                Literals::Big { automaton, forms } => {
                    // Folding ASCII case keeps every byte offset.
                    let folded = hay.to_ascii_lowercase();
                    for m in automaton.find_overlapping_iter(&folded) {
                        let same = usize::try_from(m.value()).ok().and_then(|v| forms.get(v));
                        for &form in same.into_iter().flatten() {
                            push(form, m.start()..m.end());
                        }
                    }
                }
            }
        }
        if let Some((set, regexes)) = &self.patterns {
            let indices = if set.is_match(hay) {
                set.matches(hay).into_iter().collect()
            } else {
                Vec::new()
            };
            for index in indices {
                let Some((re, (s, r))) = regexes.get(index) else {
                    continue;
                };
                candidates.extend(re.find_iter(hay).filter(|m| !m.is_empty()).map(|m| Hit {
                    range: base + m.start()..base + m.end(),
                    set: *s,
                    rule: *r,
                }));
            }
        }
        candidates.retain(|hit| {
            self.rule(hit)
                .is_some_and(|(_, rule)| accepts(text, &hit.range, rule))
        });
        // Leftmost, then longest; for the very same text, the later set wins, so a team's
        // own rule overrides a shipped one, and within a set the first rule.
        candidates.sort_by(|a, b| {
            a.range
                .start
                .cmp(&b.range.start)
                .then(b.range.end.cmp(&a.range.end))
                .then(b.set.cmp(&a.set))
                .then(a.rule.cmp(&b.rule))
        });
        let mut out: Vec<Hit> = Vec::with_capacity(candidates.len());
        for hit in candidates {
            if out
                .last()
                .is_none_or(|last| hit.range.start >= last.range.end)
            {
                out.push(hit);
            }
        }
        out
    }
}

/// Every literal form in one automaton that folds ASCII case; `None` when there are none.
fn compile_literals(
    forms: &[String],
    owners: Vec<Literal>,
) -> Result<Option<(Literals, Vec<Literal>)>, String> {
    if forms.is_empty() {
        return Ok(None);
    }
    let fail = |e: &dyn std::fmt::Display| format!("cannot compile the rule sets: {e}");
    if forms.iter().map(String::len).sum::<usize>() <= DFA_BUDGET {
        let builder = |kind| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(kind)
                .build(forms)
        };
        let ac = builder(Some(AhoCorasickKind::DFA))
            .or_else(|_| builder(None))
            .map_err(|e| fail(&e))?;
        return Ok(Some((Literals::Dfa(ac), owners)));
    }
    // The double array takes each pattern once: forms equal once folded share an entry.
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut same: Vec<Vec<usize>> = Vec::new();
    for (i, form) in forms.iter().enumerate() {
        let folded = form.to_ascii_lowercase();
        let next = u32::try_from(same.len()).map_err(|e| fail(&e))?;
        let entry = *index.entry(folded).or_insert(next);
        match same.get_mut(entry as usize) {
            Some(list) => list.push(i),
            None => same.push(vec![i]),
        }
    }
    let automaton = CharwiseDoubleArrayAhoCorasick::with_values(index).map_err(|e| fail(&e))?;
    Ok(Some((
        Literals::Big {
            automaton,
            forms: same,
        },
        owners,
    )))
}

/// The pattern rules in one `RegexSet` (which tells which patterns match a range), beside
/// each rule's own regex (which finds where); `None` when there are none.
fn compile_patterns(patterns: Vec<(Regex, Owner)>) -> Result<Option<PatternSet>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let set = regex::RegexSetBuilder::new(patterns.iter().map(|(re, _)| re.as_str()))
        .size_limit(64 << 20)
        .dfa_size_limit(64 << 20)
        .build()
        .map_err(|e| format!("cannot compile the rule patterns: {e}"))?;
    Ok(Some((set, patterns)))
}

/// Whether a candidate at `range` of `text` is a real occurrence for `rule`: whole words for
/// Latin script, the start of an eojeol for Hangul, and not inside one of its exceptions.
fn accepts(text: &str, range: &Range<usize>, rule: &Rule) -> bool {
    let Some(found) = text.get(range.clone()) else {
        return false;
    };
    // A case-folded form also finds the right form itself.
    if rule.right.iter().any(|right| right == found) {
        return false;
    }
    if !rule.within_words {
        let before = text.get(..range.start).unwrap_or("");
        let after = text.get(range.end..).unwrap_or("");
        let first = found.chars().next();
        let last = found.chars().next_back();
        if first.is_some_and(is_latin_word) && joins_latin(before.chars().rev()) {
            return false;
        }
        if last.is_some_and(is_latin_word) && joins_latin(after.chars()) {
            return false;
        }
        if first.is_some_and(is_hangul) && before.chars().next_back().is_some_and(is_hangul) {
            return false;
        }
    }
    !rule
        .exceptions
        .iter()
        .any(|exception| inside(text, range, found, exception))
}

/// True when the characters next to a Latin word (walking away from it) continue it: a letter
/// or digit, `_`, `/`, `@`, `\`, or a `-` or `.` that joins another word character.
fn joins_latin(mut away: impl Iterator<Item = char>) -> bool {
    match away.next() {
        Some(c) if c.is_ascii_alphanumeric() || matches!(c, '_' | '/' | '@' | '\\') => true,
        Some('-' | '.') => away.next().is_some_and(|c| c.is_ascii_alphanumeric()),
        _ => false,
    }
}

fn is_latin_word(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// A precomposed Hangul syllable (가-힣).
pub fn is_hangul(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
}

/// True when the match lies inside an occurrence of `exception` in the text.
fn inside(text: &str, range: &Range<usize>, found: &str, exception: &str) -> bool {
    exception.match_indices(found).any(|(k, _)| {
        range
            .start
            .checked_sub(k)
            .and_then(|start| text.get(start..start + exception.len()))
            == Some(exception)
    })
}

#[cfg(test)]
mod tests;
