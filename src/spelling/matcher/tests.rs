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

/// The wrong texts found in `text`.
fn found(text: &str) -> Vec<&str> {
    matcher()
        .find(text, 0..text.len())
        .into_iter()
        .map(|h| &text[h.range])
        .collect()
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
    let big = Matcher::new(vec![
        parse(&yaml, false).unwrap(),
        parse(KOREAN, false).unwrap(),
    ])
    .unwrap();
    let text = "캐쉬와 갸7냐, Zq7cloud와 ZQ7CLOUD, AWS Submit";
    let hits: Vec<&str> = big
        .find(text, 0..text.len())
        .into_iter()
        .map(|h| &text[h.range])
        .collect();
    assert_eq!(hits, ["캐쉬", "갸7냐", "Zq7cloud", "AWS Submit"]);
}
