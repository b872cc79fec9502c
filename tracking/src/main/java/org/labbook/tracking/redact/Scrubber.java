package org.labbook.tracking.redact;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is stored or exported, replacing each with {@link #MARKER}:
 * collected secret values ({@link SecretValues}), credentials of well-known formats, and values that follow
 * a secret-looking name ({@link SecretNames}). Each kind of text has its method, because what may be removed
 * differs: output loses {@code password=anything}, source code keeps {@code password = readPassword()} so
 * that it still compiles, a diff loses the value of every {@code key=value} line whose key looks secret.
 *
 * <p>Fails safe: should scrubbing throw (a regular expression overflowing its stack on a pathological
 * text, say), the text is replaced whole by the marker rather than kept. Instances are thread-safe.
 */
public final class Scrubber {

    /** What every redacted part reads as, so a reader knows something was there. */
    public static final String MARKER = "[redacted]";

    /** Name characters around a secret word; bounded so that long runs of them cannot make a scan quadratic. */
    private static final String NAME_CHARS = "[A-Za-z0-9_.-]{0,64}";
    /** Secret words inside {@code name=value} text; "tokens", "tokenizer" and "author" are not among them,
     *  so that a training log's {@code tokens: 1024} survives. */
    private static final String SECRET_NAME_STEM = "(?:password|passwd|passphrase|pwd|secret|token(?!s|iz)"
            + "|api[_.-]?key|credential|creds|private[_.-]?key|access[_.-]?key|session[_.-]?key|auth(?:orization)?\\b)";

    /** Credential formats, each replaced whole (group 0) unless a replacement keeps a prefix. */
    private static final List<Rule> FORMAT_RULES = List.of(
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
            // user:password@host in any URL: the user stays, the password goes whole up to the last '@' before
            // the URL ends, so a password holding '/', '+', ':' or '@' never shows in part; the user may be empty.
            new Rule(Pattern.compile("\\b([A-Za-z][A-Za-z0-9+.-]{1,30}://[^\\s:/@\"'<>`]{0,256}):[^\\s\"'<>`]{0,1024}@"),
                    "$1:" + MARKER + "@", "://"),
            // Authorization headers and the like; the credential must hold a digit so that prose survives.
            new Rule(Pattern.compile("\\b((?i:bearer)|Basic|[Tt]oken)(\\s+)(?=[A-Za-z._~+/-]{0,200}[0-9])"
                    + "[A-Za-z0-9._~+/-]{8,}=*"), "$1$2" + MARKER, "bearer", "basic", "token"),
            // ?password=...&token=... in URLs and connection strings.
            new Rule(Pattern.compile("(?i)([?&;]" + NAME_CHARS + SECRET_NAME_STEM + NAME_CHARS + "=)[^&;\\s\"']+"),
                    "$1" + MARKER, "pass", "pwd", "secret", "token", "key", "cred", "auth"));

    /** {@code password = "hunter2"} and {@code "apiKey": "..."}: a quoted value after a secret-looking name. */
    private static final Pattern QUOTED_ASSIGNMENT = Pattern.compile(
            "(?i)(\\b" + NAME_CHARS + SECRET_NAME_STEM + NAME_CHARS + "[\"']?\\s*(?:=|:|,)\\s*)(\"|')"
                    + "((?:\\\\.|(?!\\2).){1,4096}?)\\2");

    /** {@code PASSWORD=hunter2} in plain output, up to the next space, quote or separator. */
    private static final Pattern BARE_ASSIGNMENT = Pattern.compile(
            "(?i)(\\b" + NAME_CHARS + SECRET_NAME_STEM + NAME_CHARS + "\\s{0,3}[=:]\\s{0,3})"
                    + "(?![\"'\\s]|(?:Bearer|Basic)\\s|"
                    + Pattern.quote(MARKER) + ")([^\\s\"',;&)}\\]]{1,4096})");

    /**
     * A config line in a diff or file: {@code +spring.datasource.password=hunter2}, {@code +  password: x},
     * {@code export AWS_SECRET_ACCESS_KEY=...}, {@code -DB_PASSWORD = "x"}; the key is group 2, the value group 4. A value
     * the quoted-literal rule already replaced is left as it is.
     */
    private static final Pattern CONFIG_LINE = Pattern.compile(
            "(?m)^([+\\- ]?[ \\t]{0,64}(?:export[ \\t]{1,8}|set[ \\t]{1,8}|setx[ \\t]{1,8}|\\$env:)?)"
                    + "([\"']?[A-Za-z_][A-Za-z0-9_.\\-]{0,127}[\"']?)([ \\t]{0,8}[=:][ \\t]{0,8})([^\\r\\n]*\\S)");

    /** Literal parts of {@link #SECRET_NAME_STEM}: text without any of them cannot name a secret. */
    private static final List<String> NAME_TRIGGERS = List.of("pass", "pwd", "secret", "token", "key", "cred", "auth");

    private static volatile Scrubber standard;

    private final SecretNames names;
    private final SecretValues values;
    private final List<Pattern> extraPatterns;
    /** Whether the settings add names, which the quick word check before the config-line rule cannot know. */
    private final boolean extraNames;

    private Scrubber(SecretNames names, SecretValues values, List<Pattern> extraPatterns, boolean extraNames) {
        this.names = names;
        this.values = values;
        this.extraPatterns = List.copyOf(extraPatterns);
        this.extraNames = extraNames;
    }

    /** A scrubber with the built-in rules, the settings' names and patterns, and these collected values. */
    public static Scrubber of(RedactionSettings settings, SecretValues values) {
        return new Scrubber(SecretNames.with(settings), values, settings.patterns(), !settings.names().isEmpty());
    }

    /**
     * The process's scrubber: this process's settings, and values collected first from its environment and
     * then by whoever adds to {@link #values()} (the kernel, for notebook variables). Everything that
     * records a run in this process, notebook or CI job, scrubs with it.
     */
    public static Scrubber standard() {
        Scrubber current = standard;
        if (current == null) {
            synchronized (Scrubber.class) {
                current = standard;
                if (current == null) {
                    RedactionSettings settings = RedactionSettings.ofThisProcess();
                    current = of(settings, SecretValues.fromEnvironment(System.getenv(), SecretNames.with(settings)));
                    standard = current;
                }
            }
        }
        return current;
    }

    /** The values this scrubber removes; adding to them takes effect at once. */
    public SecretValues values() {
        return values;
    }

    public SecretNames names() {
        return names;
    }

    /** True when a name looks like it holds a secret. */
    public boolean isSecretName(String name) {
        return names.isSecret(name);
    }

    /**
     * Output text (stdout, stderr, results, error messages, stack traces): collected values, credential formats,
     * and values after secret-looking names, quoted or not.
     */
    public String text(String text) {
        return safely(text, t -> {
            String out = applyFormats(t);
            if (mayNameSecret(out)) {
                out = replaceAll(BARE_ASSIGNMENT, replaceQuoted(out), "$1" + MARKER);
            }
            return values.replaceIn(out, MARKER);
        });
    }

    /**
     * Source code: collected values, credential formats and quoted literals assigned to secret-looking names,
     * but {@code password = readPassword()} stays, so that the cell still compiles.
     */
    public String source(String source) {
        return safely(source, t -> values.replaceIn(replaceQuoted(applyFormats(t)), MARKER));
    }

    /**
     * A diff or a config file: what {@link #source} removes, and the value of every {@code key=value},
     * {@code key: value} or {@code export KEY=value} line whose key looks secret.
     */
    public String diff(String diff) {
        return safely(diff, t -> {
            String out = replaceQuoted(applyFormats(t));
            if (extraNames || mayNameSecret(out)) {
                out = replaceConfigLines(out);
            }
            return values.replaceIn(out, MARKER);
        });
    }

    /** Only the collected values and credential formats: for text whose structure must survive, such as JSON. */
    public String values(String text) {
        return safely(text, t -> values.replaceIn(applyFormats(t), MARKER));
    }

    /**
     * UTF-8 text scrubbed with {@link #values(String)}; bytes that are not UTF-8 are not text this can read,
     * so they come back empty rather than unscrubbed.
     */
    public byte[] valuesInUtf8(byte[] utf8) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            return new byte[0];
        }
        String scrubbed = values(text);
        return scrubbed.equals(text) ? utf8 : scrubbed.getBytes(StandardCharsets.UTF_8);
    }

    /** A named value: the marker if the name looks secret, else the value scrubbed as output text. */
    public String value(String name, String value) {
        if (value == null) {
            return null;
        }
        return isSecretName(name) ? MARKER : text(value);
    }

    /** Environment variables with secret-looking names masked and the rest scrubbed, sorted by name. */
    public Map<String, String> environment(Map<String, String> environment) {
        Map<String, String> out = new TreeMap<>();
        environment.forEach((name, value) -> out.put(name, value(name, value)));
        return out;
    }

    private String replaceConfigLines(String text) {
        Matcher matcher = CONFIG_LINE.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            String key = matcher.group(2).replace("\"", "").replace("'", "");
            String value = matcher.group(4);
            String replacement = names.isSecret(key) && !value.contains(MARKER)
                    ? matcher.group(1) + matcher.group(2) + matcher.group(3) + MARKER
                    : matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }

    private String applyFormats(String text) {
        String out = text;
        String lower = text.toLowerCase(Locale.ROOT);
        for (Rule rule : FORMAT_RULES) {
            if (rule.mayMatch(lower)) {
                out = replaceAll(rule.pattern(), out, rule.replacement());
            }
        }
        for (Pattern pattern : extraPatterns) {
            out = replaceAll(pattern, out, Matcher.quoteReplacement(MARKER));
        }
        return out;
    }

    private static String replaceQuoted(String text) {
        return mayNameSecret(text) ? replaceAll(QUOTED_ASSIGNMENT, text, "$1$2" + Matcher.quoteReplacement(MARKER) + "$2")
                : text;
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

    /** Runs a scrub; if it fails in any way the text is withheld whole, never returned as it was. */
    private static String safely(String text, UnaryOperator<String> scrub) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        try {
            return scrub.apply(text);
        } catch (RuntimeException | StackOverflowError e) {
            return MARKER;
        }
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
