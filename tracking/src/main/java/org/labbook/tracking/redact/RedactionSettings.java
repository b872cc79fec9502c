package org.labbook.tracking.redact;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What users add to redaction, from the environment or system properties (the property wins when both
 * are set):
 * <ul>
 *   <li>{@code LABBOOK_REDACT_NAMES} / {@code -Dlabbook.redact.names}: comma-separated names that are secret
 *       too, each a word or a glob with {@code *} matched case-insensitively against whole names, e.g.
 *       {@code *_PIN,INTERNAL_URL,license}. Environment variables so named have their values collected.</li>
 *   <li>{@code LABBOOK_REDACT_PATTERNS} / {@code -Dlabbook.redact.patterns}: regular expressions separated
 *       by {@code ;;}, each match of which is replaced, e.g. {@code ACME-[0-9]{8}}.</li>
 * </ul>
 * Settings can only add. A pattern that does not compile is used as literal text and a warning says so,
 * so a typo never weakens redaction silently.
 *
 * @param names    extra secret names or globs, as given
 * @param patterns extra patterns whose matches are replaced
 */
public record RedactionSettings(List<String> names, List<Pattern> patterns) {

    public static final String NAMES_VARIABLE = "LABBOOK_REDACT_NAMES";
    public static final String PATTERNS_VARIABLE = "LABBOOK_REDACT_PATTERNS";
    public static final String NAMES_PROPERTY = "labbook.redact.names";
    public static final String PATTERNS_PROPERTY = "labbook.redact.patterns";

    public RedactionSettings {
        names = List.copyOf(names);
        patterns = List.copyOf(patterns);
    }

    public static RedactionSettings none() {
        return new RedactionSettings(List.of(), List.of());
    }

    /** The settings of this process, warnings to its stderr. */
    public static RedactionSettings ofThisProcess() {
        return of(System.getenv(), System.getProperty(NAMES_PROPERTY), System.getProperty(PATTERNS_PROPERTY),
                System.err);
    }

    /** Settings from an environment and optional property values (null when unset). */
    public static RedactionSettings of(Map<String, String> environment, String namesProperty, String patternsProperty,
                                       PrintStream warnings) {
        String names = namesProperty != null ? namesProperty : environment.getOrDefault(NAMES_VARIABLE, "");
        String patterns = patternsProperty != null ? patternsProperty : environment.getOrDefault(PATTERNS_VARIABLE, "");
        List<String> nameList = new ArrayList<>();
        for (String name : names.split(",")) {
            if (!name.isBlank()) {
                nameList.add(name.strip());
            }
        }
        List<Pattern> patternList = new ArrayList<>();
        for (String pattern : patterns.split(";;")) {
            if (pattern.isBlank()) {
                continue;
            }
            try {
                patternList.add(Pattern.compile(pattern.strip()));
            } catch (PatternSyntaxException e) {
                warnings.println("labbook: redaction pattern '" + pattern.strip() + "' is not a valid regular expression ("
                        + e.getDescription() + "); it is redacted as literal text. Fix it in " + PATTERNS_VARIABLE
                        + " or -D" + PATTERNS_PROPERTY + ".");
                patternList.add(Pattern.compile(Pattern.quote(pattern.strip())));
            }
        }
        return new RedactionSettings(nameList, patternList);
    }

    /** Whether a name matches one of the extra names or globs, case-insensitively. */
    boolean matchesName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String glob : names) {
            if (globMatches(glob.toLowerCase(Locale.ROOT), lower)) {
                return true;
            }
        }
        return false;
    }

    private static boolean globMatches(String glob, String name) {
        if (!glob.contains("*")) {
            return glob.equals(name);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            regex.append(Pattern.quote(part)).append(".*");
        }
        regex.setLength(regex.length() - 2);
        return Pattern.matches(regex.toString(), name);
    }
}
