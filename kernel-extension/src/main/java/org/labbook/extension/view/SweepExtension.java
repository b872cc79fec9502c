package org.labbook.extension.view;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;

import org.labbook.kernel.api.ExtensionContext;
import org.labbook.kernel.api.KernelExtension;
import org.labbook.magics.RunListener;
import org.labbook.magics.Track;
import org.labbook.tracking.Run;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.sweep.Objective;
import org.labbook.tracking.sweep.Pruner;
import org.labbook.tracking.sweep.Space;
import org.labbook.tracking.sweep.Strategy;
import org.labbook.tracking.sweep.Sweep;
import org.labbook.tracking.sweep.SweepHost;
import org.labbook.tracking.sweep.Trial;
import org.labbook.tracking.sweep.TrialPruned;

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
        // The listeners the %track magics tell of every run, so a trial's run gets its session snapshot.
        List<RunListener> listeners = new ArrayList<>();
        ServiceLoader.load(RunListener.class, SweepExtension.class.getClassLoader()).forEach(listeners::add);
        SweepHost created = new SweepHost() {
            @Override
            public void trialStarted(Run run) {
                listeners.forEach(l -> l.runStarted(run));
            }

            @Override
            public void trialEnded(Run run, RunStatus status) {
                listeners.forEach(l -> l.runEnded(run, status));
            }

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
        // Named imports, not the package: each is made only when a cell first names its class, so cells that
        // never sweep are not compiled with another on-demand import in force.
        for (Class<?> type : List.of(Sweep.class, Space.class, Objective.class, Strategy.class, Pruner.class,
                Trial.class, TrialPruned.class)) {
            context.startupSnippet("import " + type.getName() + ";");
        }
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
