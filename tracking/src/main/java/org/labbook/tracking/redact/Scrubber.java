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

    /** Name characters after a secret word; bounded so that a long run of them cannot make a match slow. */
    private static final String NAME_CHARS = "[A-Za-z0-9_.-]{0,64}";
    /** Secret words inside {@code name=value} text; "tokens", "tokenizer" and "author" are not among them,
     *  so that a training log's {@code tokens: 1024} survives. Each starts with one of {@link #STEM_TRIGGERS}. */
    private static final String SECRET_NAME_STEM = "(?:password|passwd|passphrase|pwd|secret|token(?!s|iz)"
            + "|api[_.-]?key|credential|creds|private[_.-]?key|access[_.-]?key|session[_.-]?key|auth(?:orization)?\\b)";
    private static final List<String> STEM_TRIGGERS = List.of("pass", "pwd", "secret", "token", "api", "cred", "private",
            "access", "session", "auth");
    /** The longest text a rule's match can span beyond its start. */
    private static final int REACH = 4096 + 256;

    /**
     * Credential formats. Every rule starts where one of its literal triggers stands, so a text is scanned once
     * for all triggers and a rule's pattern is tried only there ({@link Matcher#lookingAt}), never slid along
     * the whole text: that is what keeps a megabyte of output within a few milliseconds.
     */
    private static final List<Rule> FORMAT_RULES = List.of(
            // PEM private keys; a block cut before its END line is redacted to the end of the text.
            Rule.whole("-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----"
                    + "(?s:.*?)(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|\\z)", Integer.MAX_VALUE, "-----begin"),
            // JSON Web Tokens: three base64url segments, the first an encoded '{"'.
            Rule.whole("\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*", REACH, "eyj"),
            Rule.whole("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|ABIA|ACCA)[A-Z0-9]{16}\\b", 40,
                    "akia", "asia", "agpa", "aida", "aroa", "anpa", "anva", "aipa", "abia", "acca"),
            Rule.whole("\\bgh[pousr]_[A-Za-z0-9]{20,}", REACH, "ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
            Rule.whole("\\bgithub_pat_[A-Za-z0-9_]{20,}", REACH, "github_pat_"),
            Rule.whole("\\bglpat-[A-Za-z0-9_-]{20,}", REACH, "glpat-"),
            Rule.whole("\\bxox[abposr]-[A-Za-z0-9-]{10,}", REACH, "xox"),
            Rule.whole("\\bsk-(?:proj-|ant-|live-|test-)?[A-Za-z0-9_-]{20,}", REACH, "sk-"),
            Rule.whole("\\b[rp]k_(?:live|test)_[A-Za-z0-9]{16,}", REACH, "rk_live_", "pk_live_", "rk_test_", "pk_test_"),
            Rule.whole("\\bAIza[0-9A-Za-z_-]{35}", 64, "aiza"),
            Rule.whole("\\bhf_[A-Za-z0-9]{30,}", REACH, "hf_"),
            Rule.whole("\\bnpm_[A-Za-z0-9]{36}", 64, "npm_"),
            // user:password@host in any URL (a scheme before "://"): the user stays, the password goes whole up to
            // the last '@' before the URL ends, so a password holding '/', '+', ':' or '@' never shows in part.
            Rule.valueGroup("(?<=[A-Za-z0-9+.-])://[^\\s:/@\"'<>`]{0,256}:([^\\s\"'<>`]{0,1024})@", 2048, "://"),
            // Authorization headers and the like; the credential must hold a digit so that prose survives.
            Rule.valueGroup("\\b(?:(?i:bearer)|Basic|[Tt]oken)\\s+(?=[A-Za-z._~+/-]{0,200}[0-9])([A-Za-z0-9._~+/-]{8,}=*)",
                    REACH, "bearer", "basic", "token"),
            // ?password=...&token=... in URLs and connection strings.
            new Rule(Pattern.compile("(?i)" + SECRET_NAME_STEM + NAME_CHARS + "=([^&;\\s\"']+)"), false, REACH,
                    STEM_TRIGGERS, true));

    /** {@code password = "hunter2"} and {@code "apiKey": "..."}: a quoted value after a secret-looking name. */
    private static final Rule QUOTED_ASSIGNMENT = Rule.valueGroup(
            "(?i)" + SECRET_NAME_STEM + NAME_CHARS + "[\"']?\\s*(?:=|:|,)\\s*(?<q>[\"'])((?:\\\\.|(?!\\k<q>).){1,4096}?)\\k<q>",
            REACH, STEM_TRIGGERS.toArray(String[]::new));

    /** {@code PASSWORD=hunter2} in plain output, up to the next space, quote or separator. */
    private static final Rule BARE_ASSIGNMENT = Rule.valueGroup(
            "(?i)" + SECRET_NAME_STEM + NAME_CHARS + "\\s{0,3}[=:]\\s{0,3}"
                    + "(?![\"'\\s]|(?:Bearer|Basic)\\s|" + Pattern.quote(MARKER) + ")([^\\s\"',;&)}\\]]{1,4096})",
            REACH, STEM_TRIGGERS.toArray(String[]::new));

    private static final RuleSet SOURCE_RULES = RuleSet.of(FORMAT_RULES, List.of(QUOTED_ASSIGNMENT));
    private static final RuleSet FORMATS_ONLY = RuleSet.of(FORMAT_RULES, List.of());
    private static final RuleSet TEXT_RULES = RuleSet.of(FORMAT_RULES, List.of(QUOTED_ASSIGNMENT, BARE_ASSIGNMENT));

    /**
     * A config line in a diff or file: {@code +spring.datasource.password=hunter2}, {@code +  password: x},
     * {@code export AWS_SECRET_ACCESS_KEY=...}, {@code -DB_PASSWORD = "x"}; the key is group 2, the value group 4. A value
     * the quoted-literal rule already replaced is left as it is.
     */
    private static final Pattern CONFIG_LINE = Pattern.compile(
            "(?m)^([+\\- ]?[ \\t]{0,64}(?:export[ \\t]{1,8}|set[ \\t]{1,8}|setx[ \\t]{1,8}|\\$env:)?)"
                    + "([\"']?[A-Za-z_][A-Za-z0-9_.\\-]{0,127}[\"']?)([ \\t]{0,8}[=:][ \\t]{0,8})([^\\r\\n]*\\S)");

    private static volatile Scrubber standard;

    private final SecretNames names;
    private final SecretValues values;
    private final List<Pattern> extraPatterns;

    private Scrubber(SecretNames names, SecretValues values, List<Pattern> extraPatterns) {
        this.names = names;
        this.values = values;
        this.extraPatterns = List.copyOf(extraPatterns);
    }

    /** A scrubber with the built-in rules, the settings' names and patterns, and these collected values. */
    public static Scrubber of(RedactionSettings settings, SecretValues values) {
        return new Scrubber(SecretNames.with(settings), values, settings.patterns());
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
        return safely(text, t -> values.replaceIn(applyExtraPatterns(TEXT_RULES.apply(t)), MARKER));
    }

    /**
     * Source code: collected values, credential formats and quoted literals assigned to secret-looking names,
     * but {@code password = readPassword()} stays, so that the cell still compiles.
     */
    public String source(String source) {
        return safely(source, t -> values.replaceIn(applyExtraPatterns(SOURCE_RULES.apply(t)), MARKER));
    }

    /**
     * A diff or a config file: what {@link #source} removes, and the value of every {@code key=value},
     * {@code key: value} or {@code export KEY=value} line whose key looks secret.
     */
    public String diff(String diff) {
        return safely(diff, t -> values.replaceIn(replaceConfigLines(applyExtraPatterns(SOURCE_RULES.apply(t))), MARKER));
    }

    /** Only the collected values and credential formats: for text whose structure must survive, such as JSON. */
    public String values(String text) {
        return safely(text, t -> values.replaceIn(applyExtraPatterns(FORMATS_ONLY.apply(t)), MARKER));
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

    private String applyExtraPatterns(String text) {
        String out = text;
        for (Pattern pattern : extraPatterns) {
            Matcher matcher = pattern.matcher(out);
            if (matcher.find()) {
                out = matcher.replaceAll(Matcher.quoteReplacement(MARKER));
            }
        }
        return out;
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

    /**
     * A pattern tried where one of its literal triggers starts (case-insensitively), and what of its match is
     * replaced: the whole match, or only its last group (the value after a name, the password in a URL).
     * {@code reach} bounds how far past its start a match may run; lookarounds still see the whole text.
     */
    private record Rule(Pattern pattern, boolean wholeMatch, int reach, List<String> triggers, boolean inQuery) {
        static Rule whole(String regex, int reach, String... triggers) {
            return new Rule(Pattern.compile(regex), true, reach, List.of(triggers), false);
        }

        static Rule valueGroup(String regex, int reach, String... triggers) {
            return new Rule(Pattern.compile(regex), false, reach, List.of(triggers), false);
        }

        /**
         * Whether the rule may start here: a query-parameter rule only in a name that follows {@code ?}, {@code &}
         * or {@code ;} (checked by hand: a regex lookbehind of variable length would cost 65 tries at each place).
         */
        boolean mayStartAt(String text, int at) {
            if (!inQuery) {
                return true;
            }
            for (int i = at - 1; i >= Math.max(0, at - 65); i--) {
                char c = text.charAt(i);
                if (c == '?' || c == '&' || c == ';') {
                    return true;
                }
                if (!(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '.' || c == '-')) {
                    return false;
                }
            }
            return false;
        }

        void appendReplacement(String text, Matcher match, StringBuilder out) {
            if (wholeMatch) {
                out.append(MARKER);
            } else {
                int value = match.groupCount();
                out.append(text, match.start(), match.start(value)).append(MARKER).append(text, match.end(value), match.end());
            }
        }
    }

    /**
     * Rules applied in one scan: at each place a trigger starts, the rules of that trigger are tried in order
     * and the first that matches is replaced; the scan goes on after its match. Where several triggers start
     * at one place, the longest is found.
     */
    private record RuleSet(Literals triggers, Map<String, int[]> byTrigger, Rule[] rules) {
        static RuleSet of(List<Rule> first, List<Rule> then) {
            List<Rule> all = new java.util.ArrayList<>(first);
            all.addAll(then);
            Map<String, List<Integer>> indexes = new java.util.HashMap<>();
            for (int i = 0; i < all.size(); i++) {
                for (String trigger : all.get(i).triggers()) {
                    indexes.computeIfAbsent(trigger, t -> new java.util.ArrayList<>()).add(i);
                }
            }
            Map<String, int[]> byTrigger = new java.util.HashMap<>();
            indexes.forEach((trigger, list) -> byTrigger.put(trigger, list.stream().mapToInt(Integer::intValue).toArray()));
            if (byTrigger.containsKey("token")) {
                // "tokens" and "tokenizer" match no rule, yet fill training logs: as longer triggers with no rules
                // they are found instead of "token" and skipped at once.
                byTrigger.put("tokens", new int[0]);
                byTrigger.put("tokeniz", new int[0]);
            }
            return new RuleSet(Literals.of(byTrigger.keySet(), true), byTrigger, all.toArray(Rule[]::new));
        }

        String apply(String text) {
            int at = triggers.next(text, 0);
            if (at < 0) {
                return text;
            }
            Matcher[] matchers = new Matcher[rules.length];
            StringBuilder out = null;
            int copied = 0;
            while (at >= 0) {
                int next = at + 1;
                // Triggers are kept in lower case, and at() returns the trigger as kept.
                for (int index : byTrigger.get(triggers.at(text, at))) {
                    Rule rule = rules[index];
                    if (!rule.mayStartAt(text, at)) {
                        continue;
                    }
                    if (matchers[index] == null) {
                        // Transparent bounds: \\b and lookbehinds at the region's start see the text before it.
                        matchers[index] = rule.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                    }
                    Matcher matcher = matchers[index];
                    matcher.region(at, (int) Math.min(text.length(), (long) at + rule.reach()));
                    if (matcher.lookingAt() && matcher.end() > at) {
                        if (out == null) {
                            out = new StringBuilder(text.length());
                        }
                        out.append(text, copied, at);
                        rule.appendReplacement(text, matcher, out);
                        copied = matcher.end();
                        next = copied;
                        break;
                    }
                }
                at = triggers.next(text, next);
            }
            return out == null ? text : out.append(text, copied, text.length()).toString();
        }
    }
}
