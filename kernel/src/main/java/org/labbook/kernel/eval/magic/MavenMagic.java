package org.labbook.kernel.eval.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.labbook.kernel.api.ClasspathEntry;
import org.labbook.kernel.api.MagicCall;
import org.labbook.kernel.api.UserError;

/** {@code %maven GROUP:ARTIFACT:VERSION...}: artifacts and their runtime dependencies onto the classpath. */
public final class MavenMagic {
    private final MavenResolver resolver;
    private final ClasspathSink sink;

    public MavenMagic(MavenResolver resolver, ClasspathSink sink) {
        this.resolver = resolver;
        this.sink = sink;
    }

    public void register(MagicRegistry registry) {
        registry.lineMagic("maven", this::run);
    }

    Object run(MagicCall call) {
        List<String> coordinates = MagicArgs.split(call.args());
        if (coordinates.isEmpty()) {
            throw new UserError("%maven needs coordinates, e.g. %maven org.apache.commons:commons-text:1.12.0");
        }
        List<ClasspathEntry> entries = new ArrayList<>();
        for (MavenResolver.Resolved jar : resolver.resolve(coordinates)) {
            entries.add(new ClasspathEntry(jar.path(), Optional.of(jar.coordinates()), "%maven " + call.args()));
        }
        sink.add(entries);
        return null;
    }
}
