package cn.henan.skillshub.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The README and {@code docs/} hold together: every relative link reaches a file of the repository, every
 * {@code #anchor} reaches a heading (by GitHub's slug rules), the README stays short enough to read in ten minutes,
 * every page of {@code docs/} can be reached from an index, and the command the README gives for the tests is the
 * one CI runs. Links out of the repository ({@code http…}, {@code mailto:}) are not followed: there is no network.
 * Plain files, no Spring context: the whole class runs in well under a second.
 */
class DocumentationTests {

    private static final Path ROOT = Path.of("").toAbsolutePath().normalize();
    private static final Path README = ROOT.resolve("README.md");
    private static final Path DOCS = ROOT.resolve("docs");
    private static final Path DOCS_INDEX = DOCS.resolve("README.md");
    private static final int README_MAX_LINES = 300;
    /** The README's section that gives the command for the tests (its heading's anchor). */
    private static final String TESTS_SECTION = "run-the-tests";

    @Test
    void theReadmeIsAtMost300Lines() throws IOException {
        assertThat(Files.readAllLines(README).size()).as("lines of README.md: the rest belongs in docs/")
                .isLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void everyRelativeLinkReachesAFileOfTheRepository() {
        List<String> broken = new ArrayList<>();
        for (Markdown page : pages()) {
            for (Link link : page.links()) {
                if (link.external() || link.path().isEmpty()) {
                    continue;
                }
                Path target = link.resolvedPath(page);
                if (!target.startsWith(ROOT)) {
                    broken.add(link.where(page) + ": leaves the repository");
                } else if (!Files.exists(target)) {
                    broken.add(link.where(page) + ": " + ROOT.relativize(target) + " does not exist");
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void everyAnchorReachesAHeading() {
        Map<Path, Markdown> byPath = new HashMap<>();
        pages().forEach(page -> byPath.put(page.path(), page));
        List<String> broken = new ArrayList<>();
        for (Markdown page : pages()) {
            for (Link link : page.links()) {
                if (link.external() || link.anchor() == null) {
                    continue;
                }
                Path target = link.path().isEmpty() ? page.path() : link.resolvedPath(page);
                if (!target.toString().endsWith(".md")) {
                    // GitHub's line anchors of a source file (#L10, #L10-L20) are the only others it knows.
                    if (!link.anchor().matches("L\\d+(-L\\d+)?")) {
                        broken.add(link.where(page) + ": #" + link.anchor() + " in a file that has no headings");
                    }
                    continue;
                }
                Markdown targetPage = byPath.computeIfAbsent(target, Markdown::read);
                if (Files.exists(target) && !targetPage.anchors().contains(link.anchor())) {
                    broken.add(link.where(page) + ": no heading of " + ROOT.relativize(target) + " has the anchor #"
                            + link.anchor() + " (its anchors: " + targetPage.anchors() + ")");
                }
            }
        }
        assertThat(broken).as("anchors that reach no heading").isEmpty();
    }

    @Test
    void everyPageOfDocsIsLinkedFromTheReadmeOrTheDocsIndex() throws IOException {
        Set<Path> linked = new LinkedHashSet<>();
        for (Markdown index : List.of(Markdown.read(README), Markdown.read(DOCS_INDEX))) {
            for (Link link : index.links()) {
                if (!link.external() && !link.path().isEmpty()) {
                    linked.add(link.resolvedPath(index));
                }
            }
        }
        try (Stream<Path> files = Files.walk(DOCS)) {
            List<String> orphans = files.filter(f -> f.toString().endsWith(".md") && !f.equals(DOCS_INDEX))
                    .filter(f -> !linked.contains(f)).map(f -> ROOT.relativize(f).toString()).sorted().toList();
            assertThat(orphans).as("pages of docs/ that no index links to: add a line for each to docs/README.md")
                    .isEmpty();
        }
    }

    @Test
    void theReadmeGivesTheTestCommandThatCiRuns() throws IOException {
        List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run")).stream().map(String::strip)
                .filter(line -> line.startsWith("mvn ")).toList();
        assertThat(ci).as("the Maven commands .ci/run runs").isNotEmpty();
        List<String> readme = Markdown.read(README).commandsInSection(TESTS_SECTION);
        assertThat(readme).as("the commands in README.md's section #" + TESTS_SECTION + " are what .ci/run runs")
                .isEqualTo(ci);
    }

    /** GitHub's anchors: lower case, punctuation dropped, each space a hyphen, letters of every script kept. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            Run the tests                                          | run-the-tests
            Sources: state, pause, resume                          | sources-state-pause-resume
            Round 4: the schema check's patterns (AMD EPYC)        | round-4-the-schema-checks-patterns-amd-epyc
            2. Deterministic `ce_id`                               | 2-deterministic-ce_id
            Where do I find / add …                                | where-do-i-find--add-
            The finance bureaus' summary                           | the-finance-bureaus-summary
            实名制培训（职业技能）                                     | 实名制培训职业技能
            Metrics (`GET /actuator/prometheus`, OPS key)          | metrics-get-actuatorprometheus-ops-key
            **Bold** and _emphasis_ and a [link](docs/x.md)        | bold-and-emphasis-and-a-link
            """)
    void headingsGetGitHubsAnchors(String heading, String anchor) {
        assertThat(Markdown.slug(heading)).isEqualTo(anchor);
    }

    @Test
    void aRepeatedHeadingGetsANumberedAnchor() {
        Markdown page = Markdown.parse(ROOT.resolve("x.md"), List.of("# Figures", "## Figures", "text", "## Figures"));
        assertThat(page.anchors()).containsExactly("figures", "figures-1", "figures-2");
    }

    @Test
    void headingsAndLinksInsideCodeDoNotCount() {
        Markdown page = Markdown.parse(ROOT.resolve("x.md"), List.of("# Title", "```bash", "# a shell comment",
                "see [x](missing.md)", "```", "`[y](also-missing.md)` and [z](README.md)"));
        assertThat(page.anchors()).containsExactly("title");
        assertThat(page.links()).extracting(Link::path).containsExactly("README.md");
    }

    private static List<Markdown> pages() {
        List<Markdown> pages = new ArrayList<>();
        pages.add(Markdown.read(README));
        try (Stream<Path> files = Files.walk(DOCS)) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().map(Markdown::read).forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    /** A link as written: its path (empty for an in-page anchor), its anchor (or null) and its line. */
    record Link(String path, String anchor, int line, String text) {

        private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

        static Link of(String destination, int line, String text) {
            String target = destination.strip();
            if (target.startsWith("<") && target.endsWith(">")) {
                target = target.substring(1, target.length() - 1);
            }
            int hash = target.indexOf('#');
            String path = hash < 0 ? target : target.substring(0, hash);
            String anchor = hash < 0 ? null : target.substring(hash + 1);
            return new Link(path, anchor, line, text);
        }

        boolean external() {
            return SCHEME.matcher(path).find() || path.startsWith("//");
        }

        Path resolvedPath(Markdown from) {
            String decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
            return from.path().getParent().resolve(decoded).normalize();
        }

        String where(Markdown page) {
            return ROOT.relativize(page.path()) + ":" + line + ": " + text;
        }
    }

    /**
     * What of a Markdown file the checks need: its headings' anchors and its links, outside fenced code blocks and
     * code spans. Headings are ATX ({@code ## Title}) or setext (a line of {@code ===} or {@code ---} under text).
     */
    record Markdown(Path path, List<String> anchors, List<Link> links, List<Section> sections) {

        /** The code lines of each section, by the anchor of its heading. */
        record Section(String anchor, List<String> codeLines) {
        }

        private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
        private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
        private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
        private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
        /** Inline links and images: [text](destination "optional title"). */
        private static final Pattern INLINE_LINK =
                Pattern.compile("!?\\[([^\\]]*)\\]\\(\\s*(<[^>]*>|[^)\\s]*)(?:\\s+\"[^\"]*\")?\\s*\\)");
        /** Reference definitions: [label]: destination. */
        private static final Pattern DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*(\\S+)");
        private static final Pattern HTML_LINK = Pattern.compile("(?:href|src)=\"([^\"]*)\"");

        static Markdown read(Path path) {
            try {
                return parse(path, Files.exists(path) ? Files.readAllLines(path) : List.of());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Markdown parse(Path path, List<String> lines) {
            List<String> anchors = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            List<Link> links = new ArrayList<>();
            List<Section> sections = new ArrayList<>();
            List<String> code = new ArrayList<>();
            sections.add(new Section("", code));
            String fence = null;
            String previous = "";
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher fenceStart = FENCE.matcher(line);
                if (fence != null) {
                    if (fenceStart.find() && fenceStart.group(1).charAt(0) == fence.charAt(0)
                            && fenceStart.group(1).length() >= fence.length() && line.strip().equals(fenceStart.group(1))) {
                        fence = null;
                    } else {
                        code.add(line);
                    }
                    previous = "";
                    continue;
                }
                if (fenceStart.find()) {
                    fence = fenceStart.group(1);
                    previous = "";
                    continue;
                }
                String heading = null;
                Matcher atx = ATX.matcher(line);
                if (atx.matches()) {
                    heading = atx.group(2) == null ? "" : atx.group(2);
                } else if (SETEXT.matcher(line).matches() && isParagraphText(previous)) {
                    heading = previous;
                }
                if (heading != null) {
                    String anchor = unique(slug(heading), seen);
                    anchors.add(anchor);
                    code = new ArrayList<>();
                    sections.add(new Section(anchor, code));
                    previous = "";
                    if (atx.matches()) {
                        scanLinks(line, i + 1, links);
                    }
                    continue;
                }
                scanLinks(line, i + 1, links);
                previous = line;
            }
            return new Markdown(path, List.copyOf(anchors), List.copyOf(links), List.copyOf(sections));
        }

        private static boolean isParagraphText(String line) {
            String text = line.strip();
            return !text.isEmpty() && !text.startsWith("|") && !text.startsWith(">") && !text.matches("([-*+]|\\d+[.)])\\s.*")
                    && !ATX.matcher(line).matches();
        }

        private static void scanLinks(String line, int number, List<Link> links) {
            String text = CODE_SPAN.matcher(line).replaceAll(m -> " ".repeat(m.group().length()));
            Matcher inline = INLINE_LINK.matcher(text);
            while (inline.find()) {
                links.add(Link.of(inline.group(2), number, inline.group()));
            }
            Matcher definition = DEFINITION.matcher(text);
            if (definition.find()) {
                links.add(Link.of(definition.group(1), number, definition.group()));
            }
            Matcher html = HTML_LINK.matcher(text);
            while (html.find()) {
                links.add(Link.of(html.group(1), number, html.group()));
            }
        }

        /**
         * The kinds of character GitHub keeps in an anchor ({@code [^\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc}\- ]} is what
         * it drops): letters and marks of every script, decimal digits, letter numbers, connectors such as {@code _}.
         */
        private static final Set<Integer> KEPT = Set.of((int) Character.UPPERCASE_LETTER,
                (int) Character.LOWERCASE_LETTER, (int) Character.TITLECASE_LETTER, (int) Character.MODIFIER_LETTER,
                (int) Character.OTHER_LETTER, (int) Character.NON_SPACING_MARK, (int) Character.COMBINING_SPACING_MARK,
                (int) Character.ENCLOSING_MARK, (int) Character.DECIMAL_DIGIT_NUMBER, (int) Character.LETTER_NUMBER,
                (int) Character.CONNECTOR_PUNCTUATION);

        /**
         * GitHub's anchor of a heading, as its table-of-contents filter makes it from the rendered text: the text
         * without Markdown, in lower case, every character dropped that is not of a {@link #KEPT} kind, a hyphen or a
         * space, and each space made a hyphen (two spaces, two hyphens). Chinese headings keep their characters.
         */
        static String slug(String heading) {
            String text = heading.strip()
                    .replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1")     // links and images: their text
                    .replaceAll("<[^>]+>", "")                           // inline HTML
                    .replace("`", "")
                    .replaceAll("\\*+", "")
                    .replaceAll("(?<![\\p{L}\\p{N}])_+([^_]+)_+(?![\\p{L}\\p{N}])", "$1")  // _emphasis_, not ce_id
                    .replace("~~", "")
                    .toLowerCase(Locale.ROOT);
            StringBuilder slug = new StringBuilder();
            text.codePoints().forEach(c -> {
                if (c == ' ') {
                    slug.append('-');
                } else if (c == '-' || KEPT.contains(Character.getType(c))) {
                    slug.appendCodePoint(c);
                }
            });
            return slug.toString();
        }

        /** As github-slugger: a repeated anchor gets -1, -2, … (skipping any the page already has). */
        private static String unique(String slug, Map<String, Integer> occurrences) {
            String result = slug;
            while (occurrences.containsKey(result)) {
                result = slug + "-" + occurrences.merge(slug, 1, Integer::sum);
            }
            occurrences.put(result, 0);
            return result;
        }

        /** The commands of a section's fenced code blocks: lines without their comments, blank lines left out. */
        List<String> commandsInSection(String anchor) {
            return sections.stream().filter(s -> s.anchor().equals(anchor)).findFirst()
                    .map(s -> s.codeLines().stream().map(l -> l.replaceFirst("\\s+#.*$", "").strip())
                            .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList())
                    .orElseThrow(() -> new AssertionError(ROOT.relativize(path) + " has no section #" + anchor));
        }
    }
}
