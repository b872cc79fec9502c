package org.labbook.context;

import org.labbook.context.capture.EnvironmentCapture;
import org.labbook.context.capture.GitCapture;
import org.labbook.context.capture.NvidiaSmi;

/**
 * The captures the providers share in one process: jar digests are remembered and {@code nvidia-smi} is
 * asked for the GPU list once, however many runs start.
 */
final class Captures {
    private static final GitCapture GIT = GitCapture.standard();
    private static final NvidiaSmi NVIDIA_SMI = NvidiaSmi.onPath();

    private Captures() {
    }

    static EnvironmentCapture environment() {
        return EnvironmentCapture.shared();
    }

    static GitCapture git() {
        return GIT;
    }

    static NvidiaSmi nvidiaSmi() {
        return NVIDIA_SMI;
    }

    /** This library's version, from its jar's manifest; "" when run from classes (tests). */
    static String version() {
        String version = Captures.class.getPackage().getImplementationVersion();
        return version == null ? "" : version;
    }
}
