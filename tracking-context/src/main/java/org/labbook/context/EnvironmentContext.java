package org.labbook.context;

import java.util.List;
import java.util.Map;

import org.labbook.context.capture.CaptureJson;
import org.labbook.context.capture.EnvironmentInfo;
import org.labbook.tracking.context.RunContext;
import org.labbook.tracking.context.RunContextProvider;

/**
 * The runtime and machine: Java, OS, CPUs, memory, GPUs, allow-listed environment variables with secrets
 * masked, and the classpath with Maven coordinates and SHA-256 (artifact {@code labbook/environment.json},
 * tags {@code labbook.java.version} and {@code labbook.host}).
 */
public final class EnvironmentContext implements RunContextProvider {
    public static final String NAME = "environment";
    public static final String ARTIFACT = "labbook/environment.json";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void started(RunContext run) {
        EnvironmentInfo info = Captures.environment().capture(Captures.version(), List.of());
        run.artifact(CaptureJson.environment(info), ARTIFACT);
        run.tags(Map.of("labbook.java.version", info.javaVersion(), "labbook.host", info.hostName()));
    }
}
