package org.labbook.kernel.engine;

import org.labbook.kernel.api.MimeBundle;

/**
 * Where a running cell's output goes, as it happens. Implementations are called from the thread that
 * evaluates the cell (and from threads the cell starts) and must hand the messages to the thread that
 * owns the sockets; they must not block on the network.
 */
public interface CellOutput {

    /** Text on "stdout" or "stderr". */
    void stream(String name, String text);

    /**
     * A display_data, or update_display_data when {@code update} is true.
     *
     * @param displayId the transient display id, or null for an output that is never updated
     */
    void display(MimeBundle bundle, String displayId, boolean update);

    void clearOutput(boolean wait);

    /**
     * Asks the front end for a line of input (input_request on the stdin channel) and waits for the reply.
     *
     * @throws IllegalStateException if the client does not allow stdin
     */
    String readInput(String prompt, boolean password);
}
