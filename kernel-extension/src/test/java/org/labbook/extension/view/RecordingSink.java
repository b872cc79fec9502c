package org.labbook.extension.view;

import java.util.ArrayList;
import java.util.List;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.api.MimeBundleProvider;

/** A display sink that keeps every frame it is given, rendered, with the thread that gave it. */
final class RecordingSink implements DisplaySink {
    record Frame(String displayId, boolean update, MimeBundle bundle, String thread) {
    }

    private final List<Frame> frames = new ArrayList<>();

    @Override
    public synchronized String show(Object value) {
        frames.add(new Frame("live-1", false, ((MimeBundleProvider) value).toMimeBundle(), Thread.currentThread().getName()));
        return "live-1";
    }

    @Override
    public synchronized void update(String displayId, Object value) {
        frames.add(new Frame(displayId, true, ((MimeBundleProvider) value).toMimeBundle(), Thread.currentThread().getName()));
        notifyAll();
    }

    synchronized List<Frame> frames() {
        return List.copyOf(frames);
    }

    synchronized Frame last() {
        return frames.get(frames.size() - 1);
    }

    /** Waits until at least {@code count} frames arrived, or gives up after a generous bound. */
    synchronized void awaitFrames(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (frames.size() < count && System.nanoTime() < deadline) {
            wait(100);
        }
    }
}
