package org.labbook.kernel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The inputs (and text outputs) of this kernel session's counted cells, answering history requests.
 * Earlier sessions are not kept: a restarted kernel starts with an empty history. Bounded, so that a kernel open for
 * weeks does not grow without end: the latest {@value #MAX_ENTRIES} cells and at most {@value #MAX_CHARS}
 * characters of inputs and outputs are kept; older cells are forgotten first.
 */
final class SessionHistory {
    static final int MAX_ENTRIES = 10_000;
    static final long MAX_CHARS = 32L * 1024 * 1024;
    /** The number this session has in history replies; sessions before it are not kept. */
    static final int SESSION = 1;

    /** One stored cell; {@code output} is its execute_result as text, when it had one. */
    record Entry(int session, int line, String input, Optional<String> output) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final int maxEntries;
    private final long maxChars;
    private long chars;

    SessionHistory() {
        this(MAX_ENTRIES, MAX_CHARS);
    }

    SessionHistory(int maxEntries, long maxChars) {
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
    }

    synchronized void add(int line, String input, Optional<String> output) {
        Entry entry = new Entry(SESSION, line, input, output);
        entries.add(entry);
        chars += size(entry);
        // The newest cell stays even when it alone is over the limit: it is the one a client asks for next.
        while (entries.size() > 1 && (entries.size() > maxEntries || chars > maxChars)) {
            chars -= size(entries.remove(0));
        }
    }

    private static long size(Entry entry) {
        return entry.input().length() + entry.output().map(String::length).orElse(0);
    }

    /** The last {@code n} cells. */
    synchronized List<Entry> tail(int n) {
        return List.copyOf(entries.subList(Math.max(0, entries.size() - Math.max(0, n)), entries.size()));
    }

    /**
     * Cells {@code start <= line < stop} of a session, as IPython reads them: session 0 is the current one and
     * negative sessions count back (none are kept); negative start or stop count back from the end; stop 0 means
     * to the end.
     */
    synchronized List<Entry> range(int session, int start, int stop) {
        if (session != 0 && session != SESSION) {
            return List.of();
        }
        int end = entries.isEmpty() ? 1 : entries.get(entries.size() - 1).line() + 1;
        int from = start < 0 ? start + end : start;
        int to = stop == 0 || stop > end ? end : stop < 0 ? stop + end : stop;
        List<Entry> found = new ArrayList<>();
        for (Entry e : entries) {
            if (e.line() >= from && e.line() < to) {
                found.add(e);
            }
        }
        return found;
    }

    /**
     * Cells whose whole input matches the glob {@code pattern} ({@code *}, {@code ?}, {@code [abc]}), the last
     * {@code n} of them when {@code n > 0}; with {@code unique}, each input once (its latest occurrence).
     */
    synchronized List<Entry> search(String pattern, int n, boolean unique) {
        Pattern regex = globToRegex(pattern);
        List<Entry> found = new ArrayList<>();
        for (Entry e : entries) {
            if (regex.matcher(e.input()).matches()) {
                found.add(e);
            }
        }
        if (unique) {
            Map<String, Entry> latest = new LinkedHashMap<>();
            for (Entry e : found) {
                latest.remove(e.input());
                latest.put(e.input(), e);
            }
            found = new ArrayList<>(latest.values());
        }
        return n > 0 ? List.copyOf(found.subList(Math.max(0, found.size() - n), found.size())) : found;
    }

    /** The history_reply content for a history_request. */
    ObjectNode reply(JsonNode content) {
        boolean withOutput = content.path("output").asBoolean(false);
        List<SessionHistory.Entry> entries = switch (content.path("hist_access_type").asText("tail")) {
            case "range" -> range(content.path("session").asInt(0), content.path("start").asInt(0),
                    content.path("stop").asInt(0));
            case "search" -> search(content.path("pattern").asText("*"), content.path("n").asInt(0),
                    content.path("unique").asBoolean(false));
            default -> tail(content.path("n").asInt(10));
        };
        ObjectNode reply = Replies.ok();
        ArrayNode list = reply.putArray("history");
        for (SessionHistory.Entry e : entries) {
            ArrayNode triple = list.addArray().add(e.session()).add(e.line());
            if (withOutput) {
                triple.addArray().add(e.input()).add(e.output().orElse(null));
            } else {
                triple.add(e.input());
            }
        }
        return reply;
    }

    static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                    regex.append(']');
                } else if (c == '\\' || c == '[' || c == '&' || c == '^' && regex.charAt(regex.length() - 1) != '[') {
                    regex.append('\\').append(c);
                } else {
                    regex.append(c);
                }
            } else if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[' && glob.indexOf(']', i + 2) > 0) {
                inClass = true;
                regex.append('[');
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '^') {
                    regex.append('^');
                    i++;
                }
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
