package org.labbook.kernel.eval;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.labbook.kernel.api.CellEnd;
import org.labbook.kernel.api.CellStart;
import org.labbook.kernel.api.ExtensionContext;
import org.labbook.kernel.api.KernelExtension;
import org.labbook.kernel.api.MimeBundle;

/**
 * Listed in the test META-INF/services: records every callback, registers a magic, a renderer and a startup
 * snippet, and otherwise stays out of the way of other kernel tests that share the classpath.
 */
public final class RecordingExtension implements KernelExtension {
    static final List<CellStart> STARTS = new CopyOnWriteArrayList<>();
    static final List<CellEnd> ENDS = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "recording-test-extension";
    }

    @Override
    public void register(ExtensionContext context) {
        context.lineMagic("testecho", call -> "echo:" + call.args());
        context.cellMagic("testupper", call -> call.body().toUpperCase());
        context.renderer(TestPoint.class, p -> MimeBundle.of(Map.of("text/plain", "point " + p.x() + "," + p.y(),
                "text/html", "<b>" + p.x() + "," + p.y() + "</b>")));
        context.startupSnippet("import org.labbook.kernel.eval.TestPoint;");
    }

    @Override
    public void beforeCell(CellStart cell) {
        STARTS.add(cell);
    }

    @Override
    public void afterCell(CellEnd cell) {
        ENDS.add(cell);
    }
}
