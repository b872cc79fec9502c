package org.labbook.context.capture;

import java.util.List;
import java.util.Objects;

/**
 * Which code a run used: the git repository around the notebook, and what was not committed.
 *
 * @param root      the repository's working tree
 * @param commit    HEAD's commit id; "" in a repository without commits
 * @param branch    the checked-out branch; "" when HEAD is detached
 * @param remoteUrl the {@code origin} remote (else the first remote), without credentials; "" when none
 * @param dirty     true when tracked files differ from HEAD or untracked files exist
 * @param diff      the unified diff of tracked files against HEAD, capped, secrets removed
 * @param diffCut   true when the diff was longer than the cap and was cut
 * @param untracked untracked files, relative to the root (at most a few hundred)
 */
public record CodeVersion(String root, String commit, String branch, String remoteUrl, boolean dirty, String diff,
                          boolean diffCut, List<String> untracked) {
    public CodeVersion {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(commit, "commit");
        branch = branch == null ? "" : branch;
        remoteUrl = remoteUrl == null ? "" : remoteUrl;
        diff = diff == null ? "" : diff;
        untracked = List.copyOf(untracked);
    }
}
