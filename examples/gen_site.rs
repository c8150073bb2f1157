//! Deterministic synthetic Jekyll site for benchmarks and stress tests.
//!
//! Usage:
//!
//! ```text
//! cargo run --release --example gen_site -- [--posts N] [--seed S] OUT_DIR
//! ```
//!
//! Writes into OUT_DIR (created if missing; use an empty directory, nothing is deleted):
//!
//! - `_config.yml` and `.postlint.yml` (the same `front_matter` rules as `fixtures/site`);
//! - `_posts/YYYY-MM-DD-post-N.md` for N = 1..=posts (default 1000), about 6 KB each: Korean and
//!   English paragraphs, headings, lists, a table, fenced code holding link- and typo-like text,
//!   links to other generated posts (by permalink, `post_url` and relative URLs), links to the
//!   post's own headings, images, and now and then one of the usual misspellings
//!   ("ElasticCache", "캐쉬", "Github", ...) in the prose;
//! - `assets/imgs/gen/img-00.png` .. `img-15.png`, tiny PNGs that every image link points to.
//!
//! All text comes from a built-in SplitMix64 generator, so the same `--posts` and `--seed` give
//! byte-identical output on every platform. About 4% of posts get one planted front-matter defect
//! (missing key, wrong type, layout not allowed, date mismatch; links never point at them), and
//! about 5% one planted link or typo of another kind (broken link, missing fragment, bad
//! `post_url`, missing image, context, Korean spelling and spacing typos). Every planted defect,
//! misspellings included, is listed in `EXPECTED.json` (file, line, column, rule), and
//! `tests/it/generated.rs` checks that postlint reports exactly those. Bad arguments or I/O
//! errors exit with status 2.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: gen_site [--posts N] [--seed S] [--rules N] OUT_DIR";
pub(crate) const DEFAULT_SEED: u64 = 0x706f_7374_6c69_6e74; // "postlint" in ASCII
const TARGET_POST_BYTES: usize = 6000;
const IMAGE_COUNT: usize = 16;
/// 2015-01-01 as days since 1970-01-01.
const FIRST_DAY: i64 = 16_436;

const CONFIG_YML: &str = "title: 합성 블로그
url: https://blog.example.kr
baseurl: \"\"
permalink: /:year/:month/:day/:title.html
timezone: Asia/Seoul
markdown: kramdown
kramdown: { input: GFM }
";

const POSTLINT_YML: &str = "front_matter:
  - scope: { type: posts }
    required: [title, layout, category, summary, tags]
    types: { tags: list, date: date, published: bool, title: string }
    allowed: { layout: [post, page] }
    patterns: { category: '^[a-z0-9-]+$' }
severity: { \"front-matter/date-mismatch\": warning }
ignore: [\"_drafts/**\"]
";

/// A 1x1 RGB PNG.
const PNG: [u8; 69] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xb0, 0xe9, 0xb9, 0x04,
    0x00, 0x02, 0xa2, 0x01, 0x9b, 0x4b, 0x6e, 0x92, 0xf3, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
    0x44, 0xae, 0x42, 0x60, 0x82,
];

/// Korean noun phrases; each ends in a Hangul syllable so particles can be chosen.
const TERMS: &[&str] = &[
    "람다 함수",
    "S3 버킷",
    "EC2 인스턴스",
    "DynamoDB 테이블",
    "CloudFront 배포",
    "RDS 스냅샷",
    "ElastiCache 클러스터",
    "Redshift 클러스터",
    "Elasticsearch 도메인",
    "GitHub 저장소",
    "API Gateway 스테이지",
    "Route 53 레코드",
    "IAM 역할",
    "CloudWatch 지표",
    "SQS 큐",
    "Aurora 인스턴스",
    "배포 스크립트",
    "빌드 캐시",
    "애플리케이션 서버",
    "마이크로서비스 아키텍처",
    "보안 그룹",
    "로드 밸런서",
];

/// Misspelt variants, used now and then in place of a term.
const TYPO_TERMS: &[&str] = &[
    "ElasticCache 클러스터",
    "RedShift 클러스터",
    "ElasticSearch 도메인",
    "Github 저장소",
    "캐쉬 서버",
    "어플리케이션 서버",
    "서버리스 아키텍쳐",
];

/// `{A:josa}` / `{B:josa}` take a term and the particle that fits it; `{A}` takes the bare term.
const KO_SENTENCES: &[&str] = &[
    "{A:을} 처음 설정할 때는 기본값을 그대로 두는 편이 안전하다.",
    "운영 중인 {A:이} 갑자기 느려져서 원인을 찾느라 하루를 보냈다.",
    "{A:과} {B:을} 함께 쓰면 구성이 꽤 단순해진다.",
    "비용을 줄이려고 {A:을} {B:으로} 옮겨 보았다.",
    "문서에는 {A:이} 자동으로 확장된다고 나와 있지만 한도는 따로 확인해야 한다.",
    "{A:은} 트래픽이 적을 때는 거의 비용이 들지 않는다.",
    "지난달에는 {A}에서 오류가 자주 났다.",
    "팀원들과 {A:을} 어떻게 나눌지 한참 이야기했다.",
    "{A}의 설정 값을 코드로 관리하니 실수가 눈에 띄게 줄었다.",
    "테스트 환경에서는 {A:이} 잘 동작했는데 운영에서는 권한 문제가 생겼다.",
    "{B:은} 아직 손에 익지 않아서 {A:을} 먼저 정리하기로 했다.",
    "모니터링 화면에서 {A}의 지연 시간이 두 배로 늘어난 것을 발견했다.",
    "결국 {A:을} 다시 만들고 나서야 문제가 사라졌다.",
    "{A:으로} 로그를 모으고 {B}에서 분석하는 흐름이 자리를 잡았다.",
    "처음에는 {A:이} 필요 없다고 생각했지만 사용자가 늘면서 생각이 바뀌었다.",
    "설정 하나 때문에 {A:과} {B:이} 서로 통신하지 못했다.",
    "요금 계산기로 따져 보니 {A:이} 생각보다 저렴했다.",
    "{A}에 태그를 붙여 두면 비용 보고서에서 찾기 쉽다.",
];

const EN_NOUNS: &[&str] = &[
    "image resize function",
    "session store",
    "search cluster",
    "build pipeline",
    "CDN distribution",
    "message queue",
    "read replica",
    "deploy script",
    "ElastiCache cluster",
    "Redshift warehouse",
    "GitHub webhook",
];

/// Misspelt variants, used now and then in place of a noun.
const EN_TYPO_NOUNS: &[&str] = &[
    "ElasticCache cluster",
    "RedShift warehouse",
    "Github webhook",
];

const EN_SENTENCES: &[&str] = &[
    "We moved the {} to a separate account last spring.",
    "The {} worked fine in staging but timed out under real traffic.",
    "Keeping the {} in code made reviews much easier.",
    "Nobody on the team remembered why the {} had been set up that way.",
    "After a week of metrics, the {} turned out to be the real bottleneck.",
    "The docs say the {} scales on its own, but the default limits still apply.",
    "Batching requests to the {} is cheaper than calling it once per item.",
    "Next time we will put alarms on the {} before launch.",
    "The config key `ElasticSearchUrl` keeps its old spelling for the {}.",
];

const HEADINGS: &[&str] = &[
    "설정 과정",
    "비용 정리",
    "겪은 문제",
    "Benchmark notes",
    "다음에 할 일",
    "Lessons learned",
    "운영하면서 배운 점",
    "참고 자료",
];

const LIST_ITEMS: &[&str] = &[
    "버킷 정책에서 공개 읽기 권한 제거",
    "IAM 역할에는 필요한 권한만 부여",
    "알람 임계값을 5분 평균 기준으로 조정",
    "백업 보관 기간을 7일로 설정",
    "비용 태그 `team`, `service` 정리",
    "Check the retry policy of every queue consumer",
    "배포 전에 `terraform plan` 결과 공유",
    "애플리케이션 로그 보관 기간 30일",
    "Rotate access keys every 90 days",
];

const CATEGORIES: &[&str] = &["aws", "database", "devops", "serverless", "web-notes"];
const TAGS: &[&str] = &[
    "aws",
    "lambda",
    "s3",
    "dynamodb",
    "cloudfront",
    "rds",
    "jekyll",
    "ops",
];

/// SplitMix64: tiny, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    /// An independent stream for (seed, post, purpose).
    fn for_post(seed: u64, post: u32, stream: u64) -> Rng {
        let mut r = Rng(seed ^ u64::from(post).wrapping_mul(0xD1B5_4A32_D192_ED03) ^ stream);
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Defect {
    MissingKey,
    WrongType,
    BadLayout,
    DateMismatch,
}

const STREAM_DEFECT: u64 = 1;
const STREAM_TITLE: u64 = 2;
const STREAM_BODY: u64 = 3;
const STREAM_EXTRA: u64 = 4;

pub(crate) struct Site {
    pub(crate) seed: u64,
    pub(crate) posts: u32,
    /// Generated spelling rules to add (`--rules N`), 0 for none.
    pub(crate) rules: usize,
}

impl Site {
    fn defect(&self, post: u32) -> Option<Defect> {
        let mut r = Rng::for_post(self.seed, post, STREAM_DEFECT);
        if r.below(25) != 0 {
            return None;
        }
        Some(match r.below(4) {
            0 => Defect::MissingKey,
            1 => Defect::WrongType,
            2 => Defect::BadLayout,
            _ => Defect::DateMismatch,
        })
    }

    fn title(&self, post: u32) -> String {
        let mut r = Rng::for_post(self.seed, post, STREAM_TITLE);
        let suffix = r.pick(&["정리", "후기", "메모", "삽질기", "설정하기"]);
        format!("{} {suffix} #{post}", r.pick(TERMS))
    }

    /// A valid post other than `post` (never a defective one), if there is one nearby.
    fn link_target(&self, post: u32, r: &mut Rng) -> Option<u32> {
        (0..4)
            .map(|_| r.below(self.posts as usize) as u32 + 1)
            .find(|&t| t != post && self.defect(t).is_none())
    }
}

/// (year, month, day) of a day count since 1970-01-01 (Howard Hinnant's algorithm).
/// A post being written, and where its planted defects are (byte offset, rule).
struct Out {
    text: String,
    planted: Vec<(usize, &'static str)>,
}

impl std::fmt::Write for Out {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.text.push_str(s);
        Ok(())
    }
}

impl Out {
    fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
    }

    fn push(&mut self, c: char) {
        self.text.push(c);
    }

    fn len(&self) -> usize {
        self.text.len()
    }

    /// Records a defect of `rule` starting `ahead` bytes after the end of the text so far.
    fn plant(&mut self, ahead: usize, rule: &'static str) {
        self.planted.push((self.text.len() + ahead, rule));
    }

    /// Writes prose from the word lists, recording every misspelling in it.
    fn push_prose(&mut self, s: &str) {
        for (wrong, rule) in MISSPELLINGS {
            let mut from = 0;
            while let Some(i) = s.get(from..).and_then(|rest| rest.find(wrong)) {
                self.plant(from + i, rule);
                from += i + wrong.len();
            }
        }
        self.text.push_str(s);
    }
}

/// The misspellings the word lists carry, and the rule that reports each.
const MISSPELLINGS: [(&str, &str); 7] = [
    ("ElasticCache", "typo/product-names"),
    ("RedShift", "typo/product-names"),
    ("ElasticSearch", "typo/product-names"),
    ("Github", "typo/product-names"),
    ("캐쉬", "typo/ko-loanwords"),
    ("어플리케이션", "typo/ko-loanwords"),
    ("아키텍쳐", "typo/ko-loanwords"),
];

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Five posts a day from 2015-01-01, so even 20,000 posts end before 2026 and none is
/// dated in the future (Jekyll would not build it, and every link to it would be broken).
fn post_day(post: u32) -> i64 {
    FIRST_DAY + (i64::from(post) - 1) / 5
}

fn ymd(days: i64, sep: char) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}{sep}{m:02}{sep}{d:02}")
}

fn permalink(post: u32) -> String {
    format!("/{}/post-{post}.html", ymd(post_day(post), '/'))
}

/// Korean particle after `word`: `josa` names the form used after a final consonant.
fn josa(word: &str, josa: &str) -> &'static str {
    let jong = word
        .chars()
        .last()
        .map(u32::from)
        .filter(|c| (0xAC00..=0xD7A3).contains(c))
        .map_or(0, |c| (c - 0xAC00) % 28);
    match (josa, jong) {
        ("을", 0) => "를",
        ("을", _) => "을",
        ("이", 0) => "가",
        ("이", _) => "이",
        ("은", 0) => "는",
        ("은", _) => "은",
        ("과", 0) => "와",
        ("과", _) => "과",
        ("으로", 0 | 8) => "로",
        ("으로", _) => "으로",
        _ => "",
    }
}

fn term(r: &mut Rng) -> &'static str {
    if r.chance(1) {
        r.pick(TYPO_TERMS)
    } else {
        r.pick(TERMS)
    }
}

/// Expands `{A}`, `{A:을}`, `{B:이}` ... in a Korean sentence template.
fn render(template: &str, a: &str, b: &str, out: &mut Out) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let (slot, particle) = rest[open + 1..close]
            .split_once(':')
            .unwrap_or((&rest[open + 1..close], ""));
        let word = if slot == "A" { a } else { b };
        out.push_prose(word);
        out.push_str(josa(word, particle));
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
}

fn korean_paragraph(site: &Site, post: u32, r: &mut Rng, out: &mut Out) {
    for i in 0..4 + r.below(3) {
        if i > 0 {
            out.push(if r.chance(30) { '\n' } else { ' ' });
        }
        let (a, b) = (term(r), term(r));
        render(r.pick(KO_SENTENCES), a, b, out);
    }
    if r.chance(60)
        && let Some(t) = site.link_target(post, r)
    {
        // The same post linked by permalink, by `post_url`, or relative to this post's URL
        // (`/YYYY/MM/DD/post-N.html`, three folders deep).
        let dest = match r.below(3) {
            0 => permalink(t),
            1 => format!("{{% post_url {}-post-{t} %}}", ymd(post_day(t), '-')),
            _ => format!("../../..{}", permalink(t)),
        };
        let _ = write!(
            out,
            "\n자세한 내용은 [{}]({dest})에 정리해 두었다.",
            site.title(t)
        );
    }
    out.push_str("\n\n");
}

fn english_paragraph(r: &mut Rng, out: &mut Out) {
    for i in 0..3 + r.below(2) {
        if i > 0 {
            out.push(' ');
        }
        let sentence = r.pick(EN_SENTENCES);
        let (before, after) = sentence.split_once("{}").unwrap_or((sentence, ""));
        out.push_str(before);
        let noun = if r.chance(3) {
            r.pick(EN_TYPO_NOUNS)
        } else {
            r.pick(EN_NOUNS)
        };
        out.push_prose(noun);
        out.push_str(after);
    }
    if r.chance(20) {
        out.push_str(" See the [AWS documentation](https://docs.aws.amazon.com/) for limits.");
    }
    out.push_str("\n\n");
}

fn list(r: &mut Rng, out: &mut Out) {
    for _ in 0..3 + r.below(3) {
        out.push_str("* ");
        out.push_prose(if r.chance(2) {
            "어플리케이션 로그 보관 기간 30일"
        } else {
            r.pick(LIST_ITEMS)
        });
        out.push('\n');
    }
    out.push('\n');
}

fn table(r: &mut Rng, out: &mut Out) {
    out.push_str("| 항목 | 이전 | 이후 | 비고 |\n|------|------|------|------|\n");
    for _ in 0..3 + r.below(3) {
        let before = 50 + r.below(950);
        let after = before * (20 + r.below(70)) / 100;
        let note = r.pick(&["평균", "p99", "peak", "월 요금(달러)", "요청 수"]);
        let _ = writeln!(out, "| {} | {before} | {after} | {note} |", r.pick(TERMS));
    }
    out.push('\n');
}

/// Code whose contents look like links and typos: checks must skip them.
fn code_block(r: &mut Rng, out: &mut Out) {
    let n = r.below(10_000);
    let _ = match r.below(3) {
        0 => write!(
            out,
            "```bash\n# 캐쉬 무효화: 코드 안의 오타와 링크는 검사 대상이 아니다\n\
             aws cloudfront create-invalidation --distribution-id E{n:04}EXAMPLE --paths '/*'\n\
             curl -s https://blog.example.kr/2099/01/01/not-a-post-{n}.html\n```\n\n"
        ),
        1 => write!(
            out,
            "```markdown\n[코드 안의 링크](/2099/12/31/does-not-exist-{n}.html)\n\
             ![코드 안의 이미지](/assets/imgs/missing-{n}.png)\n\
             ElasticCache, RedShift, Github 같은 표기도 여기서는 그대로 둔다.\n```\n\n"
        ),
        _ => write!(
            out,
            "```yaml\ncache: ElasticCache  # 어플리케이션 설정\n\
             url: /2016/13/45/broken-{n}.html\nretries: {}\n```\n\n",
            n % 7
        ),
    };
}

fn image(r: &mut Rng, out: &mut Out) {
    let _ = write!(
        out,
        "![{} 화면](/assets/imgs/gen/img-{:02}.png)\n\n",
        r.pick(TERMS),
        r.below(IMAGE_COUNT)
    );
}

fn front_matter(site: &Site, post: u32, defect: Option<Defect>, r: &mut Rng, out: &mut Out) {
    let day = post_day(post);
    if defect == Some(Defect::MissingKey) {
        // Reported at the opening `---`.
        out.plant(0, "front-matter/missing-key");
    }
    let _ = write!(out, "---\ntitle: '{}'\n", site.title(post));
    let layout = if defect == Some(Defect::BadLayout) {
        out.plant("layout: ".len(), "front-matter/not-allowed");
        "posts"
    } else {
        "post"
    };
    let _ = write!(out, "layout: {layout}\ncategory: {}\n", r.pick(CATEGORIES));
    // A missing key drops either `summary` or `tags`; a wrong type breaks `tags` or `published`.
    let drop_summary = defect == Some(Defect::MissingKey) && r.chance(50);
    let drop_tags = defect == Some(Defect::MissingKey) && !drop_summary;
    let wrong_tags = defect == Some(Defect::WrongType) && r.chance(50);
    if !drop_summary {
        let topic = r.pick(TERMS);
        let _ = writeln!(
            out,
            "summary: '{topic}{} 중심으로 다룬 기록'",
            josa(topic, "을")
        );
    }
    if wrong_tags {
        out.plant("tags: ".len(), "front-matter/wrong-type");
        out.push_str("tags: aws\n");
    } else if !drop_tags {
        let _ = writeln!(out, "tags: [{}, {}]", r.pick(TAGS), r.pick(TAGS));
    }
    if defect == Some(Defect::WrongType) && !wrong_tags {
        out.plant("published: ".len(), "front-matter/wrong-type");
        out.push_str("published: \"yes\"\n");
    }
    if defect == Some(Defect::DateMismatch) || r.chance(50) {
        let shown = if defect == Some(Defect::DateMismatch) {
            out.plant("date: ".len(), "front-matter/date-mismatch");
            day + 2
        } else {
            day
        };
        let _ = writeln!(
            out,
            "date: {} {:02}:{:02}:00 +0900",
            ymd(shown, '-'),
            r.below(24),
            r.below(60)
        );
    }
    let _ = write!(
        out,
        "featured_image: /assets/imgs/gen/img-{:02}.png\n---\n\n",
        r.below(IMAGE_COUNT)
    );
}

fn post_text(site: &Site, post: u32, defect: Option<Defect>) -> Out {
    let mut r = Rng::for_post(site.seed, post, STREAM_BODY);
    let mut out = Out {
        text: String::with_capacity(TARGET_POST_BYTES + 1024),
        planted: Vec::new(),
    };
    front_matter(site, post, defect, &mut r, &mut out);
    // Headings cycle from a random start: no repeats within a post (8 kinds; a post uses 5-7).
    let mut next_heading = r.below(HEADINGS.len());
    let mut heading = |out: &mut Out, r: &mut Rng| {
        let text = HEADINGS[next_heading % HEADINGS.len()];
        let _ = write!(out, "## {text}\n\n");
        next_heading += 1;
        if r.chance(15) {
            // A link to the heading just written, by the id kramdown gives it.
            let id = text.to_lowercase().replace(' ', "-");
            let _ = write!(out, "[이 절의 주소](#{id})\n\n");
        }
    };
    korean_paragraph(site, post, &mut r, &mut out);
    image(&mut r, &mut out);
    heading(&mut out, &mut r);
    korean_paragraph(site, post, &mut r, &mut out);
    list(&mut r, &mut out);
    heading(&mut out, &mut r);
    english_paragraph(&mut r, &mut out);
    table(&mut r, &mut out);
    korean_paragraph(site, post, &mut r, &mut out);
    code_block(&mut r, &mut out);
    planted_defect(site, post, &mut out);
    while out.len() < TARGET_POST_BYTES {
        heading(&mut out, &mut r);
        korean_paragraph(site, post, &mut r, &mut out);
        english_paragraph(&mut r, &mut out);
        match r.below(3) {
            0 => list(&mut r, &mut out),
            1 => image(&mut r, &mut out),
            _ => {
                out.push_str("> ");
                render(r.pick(KO_SENTENCES), term(&mut r), term(&mut r), &mut out);
                out.push_str("\n\n");
            }
        }
    }
    let end = out.text.trim_end().len();
    out.text.truncate(end);
    out.push('\n');
    out
}

/// About one post in 20 gets one more defect, of a kind the word lists do not make: links
/// that break in each way postlint reports, and typos of the other rule sets.
fn planted_defect(site: &Site, post: u32, out: &mut Out) {
    let mut r = Rng::for_post(site.seed, post, STREAM_EXTRA);
    if r.below(20) != 0 {
        return;
    }
    let target = site.link_target(post, &mut r);
    let kind = r.below(7);
    let (prefix, rule, rest) = match (kind, target) {
        (0, _) => (
            "옛 주소로 남은 [링크](".to_string(),
            "link/broken",
            format!("/2014/01/01/no-such-post-{post}.html)도 있다."),
        ),
        (1, Some(t)) => (
            "[없는 절](".to_string(),
            "link/fragment",
            format!("{}#없는-절)을 가리키는 링크.", permalink(t)),
        ),
        (2, _) => (
            "[지난 글]({% post_url ".to_string(),
            "link/post-url",
            format!("2014-01-01-no-such-post-{post} %}})을 참고."),
        ),
        (3, _) => (
            "![빠진 그림](".to_string(),
            "image/missing",
            "/assets/imgs/gen/img-99.png)".to_string(),
        ),
        (4, _) => (
            "올해도 ".to_string(),
            "typo/context",
            "AWS Submit에 다녀왔다.".to_string(),
        ),
        (5, _) => (
            "마이그레이션에 ".to_string(),
            "typo/ko-spelling",
            "몇일이 걸렸다.".to_string(),
        ),
        (6, _) => (
            "이 API로 로그를 조회".to_string(),
            "typo/ko-spacing",
            "할수 있다.".to_string(),
        ),
        _ => return,
    };
    out.push_str(&prefix);
    out.plant(0, rule);
    out.push_str(&rest);
    out.push_str("\n\n");
}

/// Writes the site and its `EXPECTED.json` into `out_dir`.
pub(crate) fn run(site: &Site, out_dir: &Path) -> io::Result<()> {
    let posts_dir = out_dir.join("_posts");
    let imgs_dir = out_dir.join("assets").join("imgs").join("gen");
    fs::create_dir_all(&posts_dir)?;
    fs::create_dir_all(&imgs_dir)?;
    fs::write(out_dir.join("_config.yml"), CONFIG_YML)?;
    if site.rules > 0 {
        fs::write(out_dir.join("rules-gen.yml"), generated_rules(site.rules))?;
        let config = format!("{POSTLINT_YML}spelling:\n  rules: [rules-gen.yml]\n");
        fs::write(out_dir.join(".postlint.yml"), config)?;
    } else {
        fs::write(out_dir.join(".postlint.yml"), POSTLINT_YML)?;
    }
    for i in 0..IMAGE_COUNT {
        fs::write(imgs_dir.join(format!("img-{i:02}.png")), PNG)?;
    }
    let mut counts = [0usize; 4];
    let mut bytes = 0;
    let mut expected: Vec<(String, usize, usize, &str)> = Vec::new();
    for post in 1..=site.posts {
        let defect = site.defect(post);
        if let Some(d) = defect {
            counts[d as usize] += 1;
        }
        let out = post_text(site, post, defect);
        bytes += out.len();
        let name = format!("{}-post-{post}.md", ymd(post_day(post), '-'));
        let file = format!("_posts/{name}");
        for &(offset, rule) in &out.planted {
            let (line, column) = line_column(&out.text, offset);
            expected.push((file.clone(), line, column, rule));
        }
        fs::write(posts_dir.join(name), &out.text)?;
    }
    expected.sort();
    let listed: Vec<serde_json::Value> = expected
        .iter()
        .map(|(file, line, column, rule)| {
            serde_json::json!({"file": file, "line": line, "column": column, "rule": rule})
        })
        .collect();
    let json = serde_json::to_string_pretty(&listed).map_err(io::Error::other)?;
    fs::write(out_dir.join("EXPECTED.json"), json + "\n")?;
    println!(
        "gen_site: wrote {} posts ({:.1} MB) to {}; planted {} defects (EXPECTED.json), \
         {} in front matter: missing-key {}, wrong-type {}, bad-layout {}, date-mismatch {}",
        site.posts,
        bytes as f64 / 1e6,
        out_dir.display(),
        expected.len(),
        counts.iter().sum::<usize>(),
        counts[Defect::MissingKey as usize],
        counts[Defect::WrongType as usize],
        counts[Defect::BadLayout as usize],
        counts[Defect::DateMismatch as usize],
    );
    Ok(())
}

/// 1-based line and column (in characters) of byte `offset`, as postlint reports them.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let column = before.get(line_start..).unwrap_or("").chars().count() + 1;
    (line, column)
}

/// A rule set of `n` generated entries (half Latin, half Hangul), for measuring how matching
/// cost grows with the size of the dictionaries. The wrong forms do not occur in the posts.
fn generated_rules(n: usize) -> String {
    let mut out = String::from(
        "id: generated\ndescription: generated entries for benchmarks\nseverity: warning\nrules:\n",
    );
    for i in 0..n {
        if i % 2 == 0 {
            let _ = writeln!(
                out,
                "  - right: Zq{i}Cloud\n    wrong: [Zq{i}cloud, ZQ{i}Cloud]"
            );
        } else {
            let syllable = |k: usize| char::from_u32(0xAC00 + (k % 11_172) as u32).unwrap_or('가');
            let wrong: String = [
                syllable(i * 7919),
                syllable(i * 104_729 + 1),
                syllable(i + 3),
            ]
            .iter()
            .collect();
            let _ = writeln!(out, "  - right: 가{wrong}\n    wrong: [{wrong}뷁]");
        }
    }
    out
}

/// `Ok(None)` means help was asked for.
fn parse_args() -> Result<Option<(Site, PathBuf)>, String> {
    let mut site = Site {
        seed: DEFAULT_SEED,
        posts: 1000,
        rules: 0,
    };
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--posts" | "--seed" | "--rules" => {
                let value = args.next().ok_or(format!("{arg} needs a value"))?;
                let bad = |_| format!("{arg}: not a non-negative integer: {value}");
                match arg.as_str() {
                    "--posts" => site.posts = value.parse().map_err(bad)?,
                    "--rules" => site.rules = value.parse().map_err(bad)?,
                    _ => site.seed = value.parse().map_err(bad)?,
                }
            }
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}")),
            _ if out.is_none() => out = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    let out = out.ok_or("missing OUT_DIR")?;
    Ok(Some((site, out)))
}

fn main() -> ExitCode {
    let (site, out_dir) = match parse_args() {
        Ok(Some(parsed)) => parsed,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("gen_site: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&site, &out_dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("gen_site: {}: {err}", out_dir.display());
            ExitCode::from(2)
        }
    }
}
