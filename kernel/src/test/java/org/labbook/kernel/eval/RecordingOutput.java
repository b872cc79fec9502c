package org.labbook.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.engine.CellOutput;

/** Keeps everything a cell sent, in order, as the protocol side would publish it. */
final class RecordingOutput implements CellOutput {
    record Message(String kind, String name, String text, MimeBundle bundle, String displayId) {
    }

    private final List<Message> messages = new ArrayList<>();
    private final List<String> inputs = new ArrayList<>();
    private volatile Consumer<Message> listener = m -> { };

    RecordingOutput answering(String... lines) {
        inputs.addAll(List.of(lines));
        return this;
    }

    RecordingOutput onMessage(Consumer<Message> listener) {
        this.listener = listener;
        return this;
    }

    private void add(Message message) {
        synchronized (this) {
            messages.add(message);
        }
        listener.accept(message);
    }

    @Override
    public void stream(String name, String text) {
        add(new Message("stream", name, text, null, null));
    }

    @Override
    public void display(MimeBundle bundle, String displayId, boolean update) {
        add(new Message(update ? "update_display_data" : "display_data", null, null, bundle, displayId));
    }

    @Override
    public void clearOutput(boolean wait) {
        add(new Message("clear_output", null, null, null, null));
    }

    @Override
    public synchronized String readInput(String prompt, boolean password) {
        add(new Message("input_request", null, prompt, null, null));
        return inputs.isEmpty() ? "" : inputs.remove(0);
    }

    synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    synchronized String text(String streamName) {
        StringBuilder text = new StringBuilder();
        messages.stream().filter(m -> m.kind().equals("stream") && m.name().equals(streamName))
                .forEach(m -> text.append(m.text()));
        return text.toString();
    }

    synchronized List<Message> displays() {
        return messages.stream().filter(m -> m.bundle() != null).toList();
    }
}
