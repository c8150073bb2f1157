use super::*;
use crate::spelling::rules::parse;

const PRODUCTS: &str = "id: products\ndescription: d\nseverity: error\nautofix: true\nrules:\n  - right: ElastiCache\n    wrong: [ElasticCache, Elastic Cache]\n  - right: GitHub\n    wrong: [Github]\n  - right: DynamoDB\n    wrong: [dynamodb]\n    ignore_case: true\n";
const KOREAN: &str = "id: ko\ndescription: d\nseverity: warning\nrules:\n  - right: 캐시\n    wrong: [캐쉬]\n  - right: 금세\n    wrong: [금새]\n    exceptions: [금새우]\n  - right: 웬만하면\n    wrong: [왠만하면]\n  - right: AWS Summit\n    pattern: 'AWS\\s+Submit'\n  - right: 하는지\n    wrong: [하는 지]\n    within_words: true\n";

fn matcher() -> Matcher {
    Matcher::new(vec![
        parse(PRODUCTS, false).unwrap(),
        parse(KOREAN, false).unwrap(),
    ])
    .unwrap()
}

/// A rule set whose forms pass the DFA budget on their own and never occur in the tests'
/// texts, so that a matcher holding it takes the path of big team dictionaries.
fn filler() -> RuleSet {
    let mut yaml = String::from("id: big\ndescription: d\nseverity: warning\nrules:\n");
    let mut forms = 0;
    let mut i = 0;
    while forms <= DFA_BUDGET {
        yaml.push_str(&format!(
            "  - right: 가{i}나\n    wrong: [갸{i}냐]\n  - right: Zq{i}Cloud\n    wrong: [Zq{i}cloud]\n"
        ));
        forms += format!("갸{i}냐Zq{i}cloud").len();
        i += 1;
    }
    parse(&yaml, false).unwrap()
}

/// [`matcher`]'s sets after the filler, compiled once.
fn big_matcher() -> &'static Matcher {
    static BIG: std::sync::OnceLock<Matcher> = std::sync::OnceLock::new();
    BIG.get_or_init(|| {
        Matcher::new(vec![
            filler(),
            parse(PRODUCTS, false).unwrap(),
            parse(KOREAN, false).unwrap(),
        ])
        .unwrap()
    })
}

/// The wrong texts found in `text`, the same with and without a big dictionary.
fn found(text: &str) -> Vec<&str> {
    let spans = |m: &Matcher| -> Vec<std::ops::Range<usize>> {
        m.find(text, 0..text.len())
            .into_iter()
            .map(|h| h.range)
            .collect()
    };
    let small = spans(&matcher());
    assert_eq!(
        small,
        spans(big_matcher()),
        "big dictionary path on {text:?}"
    );
    small.into_iter().map(|r| &text[r]).collect()
}

#[test]
fn latin_forms_match_whole_words_and_allow_hangul_particles() {
    assert_eq!(found("Redis 기반 ElasticCache는 빠르다"), ["ElasticCache"]);
    assert_eq!(found("(Github)에 올렸다. Github!"), ["Github", "Github"]);
    assert_eq!(
        found("Githubber MyGithub Github2 my_Github"),
        Vec::<&str>::new()
    );
    assert_eq!(
        found("aws-Github github.io/x https://Github /Github Github-flavored"),
        Vec::<&str>::new()
    );
    assert_eq!(found("끝에 Github."), ["Github"]);
    assert_eq!(found("Elastic Cache를 켰다"), ["Elastic Cache"]);
}

#[test]
fn ignore_case_folds_ascii_only_where_the_rule_says() {
    assert_eq!(
        found("DYNAMODB와 DynamoDb를 비교"),
        ["DYNAMODB", "DynamoDb"]
    );
    assert_eq!(
        found("DynamoDB는 맞다"),
        Vec::<&str>::new(),
        "the right form itself"
    );
    assert_eq!(found("github와 elasticcache"), Vec::<&str>::new());
}

#[test]
fn hangul_forms_match_at_the_start_of_an_eojeol() {
    assert_eq!(found("캐쉬를 비웠다"), ["캐쉬"]);
    assert_eq!(found("(캐쉬) \"캐쉬\" 캐쉬."), ["캐쉬", "캐쉬", "캐쉬"]);
    assert_eq!(found("로컬캐쉬는"), Vec::<&str>::new(), "inside a word");
    assert_eq!(found("금새 끝났다. 금새우 튀김"), ["금새"]);
    assert_eq!(found("웬만하면 된다"), Vec::<&str>::new());
    assert_eq!(found("왠만하면 된다"), ["왠만하면"]);
    assert_eq!(found("무엇을하는 지 모른다"), ["하는 지"], "within_words");
}

#[test]
fn patterns_and_exact_spans_with_hangul_around() {
    let text = "코엑스에서 열린 AWS Submit 2016 후기, Submit 버튼, AWS  Submit";
    let hits = matcher().find(text, 0..text.len());
    let spans: Vec<&str> = hits.iter().map(|h| &text[h.range.clone()]).collect();
    assert_eq!(spans, ["AWS Submit", "AWS  Submit"]);
    assert_eq!(
        hits[0].range,
        text.find("AWS").unwrap()..text.find(" 2016").unwrap()
    );
}

#[test]
fn only_the_given_range_is_searched_but_neighbours_are_seen() {
    let text = "xGithub Github";
    let m = matcher();
    assert!(
        m.find(text, 1..7).is_empty(),
        "the x before the range still joins the word"
    );
    assert_eq!(m.find(text, 8..14).len(), 1);
    assert!(
        m.find(text, 3..100).is_empty(),
        "a range past the end finds nothing"
    );
}

#[test]
fn dictionaries_past_the_dfa_budget_match_the_same_way() {
    let big = Matcher::new(vec![filler(), parse(KOREAN, false).unwrap()]).unwrap();
    let text = "캐쉬와 갸7냐, Zq7cloud와 ZQ7CLOUD, AWS Submit";
    let hits: Vec<&str> = big
        .find(text, 0..text.len())
        .into_iter()
        .map(|h| &text[h.range])
        .collect();
    assert_eq!(hits, ["캐쉬", "갸7냐", "Zq7cloud", "AWS Submit"]);
}

proptest::proptest! {
    /// The shipped rule sets find the same spans with a big team dictionary beside them (an
    /// NFA past the DFA budget), at every kind of word boundary.
    #[test]
    fn big_dictionaries_find_what_the_shipped_sets_find(
        pieces in proptest::collection::vec(proptest::sample::select(vec![
            "캐쉬", "아키텍쳐", "어플리케이션", "Github", "github", "ElasticCache", "Elastic Cache",
            "Javascript", "금새", "금새우", "하는 지", "AWS Submit", "가", "를", "a", "Z", "1", "_",
            "-", ".", "/", "@", "\\", " ", "\n", "é", "😀", "ㄱ", "(", "'",
        ]), 0..24),
        start in 0usize..8,
    ) {
        let text: String = pieces.concat();
        let start = text.char_indices().map(|(i, _)| i).nth(start).unwrap_or(text.len());
        let (small, big) = shipped_small_and_big();
        let spans = |m: &Matcher| -> Vec<(std::ops::Range<usize>, usize)> {
            m.find(&text, start..text.len()).into_iter().map(|h| (h.range, h.rule)).collect()
        };
        proptest::prop_assert_eq!(spans(small), spans(big));
    }
}

/// The shipped sets alone, and with the filler before them (so their indices shift by one),
/// compiled once.
fn shipped_small_and_big() -> &'static (Matcher, Matcher) {
    static BOTH: std::sync::OnceLock<(Matcher, Matcher)> = std::sync::OnceLock::new();
    BOTH.get_or_init(|| {
        let shipped = crate::spelling::shipped().unwrap();
        let mut sets = vec![filler()];
        sets.extend(shipped.clone());
        (Matcher::new(shipped).unwrap(), Matcher::new(sets).unwrap())
    })
}
