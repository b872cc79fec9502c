package org.labbook.kernel.eval.magic;

import eu.maveniverse.maven.mima.context.Context;
import eu.maveniverse.maven.mima.context.ContextOverrides;
import eu.maveniverse.maven.mima.context.Runtimes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.labbook.kernel.api.UserError;

/**
 * Resolves Maven coordinates with their runtime dependencies, the way Maven would: the local repository first,
 * then the repositories of ~/.m2/settings.xml (mirrors, proxies, credentials) or Maven Central.
 */
public final class MavenResolver {

    /**
     * A resolved jar.
     *
     * @param coordinates group:artifact:version (with classifier/extension when not the plain jar)
     */
    public record Resolved(Path path, String coordinates) {
    }

    /** Resolves all roots in one graph so versions are mediated across them, as in one pom. */
    public List<Resolved> resolve(List<String> coordinates) {
        List<Dependency> roots = new ArrayList<>();
        for (String text : coordinates) {
            roots.add(new Dependency(artifact(text), JavaScopes.RUNTIME));
        }
        ContextOverrides overrides = ContextOverrides.create().withUserSettings(true).build();
        try (Context context = Runtimes.INSTANCE.getRuntime().create(overrides)) {
            CollectRequest collect = new CollectRequest();
            collect.setDependencies(roots);
            collect.setRepositories(context.remoteRepositories());
            DependencyRequest request = new DependencyRequest(collect,
                    DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            List<ArtifactResult> results = context.repositorySystem()
                    .resolveDependencies(context.repositorySystemSession(), request).getArtifactResults();
            Map<Path, Resolved> jars = new LinkedHashMap<>();
            for (ArtifactResult result : results) {
                Artifact a = result.getArtifact();
                if (a != null && a.getFile() != null) {
                    Path path = a.getFile().toPath();
                    jars.putIfAbsent(path, new Resolved(path, a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getVersion()));
                }
            }
            return List.copyOf(jars.values());
        } catch (DependencyResolutionException e) {
            throw new UserError("MavenError", "%maven " + String.join(" ", coordinates) + ": " + firstLine(e.getMessage())
                    + ". Check the coordinates (group:artifact:version) and that the repository is reachable.");
        }
    }

    private static Artifact artifact(String text) {
        try {
            Artifact artifact = new DefaultArtifact(text);
            if (artifact.getVersion().isEmpty()) {
                throw new IllegalArgumentException("no version");
            }
            return artifact;
        } catch (IllegalArgumentException e) {
            throw new UserError("%maven " + text + ": not Maven coordinates. Write group:artifact:version, "
                    + "e.g. %maven org.apache.commons:commons-text:1.12.0");
        }
    }

    private static String firstLine(String message) {
        return message == null ? "resolution failed" : message.lines().findFirst().orElse(message);
    }
}
