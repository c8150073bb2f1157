//! Korean particles agree with the word before them: `캐시를` but `콘셉트를`, `컨셉을`. When a
//! fix changes whether the word ends in a final consonant (받침), the particle right after it
//! must change too, or the fix writes a new mistake (`컨셉을` -> `콘셉트을`).

/// Particle pairs: the form after a final consonant, the form after a vowel.
const PAIRS: [(&str, &str); 7] = [
    ("으로", "로"),
    ("이나", "나"),
    ("이랑", "랑"),
    ("을", "를"),
    ("은", "는"),
    ("과", "와"),
    ("이", "가"),
];

/// The final consonant of a Hangul syllable: `None` for a non-syllable, `Some(0)` for none,
/// `Some(8)` for ㄹ.
fn final_consonant(c: char) -> Option<u32> {
    let code = u32::from(c);
    (0xAC00..=0xD7A3)
        .contains(&code)
        .then(|| (code - 0xAC00) % 28)
}

/// When replacing `wrong` by `right` and `after` (the text that follows) starts with a
/// particle that no longer agrees, the particle's byte length and its agreeing form.
pub fn agreeing_particle(wrong: &str, right: &str, after: &str) -> Option<(usize, &'static str)> {
    let old = final_consonant(wrong.chars().next_back()?)?;
    let new = final_consonant(right.chars().next_back()?)?;
    for (consonant_form, vowel_form) in PAIRS {
        for (written, after_consonant) in [(consonant_form, true), (vowel_form, false)] {
            let Some(rest) = after.strip_prefix(written) else {
                continue;
            };
            // Only a particle that ends the word: `컨셉을` but not `컨셉이다`.
            if rest
                .chars()
                .next()
                .is_some_and(|c| final_consonant(c).is_some())
            {
                return None;
            }
            // 으로/로: ㄹ takes 로 like a vowel.
            let takes_consonant_form = |f: u32| f != 0 && !(consonant_form == "으로" && f == 8);
            if takes_consonant_form(old) != after_consonant {
                return None; // the original particle did not agree either: leave it
            }
            let wanted = if takes_consonant_form(new) {
                consonant_form
            } else {
                vowel_form
            };
            return (wanted != written).then_some((written.len(), wanted));
        }
    }
    None
}

/// The fix for replacing the wrong text at `range` of `text` by `right`: the range and the
/// replacement, widened over a following particle that must change with it.
pub fn fix(
    text: &str,
    range: std::ops::Range<usize>,
    right: &str,
) -> (std::ops::Range<usize>, String) {
    let wrong = text.get(range.clone()).unwrap_or("");
    let after = text.get(range.end..).unwrap_or("");
    match agreeing_particle(wrong, right, after) {
        Some((len, particle)) => (range.start..range.end + len, format!("{right}{particle}")),
        None => (range, right.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_follow_the_new_final_consonant() {
        assert_eq!(
            agreeing_particle("컨셉", "콘셉트", "을 정했다"),
            Some(("을".len(), "를"))
        );
        assert_eq!(
            agreeing_particle("컨셉", "콘셉트", "이 좋다"),
            Some(("이".len(), "가"))
        );
        assert_eq!(
            agreeing_particle("컨셉", "콘셉트", "으로 간다"),
            Some(("으로".len(), "로"))
        );
        assert_eq!(
            agreeing_particle("메세지", "메시지", "를 보냈다"),
            None,
            "both end in a vowel"
        );
        assert_eq!(agreeing_particle("캐쉬", "캐시", "를"), None);
        assert_eq!(
            agreeing_particle("컨셉", "콘셉트", "이다"),
            None,
            "not a particle"
        );
        assert_eq!(agreeing_particle("컨셉", "콘셉트", " 단계"), None);
        assert_eq!(
            agreeing_particle("ElasticCache", "ElastiCache", "를"),
            None,
            "Latin: by sound"
        );
        assert_eq!(agreeing_particle("파일", "파얼", "로"), None, "ㄹ keeps 로");
    }

    #[test]
    fn the_fix_spans_the_particle_it_changes() {
        let text = "이 앱의 컨셉을 정했다";
        let start = text.find("컨셉").unwrap();
        let (span, replacement) = fix(text, start..start + "컨셉".len(), "콘셉트");
        assert_eq!((&text[span], replacement.as_str()), ("컨셉을", "콘셉트를"));
    }
}
