package org.labbook.kernel.api;

import java.util.Objects;

/**
 * One invocation of a magic.
 *
 * @param name    the magic's name without the percent signs
 * @param args    the rest of the magic's line, unparsed (the magic owns its grammar)
 * @param body    for a cell magic, the cell's lines after the first; empty for a line magic
 * @param session the kernel session it runs in
 */
public record MagicCall(String name, String args, String body, KernelSession session) {
    public MagicCall {
        Objects.requireNonNull(name, "name");
        args = args == null ? "" : args;
        body = body == null ? "" : body;
        Objects.requireNonNull(session, "session");
    }
}
