package org.labbook.tracking.redact;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which names (of variables, environment variables, config keys) look like they hold a secret:
 * {@code dbPassword}, {@code GITHUB_TOKEN}, {@code PGPASSWORD}, {@code AWS_SECRET_ACCESS_KEY},
 * {@code spring.datasource.password}, {@code client-secret}, and the names users add in
 * {@link RedactionSettings}. It errs on the side of hiding: a variable named {@code tokens} is not secret,
 * but {@code auth} is. Instances are immutable and thread-safe.
 */
public final class SecretNames {

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

    /** {@code STRIPE_KEY}, {@code SENTRY-KEY}: the environment's way of naming a key. */
    private static final Pattern ENVIRONMENT_KEY = Pattern.compile("(?i).+[_-]key");

    // Compiled once: every variable name of every cell goes through words().
    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern ACRONYM_END = Pattern.compile("([A-Z]+)([A-Z][a-z])");
    private static final Pattern NON_WORD = Pattern.compile("[^A-Za-z0-9]+");

    private final RedactionSettings settings;

    private SecretNames(RedactionSettings settings) {
        this.settings = settings;
    }

    /** The built-in rules only. */
    public static SecretNames builtIn() {
        return new SecretNames(RedactionSettings.none());
    }

    /** The built-in rules and the names the settings add. */
    public static SecretNames with(RedactionSettings settings) {
        return new SecretNames(settings);
    }

    /** True when a variable, parameter, config or environment name looks like it holds a secret. */
    public boolean isSecret(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        if (settings.matchesName(name) || ENVIRONMENT_KEY.matcher(name).matches()) {
            return true;
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

    /** Splits camelCase, snake_case, kebab-case and dotted names into lower-case words. */
    static List<String> words(String name) {
        String spaced = NON_WORD.matcher(ACRONYM_END.matcher(CAMEL_HUMP.matcher(name).replaceAll("$1 $2"))
                .replaceAll("$1 $2")).replaceAll(" ")
                .strip()
                .toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? List.of() : List.of(spaced.split(" "));
    }
}
