package org.labbook.context;

import org.labbook.tracking.context.RunContext;
import org.labbook.tracking.context.RunContextProvider;

/** The CI job a run belongs to, as {@code ci.*} tags; nothing outside CI. See {@link CiContext}. */
public final class CiContextProvider implements RunContextProvider {
    public static final String NAME = "ci";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void started(RunContext run) {
        CiContext.detect(run.environment()).ifPresent(ci -> run.tags(ci.tags()));
    }
}
