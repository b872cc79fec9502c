package org.labbook.magics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * The code a run used, in one line for a lineage: the commit, the branch and what the uncommitted diff
 * touched, read from the run's {@code labbook/code-version.json} (written by the notebook kernel: commit,
 * branch, dirty, diff, diffCut, untracked). The full diff stays in the artifact.
 *
 * @param filesChanged files in the uncommitted diff of tracked files
 * @param added        lines the diff adds
 * @param removed      lines the diff removes
 * @param untracked    untracked files
 * @param cut          the stored diff was cut at its cap, so the counts are at least these
 */
public record CodeSummary(String commit, String branch, boolean dirty, int filesChanged, int added, int removed,
                          int untracked, boolean cut) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Empty when the bytes are not the JSON object the kernel writes. */
    public static Optional<CodeSummary> read(byte[] json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject() || !node.hasNonNull("commit")) {
            return Optional.empty();
        }
        int files = 0;
        int added = 0;
        int removed = 0;
        for (String line : node.path("diff").asText("").split("\n", -1)) {
            if (line.startsWith("diff --git ")) {
                files++;
            } else if (line.startsWith("+") && !line.startsWith("+++")) {
                added++;
            } else if (line.startsWith("-") && !line.startsWith("---")) {
                removed++;
            }
        }
        return Optional.of(new CodeSummary(node.path("commit").asText(), node.path("branch").asText(""),
                node.path("dirty").asBoolean(), files, added, removed, node.path("untracked").size(),
                node.path("diffCut").asBoolean()));
    }

    /** e.g. {@code 3f2a9c1e0b7d on main, 2 files changed (+14 -3), 1 untracked file}. */
    public String text() {
        String head = (commit.isEmpty() ? "(no commit yet)" : commit.substring(0, Math.min(12, commit.length())))
                + (branch.isEmpty() ? "" : " on " + branch);
        if (!dirty && filesChanged == 0 && untracked == 0) {
            return head + ", clean";
        }
        StringBuilder out = new StringBuilder(head);
        if (filesChanged > 0) {
            out.append(", ").append(filesChanged).append(filesChanged == 1 ? " file" : " files").append(" changed (+")
                    .append(added).append(" -").append(removed).append(cut ? ", diff cut" : "").append(')');
        }
        if (untracked > 0) {
            out.append(", ").append(untracked).append(untracked == 1 ? " untracked file" : " untracked files");
        }
        return out.toString();
    }
}
