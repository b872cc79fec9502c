package org.labbook.kernel.eval;

import java.util.concurrent.atomic.AtomicInteger;
import org.labbook.kernel.api.CellEnd;
import org.labbook.kernel.api.ExtensionContext;
import org.labbook.kernel.api.KernelExtension;

/** Throws in afterCell, but only for cells that ask for it, so other tests sharing the classpath are unaffected. */
public final class ThrowingExtension implements KernelExtension {
    static final String TRIGGER = "// make the test extension throw";
    static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public String name() {
        return "throwing-test-extension";
    }

    @Override
    public void register(ExtensionContext context) {
    }

    @Override
    public void afterCell(CellEnd cell) {
        if (cell.cell().source().contains(TRIGGER)) {
            CALLS.incrementAndGet();
            throw new IllegalStateException("deliberate failure");
        }
    }
}
