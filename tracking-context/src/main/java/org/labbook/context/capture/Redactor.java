package org.labbook.context.capture;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of the store. Two rules, applied to everything Labbook records about a session:
 * <ol>
 *   <li>a value whose <em>name</em> looks like a secret (a variable {@code dbPassword}, an environment
 *       variable {@code GITHUB_TOKEN}) is replaced by {@link #MARKER};</li>
 *   <li>text that contains something shaped like a well-known credential (an AWS access key id, a GitHub,
 *       Slack, OpenAI or Google key, a JWT, a PEM private key, a password in a URL, a bearer token, or
 *       {@code password=...}) has that part replaced.</li>
 * </ol>
 * It errs on the side of hiding: a variable named {@code tokens} loses its value summary, which costs a
 * little insight, whereas a leaked key costs much more. Instances are immutable and thread-safe.
 */
public final class Redactor {

    /** What a redacted value reads as. */
    public static final String MARKER = "[redacted]";

    /** Words that mark a name as secret wherever they appear inside a word. */
    private static final List<String> SECRET_FRAGMENTS = List.of(
            "password", "passwd", "passphrase", "secret", "credential", "apikey", "privatekey",
            "accesskey", "secretkey", "sessionkey", "authtoken", "accesstoken", "refreshtoken", "bearer");

    /** Words that mark a name as secret only as a whole word, because they are common inside harmless ones
     *  ("tokenizer", "author", "keyword"). */
    private static final Set<String> SECRET_WORDS = Set.of(
            "pwd", "token", "auth", "oauth", "authorization", "creds", "jwt", "cookie", "pat", "otp");

    /** Adjacent word pairs that mark a name as secret, e.g. API_KEY or privateKey. */
    private static final Set<String> SECRET_PAIRS = Set.of(
            "api key", "private key", "access key", "secret key", "session key", "signing key", "encryption key",
            "client secret", "auth key", "master key", "account key");

    /** Name characters around a secret word; bounded so that long runs of them cannot make a scan quadratic. */
    private static final String NAME_CHARS = "[A-Za-z0-9_.-]{0,64}";
    /** Secret words inside {@code name=value} text; "tokens", "tokenizer" and "author" are not among them,
     *  so that a training log's {@code tokens: 1024} survives. */
    private static final String SECRET_NAME_STEM = "(?:password|passwd|passphrase|pwd|secret|token(?!s|iz)"
            + "|api[_.-]?key|credential|creds|private[_.-]?key|access[_.-]?key|session[_.-]?key|auth(?:orization)?\\b)";

    /** Credential formats, each replaced whole (group 0) unless a replacement keeps a prefix. */
    private static final List<Rule> TEXT_RULES = List.of(
            // PEM private keys; a block cut before its END line is redacted to the end of the text.
            new Rule(Pattern.compile("-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----"
                    + "(?s:.*?)(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|\\z)"), MARKER, "private key"),
            // JSON Web Tokens: three base64url segments, the first an encoded '{"'.
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"), MARKER, "eyj"),
            new Rule(Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|ABIA|ACCA)[A-Z0-9]{16}\\b"), MARKER,
                    "akia", "asia", "agpa", "aida", "aroa", "anpa", "anva", "aipa", "abia", "acca"),
            new Rule(Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{20,}"), MARKER, "gh"),
            new Rule(Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{20,}"), MARKER, "github_pat_"),
            new Rule(Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}"), MARKER, "glpat-"),
            new Rule(Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"), MARKER, "xox"),
            new Rule(Pattern.compile("\\bsk-(?:proj-|ant-|live-|test-)?[A-Za-z0-9_-]{20,}"), MARKER, "sk-"),
            new Rule(Pattern.compile("\\b[rp]k_(?:live|test)_[A-Za-z0-9]{16,}"), MARKER, "k_live_", "k_test_"),
            new Rule(Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}"), MARKER, "aiza"),
            new Rule(Pattern.compile("\\bhf_[A-Za-z0-9]{30,}"), MARKER, "hf_"),
            new Rule(Pattern.compile("\\bnpm_[A-Za-z0-9]{36}"), MARKER, "npm_"),
            // user:password@host in any URL: the user stays, the password goes.
            new Rule(Pattern.compile("\\b([A-Za-z][A-Za-z0-9+.-]{1,30}://[^\\s:/@]*):[^\\s/@]+@"),
                    "$1:" + MARKER + "@", "://"),
            // Authorization headers and the like; the credential must hold a digit so that prose survives.
            new Rule(Pattern.compile("\\b((?i:bearer)|Basic|[Tt]oken)(\\s+)(?=[A-Za-z._~+/-]{0,200}[0-9])"
                    + "[A-Za-z0-9._~+/-]{8,}=*"), "$1$2" + MARKER, "bearer", "basic", "token"),
            // ?password=...&token=... in URLs and connection strings.
            new Rule(Pattern.compile("(?i)([?&;]" + NAME_CHARS + SECRET_NAME_STEM + NAME_CHARS + "=)[^&;\\s\"']+"),
                    "$1" + MARKER, "pass", "pwd", "secret", "token", "key", "cred", "auth"));

    /** {@code password = "hunter2"} and {@code "apiKey": "..."}: a quoted value after a secret-looking name. */
    // Compiled once: every variable name of every cell goes through words().
    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern ACRONYM_END = Pattern.compile("([A-Z]+)([A-Z][a-z])");
    private static final Pattern NON_WORD = Pattern.compile("[^A-Za-z0-9]+");
    private static final Pattern QUOTED_ASSIGNMENT = Pattern.compile(
            "(?i)(\\b" + NAME_CHARS + SECRET_NAME_STEM + NAME_CHARS + "[\"']?\\s*(?:=|:|,)\\s*)(\"|')"
                    + "((?:\\\\.|(?!\\2).){1,4096}?)\\2");

    /** {@code PASSWORD=hunter2} in plain output, up to the next space, quote or separator. */
    private static final Pattern BARE_ASSIGNMENT = Pattern.compile(
            "(?i)(\\b" + NAME_CHARS + SECRET_NAME_STEM + NAME_CHARS + "\\s{0,3}[=:]\\s{0,3})"
                    + "(?![\"'\\s]|(?:Bearer|Basic)\\s|"
                    + Pattern.quote(MARKER) + ")([^\\s\"',;&)}\\]]{1,4096})");

    /** Literal parts of {@link #SECRET_NAME_STEM}: text without any of them cannot name a secret. */
    private static final List<String> NAME_TRIGGERS = List.of("pass", "pwd", "secret", "token", "key", "cred", "auth");

    private static final Redactor DEFAULT = new Redactor();

    private Redactor() {
    }

    /** The redactor with the rules above. */
    public static Redactor standard() {
        return DEFAULT;
    }

    /** True when a variable, parameter or environment name looks like it holds a secret. */
    public boolean isSecretName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        List<String> words = words(name);
        String joined = String.join("", words);
        for (String fragment : SECRET_FRAGMENTS) {
            if (joined.contains(fragment)) {
                return true;
            }
        }
        for (int i = 0; i < words.size(); i++) {
            if (SECRET_WORDS.contains(words.get(i))) {
                return true;
            }
            if (i + 1 < words.size() && SECRET_PAIRS.contains(words.get(i) + " " + words.get(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /** The value to record for a named value: the marker for a secret name, else the value with credentials removed. */
    public String redactValue(String name, String value) {
        if (value == null) {
            return null;
        }
        return isSecretName(name) ? MARKER : redactText(value);
    }

    /** Environment variables with secret-looking names masked and credentials removed from the rest, sorted by name. */
    public Map<String, String> redactEnvironment(Map<String, String> environment) {
        Map<String, String> out = new TreeMap<>();
        environment.forEach((name, value) -> out.put(name, redactValue(name, value)));
        return out;
    }

    /**
     * Output text (stdout, stderr, results): removes credential formats and the values of
     * {@code name=value} pairs whose name looks secret, quoted or not.
     */
    public String redactText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = applyRules(text);
        if (!mayNameSecret(out)) {
            return out;
        }
        out = replaceQuoted(out);
        return replaceAll(BARE_ASSIGNMENT, out, "$1" + MARKER);
    }

    /**
     * Cell source: removes credential formats and quoted literals assigned to secret-looking names, but
     * leaves code such as {@code password = readPassword()} alone so that the cell still compiles.
     */
    public String redactSource(String source) {
        if (source == null || source.isEmpty()) {
            return source;
        }
        return replaceQuoted(applyRules(source));
    }

    private static String applyRules(String text) {
        String out = text;
        String lower = text.toLowerCase(Locale.ROOT);
        for (Rule rule : TEXT_RULES) {
            if (rule.mayMatch(lower)) {
                out = replaceAll(rule.pattern(), out, rule.replacement());
            }
        }
        return out;
    }

    private static String replaceQuoted(String text) {
        return mayNameSecret(text) ? replaceAll(QUOTED_ASSIGNMENT, text, "$1$2" + MARKER + "$2") : text;
    }

    /** Whether the text contains a word that a secret-looking name needs; most output does not. */
    private static boolean mayNameSecret(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String stem : NAME_TRIGGERS) {
            if (lower.contains(stem)) {
                return true;
            }
        }
        return false;
    }

    private static String replaceAll(Pattern pattern, String text, String replacement) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.replaceAll(replacement) : text;
    }

    /** Splits camelCase, snake_case, kebab-case and dotted names into lower-case words. */
    static List<String> words(String name) {
        String spaced = NON_WORD.matcher(ACRONYM_END.matcher(CAMEL_HUMP.matcher(name).replaceAll("$1 $2"))
                .replaceAll("$1 $2")).replaceAll(" ")
                .strip()
                .toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? List.of() : List.of(spaced.split(" "));
    }

    /** A pattern, its replacement, and literal words (lower case) without one of which it cannot match. */
    private record Rule(Pattern pattern, String replacement, List<String> triggers) {
        Rule(Pattern pattern, String replacement, String... triggers) {
            this(pattern, replacement, List.of(triggers));
        }

        /** Most text holds none of the triggers; skipping the regex then is what keeps redaction cheap. */
        boolean mayMatch(String lowerCaseText) {
            for (String trigger : triggers) {
                if (lowerCaseText.contains(trigger)) {
                    return true;
                }
            }
            return false;
        }
    }
}
