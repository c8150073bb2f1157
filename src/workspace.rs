//! The site being checked: its root, Jekyll settings and postlint configuration, and how paths
//! are shown to the user.

use std::path::{Component, Path, PathBuf};

use miette::NamedSource;

use crate::config::{Config, ConfigError};
use crate::site::jekyll::{JekyllConfig, JekyllLoadError};
use crate::spelling::matcher::Matcher;

/// Everything about the site that is fixed before any document is read.
#[derive(Debug)]
pub struct Workspace {
    /// The current folder, absolute; displayed paths are relative to it.
    pub cwd: PathBuf,
    /// The site root, absolute and lexically normalised.
    pub root: PathBuf,
    /// `_config.yml` settings (defaults when there is none).
    pub jekyll: JekyllConfig,
    /// `.postlint.yml` (defaults when there is none).
    pub config: Config,
    /// Names of the site's collections, for classifying documents.
    pub collection_names: Vec<String>,
    /// The shipped and the team's spelling rule sets, compiled once.
    pub spelling: Matcher,
}

impl Workspace {
    /// Finds the root, loads both configuration files and compiles the spelling rule sets.
    /// `paths` are the command-line paths; `root` and `config` the `--root` and `--config`
    /// overrides.
    pub fn open(
        cwd: PathBuf,
        paths: &[PathBuf],
        root: Option<&Path>,
        config: Option<&Path>,
    ) -> Result<Workspace, Box<ConfigError>> {
        Self::open_while(cwd, paths, root, config, |_| ()).map(|(ws, ())| ws)
    }

    /// [`Workspace::open`], running `during` on another thread while the spelling rule sets
    /// compile: the slowest part of opening (`--timings` on a one-post site: open and walk
    /// 26-29 ms with the shipped sets, 142-182 ms with a 10,000-entry team dictionary), which
    /// the walk of a big site can hide. `during` sees the workspace
    /// before its rule sets are in: its `spelling` holds none.
    pub fn open_while<T: Send>(
        cwd: PathBuf,
        paths: &[PathBuf],
        root: Option<&Path>,
        config: Option<&Path>,
        during: impl FnOnce(&Workspace) -> T + Send,
    ) -> Result<(Workspace, T), Box<ConfigError>> {
        let root = match root {
            Some(r) => absolute(&cwd, r),
            None => find_root(&absolute(
                &cwd,
                paths.first().map_or(Path::new("."), PathBuf::as_path),
            )),
        };
        let jekyll = match JekyllConfig::load(&root) {
            Ok(Some((_, jekyll))) => jekyll,
            Ok(None) => JekyllConfig::default(),
            Err(JekyllLoadError::Io(e)) => {
                return Err(Box::new(ConfigError {
                    message: format!(
                        "cannot read {}: {e}",
                        root.join(JekyllConfig::FILE_NAME).display()
                    ),
                    help: None,
                    src: NamedSource::new(String::new(), String::new()),
                    span: None,
                }));
            }
            Err(JekyllLoadError::Invalid { text, err }) => {
                let name = display_path(&cwd, &root.join(JekyllConfig::FILE_NAME));
                return Err(Box::new(ConfigError {
                    message: format!("_config.yml is not valid YAML: {}", err.message),
                    help: Some("Jekyll cannot build the site either; fix _config.yml first".into()),
                    src: NamedSource::new(name, text),
                    span: Some(err.span.into()),
                }));
            }
        };
        let config_path = config.map(|c| absolute(&cwd, c));
        let config = Config::load(&root, config_path.as_deref()).map_err(|mut err| {
            // Name the file as the user would type it, relative to the current folder.
            let shown = display_path(
                &cwd,
                &crate::config::config_path(&root, config_path.as_deref()),
            );
            err.src = NamedSource::new(shown, err.src.inner().clone());
            err
        })?;
        let mut workspace = Workspace {
            cwd,
            root,
            spelling: Matcher::none(),
            collection_names: jekyll.collection_names(),
            jekyll,
            config,
        };
        let (spelling, during) = std::thread::scope(|scope| {
            let ws = &workspace;
            let during = scope.spawn(|| during(ws));
            let spelling = spelling_matcher(&ws.cwd, &ws.root, &ws.config);
            let during = during
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (spelling, during)
        });
        workspace.spelling = spelling?;
        Ok((workspace, during))
    }

    /// How a path is shown: relative to the current folder when inside it, with `/` separators.
    pub fn display(&self, path: &Path) -> String {
        display_path(&self.cwd, path)
    }

    /// The path relative to the site root with `/` separators (what Jekyll scopes match);
    /// paths outside the root keep their full form.
    pub fn rel_path(&self, path: &Path) -> String {
        let abs = absolute(&self.cwd, path);
        let rel = abs.strip_prefix(&self.root).unwrap_or(&abs);
        slash(rel)
    }

    /// Every rule a run can report: the built-in ones, then the team's spelling sets.
    pub fn rules(&self) -> Vec<&'static crate::checks::Rule> {
        let mut rules: Vec<&'static crate::checks::Rule> = crate::checks::RULES.to_vec();
        for set in self.spelling.sets() {
            if !rules.iter().any(|r| r.id == set.rule.id) {
                rules.push(set.rule);
            }
        }
        rules
    }

    /// A command-line path made absolute.
    pub fn absolute(&self, path: &Path) -> PathBuf {
        absolute(&self.cwd, path)
    }
}

/// The shipped rule sets plus the team's rule files (`spelling.rules`), compiled. A bad rule
/// file stops the run with its error at the exact place, like a bad configuration.
fn spelling_matcher(cwd: &Path, root: &Path, config: &Config) -> Result<Matcher, Box<ConfigError>> {
    let plain = |message: String| {
        Box::new(ConfigError {
            message,
            help: None,
            src: NamedSource::new(String::new(), String::new()),
            span: None,
        })
    };
    let mut sets = crate::spelling::shipped().map_err(|(name, e)| {
        plain(format!(
            "shipped rule file rules/{name} is invalid: {}",
            e.message
        ))
    })?;
    for file in &config.spelling.rule_files {
        let path = root.join(file);
        let shown = display_path(cwd, &path);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| plain(format!("cannot read rule file {shown}: {e}")))?;
        let set = crate::spelling::rules::parse(&text, false).map_err(|e| {
            Box::new(ConfigError {
                message: e.message,
                help: Some("the format is described in rules/README.md".into()),
                src: NamedSource::new(shown.clone(), text.clone()),
                span: Some(e.span.into()),
            })
        })?;
        sets.push(set);
    }
    Matcher::new(sets).map_err(plain)
}

/// The nearest folder at or above `start` holding `_config.yml` or `.postlint.yml`; if none,
/// `start` itself (or its folder when `start` is a file).
pub fn find_root(start: &Path) -> PathBuf {
    let first_dir = if start.is_dir() {
        start
    } else {
        start.parent().unwrap_or(start)
    };
    first_dir
        .ancestors()
        .find(|dir| {
            dir.join(JekyllConfig::FILE_NAME).is_file()
                || dir.join(crate::config::FILE_NAME).is_file()
        })
        .unwrap_or(first_dir)
        .to_path_buf()
}

/// `path` made absolute against `cwd` and lexically normalised (`.` dropped, `..` applied)
/// without touching the filesystem, so symlinks are not resolved behind the user's back.
pub fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A path relative to `cwd` when inside it, with `/` separators.
pub fn display_path(cwd: &Path, path: &Path) -> String {
    let abs = absolute(cwd, path);
    match abs.strip_prefix(cwd) {
        Ok(rel) if rel.as_os_str().is_empty() => ".".to_string(),
        Ok(rel) => slash(rel),
        Err(_) => slash(&abs),
    }
}

fn slash(path: &Path) -> String {
    let mut out = String::new();
    for component in path.components() {
        match component {
            Component::Prefix(prefix) => out.push_str(&prefix.as_os_str().to_string_lossy()),
            Component::RootDir => out.push('/'),
            other => {
                if !out.is_empty() && !out.ends_with('/') {
                    out.push('/');
                }
                out.push_str(&other.as_os_str().to_string_lossy());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_normalises_lexically() {
        let cwd = Path::new("/home/블로그");
        assert_eq!(
            absolute(cwd, Path::new("./_posts/../about.md")),
            PathBuf::from("/home/블로그/about.md")
        );
        assert_eq!(
            absolute(cwd, Path::new("/tmp/./x")),
            PathBuf::from("/tmp/x")
        );
    }

    #[cfg(unix)]
    #[test]
    fn display_is_relative_to_cwd_with_slashes() {
        let cwd = Path::new("/site");
        assert_eq!(
            display_path(cwd, Path::new("/site/_posts/2016-05-18-캐시.md")),
            "_posts/2016-05-18-캐시.md"
        );
        assert_eq!(display_path(cwd, Path::new("/other/a.md")), "/other/a.md");
        assert_eq!(display_path(cwd, Path::new("/site")), ".");
    }

    #[test]
    fn root_is_the_nearest_folder_with_a_config() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("_posts")).unwrap();
        std::fs::write(site.join("_config.yml"), "title: x\n").unwrap();
        std::fs::write(site.join("_posts/a.md"), "x").unwrap();
        assert_eq!(find_root(&site.join("_posts/a.md")), site);
        assert_eq!(find_root(&site.join("_posts")), site);
        let bare = dir.path().join("bare");
        std::fs::create_dir_all(&bare).unwrap();
        // tempdir has no config above it (unless the machine's / has one, which it must not)
        assert_eq!(find_root(&bare), bare);
    }
}
