package org.labbook.context.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryBuilder;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * Reads the code version with JGit (no {@code git} program needed). Runs on a background thread: a status
 * of a large working tree takes a while.
 */
public final class GitCapture {

    /** Diffs longer than this are cut: a run records what changed, not a vendored library. */
    public static final int DEFAULT_DIFF_LIMIT = 256 * 1024;
    static final int MAX_UNTRACKED = 200;

    private static final Pattern URL_USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/@]*)@(.*)$");

    private final int diffLimit;
    private final Redactor redactor;

    public GitCapture(int diffLimit, Redactor redactor) {
        if (diffLimit < 1) {
            throw new IllegalArgumentException("diff limit must be positive, was " + diffLimit);
        }
        this.diffLimit = diffLimit;
        this.redactor = redactor;
    }

    public static GitCapture standard() {
        return new GitCapture(DEFAULT_DIFF_LIMIT, Redactor.standard());
    }

    /** The code version of the repository containing {@code directory}, or empty when it is in none. */
    public Optional<CodeVersion> capture(Path directory) {
        RepositoryBuilder builder = new RepositoryBuilder().readEnvironment().findGitDir(directory.toAbsolutePath().toFile());
        if (builder.getGitDir() == null) {
            return Optional.empty();
        }
        try (Repository repository = builder.setMustExist(true).build(); Git git = new Git(repository)) {
            if (repository.isBare()) {
                return Optional.empty();
            }
            ObjectId head = repository.resolve(Constants.HEAD);
            String fullBranch = repository.getFullBranch();
            String branch = fullBranch != null && fullBranch.startsWith(Constants.R_HEADS)
                    ? fullBranch.substring(Constants.R_HEADS.length()) : "";
            Status status = git.status().call();
            Set<String> untrackedFiles = status.getUntracked();
            CappedOutput diff = new CappedOutput(diffLimit);
            // Diff only what the status found changed: a second walk of a large tree would double the cost.
            Set<String> changed = new java.util.TreeSet<>(status.getUncommittedChanges());
            if (!changed.isEmpty()) {
                git.diff().setOldTree(headTree(repository, head)).setPathFilter(PathFilterGroup.createFromStrings(changed))
                        .setOutputStream(diff).call();
            }
            return Optional.of(new CodeVersion(
                    repository.getWorkTree().toPath().toAbsolutePath().normalize().toString(),
                    head == null ? "" : head.name(),
                    branch,
                    remoteUrl(repository),
                    !status.isClean(),
                    redactor.redactDiff(diff.text()),
                    diff.cut(),
                    untrackedFiles.stream().sorted().limit(MAX_UNTRACKED).toList()));
        } catch (IOException | GitAPIException | RuntimeException e) {
            // A broken repository must not break a run: record nothing rather than fail the cell.
            return Optional.empty();
        }
    }

    /** Removes the user-info part of a remote URL, where tokens hide ({@code https://x-access-token:ghp_...@host}). */
    public static String withoutCredentials(String url) {
        if (url == null) {
            return "";
        }
        Matcher matcher = URL_USER_INFO.matcher(url);
        if (!matcher.matches()) {
            return url; // scp-like "git@host:org/repo.git": the user is a fixed login, not a secret
        }
        String scheme = matcher.group(1).toLowerCase(java.util.Locale.ROOT);
        String userInfo = matcher.group(2);
        boolean sshUserOnly = scheme.startsWith("ssh") && !userInfo.contains(":");
        return sshUserOnly ? url : matcher.group(1) + matcher.group(3);
    }

    private static String remoteUrl(Repository repository) {
        var config = repository.getConfig();
        Set<String> remotes = config.getSubsections("remote");
        String remote = remotes.contains("origin") ? "origin" : remotes.stream().sorted().findFirst().orElse(null);
        return remote == null ? "" : withoutCredentials(config.getString("remote", remote, "url"));
    }

    private static AbstractTreeIterator headTree(Repository repository, ObjectId head) throws IOException {
        if (head == null) {
            return new EmptyTreeIterator();
        }
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            CanonicalTreeParser parser = new CanonicalTreeParser();
            parser.reset(reader, walk.parseCommit(head).getTree().getId());
            return parser;
        }
    }

    /** Keeps the first {@code limit} bytes and drops the rest, remembering that it did. */
    private static final class CappedOutput extends OutputStream {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int limit;
        private boolean cut;

        CappedOutput(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            int room = limit - kept.size();
            if (length > room) {
                cut = true;
            }
            kept.write(bytes, offset, Math.max(0, Math.min(room, length)));
        }

        boolean cut() {
            return cut;
        }

        String text() {
            String text = kept.toString(StandardCharsets.UTF_8);
            return cut ? text + "\n[... diff cut at " + limit + " bytes ...]\n" : text;
        }
    }
}
