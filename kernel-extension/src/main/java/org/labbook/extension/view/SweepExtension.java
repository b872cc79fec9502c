package org.labbook.extension.view;

import java.util.function.Consumer;

import org.labbook.kernel.api.ExtensionContext;
import org.labbook.kernel.api.KernelExtension;
import org.labbook.magics.Track;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.sweep.Sweep;
import org.labbook.tracking.sweep.SweepHost;

/**
 * Sweeps in a notebook: {@code Sweep.get(...)} in a cell uses the notebook's store, and a running sweep
 * draws one progress display in its cell that is redrawn after every trial.
 */
public final class SweepExtension implements KernelExtension {
    private SweepHost host;

    @Override
    public String name() {
        return "labbook-sweeps";
    }

    @Override
    public void register(ExtensionContext context) {
        DisplaySink sink = DisplaySink.of(context.session());
        SweepHost created = new SweepHost() {
            @Override
            public Tracker tracker() {
                return Track.tracker();
            }

            @Override
            public Consumer<Sweep.Progress> progress(Sweep sweep) {
                return new Consumer<>() {
                    private String displayId;

                    @Override
                    public void accept(Sweep.Progress progress) {
                        HtmlView view = SweepViews.progress(sweep, progress);
                        if (displayId == null) {
                            displayId = sink.show(view);
                        } else {
                            sink.update(displayId, view);
                        }
                    }
                };
            }
        };
        context.startupSnippet("import org.labbook.tracking.sweep.*;");
        Sweep.install(created);
        host = created;
    }

    @Override
    public void shutdown() {
        if (host != null) {
            Sweep.uninstall(host);
            host = null;
        }
    }
}
