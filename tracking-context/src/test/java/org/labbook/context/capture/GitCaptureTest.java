package org.labbook.context.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCaptureTest {

    @TempDir
    Path dir;

    private Git repositoryWithOneCommit() throws Exception {
        Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        Files.writeString(dir.resolve("train.java"), "int epochs = 3;\n");
        git.add().addFilepattern("train.java").call();
        git.commit().setMessage("first").setAuthor("Ada", "ada@example.com").setCommitter("Ada", "ada@example.com")
                .setSign(false).call();
        return git;
    }

    @Test
    void cleanCheckoutRecordsRootCommitBranchAndRemoteWithoutCredentials() throws Exception {
        try (Git git = repositoryWithOneCommit()) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("remote", "origin", "url", "https://ada:ghp_secret123@github.com/lab/models.git");
            config.save();
            Path notebooks = Files.createDirectories(dir.resolve("notebooks/deep"));

            CodeVersion version = GitCapture.standard().capture(notebooks).orElseThrow();

            assertThat(version.root()).isEqualTo(dir.toRealPath().toString());
            assertThat(version.commit()).isEqualTo(git.getRepository().resolve("HEAD").name());
            assertThat(version.branch()).isEqualTo("main");
            assertThat(version.remoteUrl()).isEqualTo("https://github.com/lab/models.git");
            assertThat(version.dirty()).isFalse();
            assertThat(version.diff()).isEmpty();
            assertThat(version.untracked()).isEmpty();
        }
    }

    @Test
    void uncommittedChangesMakeItDirtyWithTheirDiffAndUntrackedFiles() throws Exception {
        try (Git git = repositoryWithOneCommit()) {
            Files.writeString(dir.resolve("train.java"), "int epochs = 5;\nString apiKey = \"abc-123\";\n");
            Files.writeString(dir.resolve("new.txt"), "new");

            CodeVersion version = GitCapture.standard().capture(dir).orElseThrow();

            assertThat(version.dirty()).isTrue();
            assertThat(version.diff()).contains("-int epochs = 3;", "+int epochs = 5;", "apiKey = \"[redacted]\"")
                    .doesNotContain("abc-123");
            assertThat(version.diffCut()).isFalse();
            assertThat(version.untracked()).containsExactly("new.txt");
        }
    }

    @Test
    void hugeDiffIsCutWithAVisibleMarker() throws Exception {
        try (Git git = repositoryWithOneCommit()) {
            Files.writeString(dir.resolve("train.java"), "x\n".repeat(100_000));
            CodeVersion version = new GitCapture(4096, Redactor.standard()).capture(dir).orElseThrow();
            assertThat(version.diffCut()).isTrue();
            assertThat(version.diff()).hasSizeLessThan(4200).contains("[... diff cut at 4096 bytes ...]");
        }
    }

    @Test
    void detachedHeadHasNoBranchButItsCommit() throws Exception {
        try (Git git = repositoryWithOneCommit()) {
            RevCommit head = git.log().call().iterator().next();
            git.checkout().setName(head.name()).call();
            CodeVersion version = GitCapture.standard().capture(dir).orElseThrow();
            assertThat(version.branch()).isEmpty();
            assertThat(version.commit()).isEqualTo(head.name());
        }
    }

    @Test
    void repositoryWithoutCommitsRecordsAnEmptyCommitAndItsFilesAsUntracked() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
            Files.writeString(dir.resolve("a.txt"), "a");
            CodeVersion version = GitCapture.standard().capture(dir).orElseThrow();
            assertThat(version.commit()).isEmpty();
            assertThat(version.dirty()).isTrue();
            assertThat(version.untracked()).containsExactly("a.txt");
        }
    }

    @Test
    void folderOutsideAnyRepositoryHasNoCodeVersion() {
        // The temp dir is under /tmp, which is not inside a repository on a sane machine.
        assertThat(GitCapture.standard().capture(dir)).isEmpty();
    }

    @Test
    void credentialsAreStrippedFromEveryKindOfRemoteUrl() {
        assertThat(GitCapture.withoutCredentials("https://x-access-token:ghp_abc@github.com/o/r.git"))
                .isEqualTo("https://github.com/o/r.git");
        assertThat(GitCapture.withoutCredentials("https://ghp_abc@github.com/o/r.git"))
                .isEqualTo("https://github.com/o/r.git");
        assertThat(GitCapture.withoutCredentials("ssh://git@host:22/o/r.git")).isEqualTo("ssh://git@host:22/o/r.git");
        assertThat(GitCapture.withoutCredentials("ssh://git:pw@host/o/r.git")).isEqualTo("ssh://host/o/r.git");
        assertThat(GitCapture.withoutCredentials("git@github.com:o/r.git")).isEqualTo("git@github.com:o/r.git");
        assertThat(GitCapture.withoutCredentials("/srv/git/r.git")).isEqualTo("/srv/git/r.git");
    }
}
