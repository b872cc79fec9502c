package org.labbook.extension.snapshot;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labbook.context.capture.Redactor;
import org.labbook.kernel.api.CellEnd;
import org.labbook.kernel.api.CellOutcome;
import org.labbook.kernel.api.CellStart;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.api.OmittedOutput;

/**
 * Turns what the kernel reported about a cell into a {@link CellRecord}: caps every text, removes secrets,
 * and swaps binary outputs for references to blobs. Meant for the background writer: it hashes images and
 * scans text, which a cell should not wait for. Thread-safe.
 */
public final class CellRecordBuilder {

    private final CellLimits limits;
    private final Redactor redactor;

    public CellRecordBuilder(CellLimits limits, Redactor redactor) {
        this.limits = limits;
        this.redactor = redactor;
    }

    public static CellRecordBuilder standard() {
        return new CellRecordBuilder(CellLimits.standard(), Redactor.standard());
    }

    /** The record of a cell that ended, with what it changed in the state (from {@link StateTracker}). */
    public BuiltCell build(CellEnd end, StateChanges changes) {
        CellStart start = end.cell();
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        Optional<OutputBundle> result = end.result().map(bundle -> bundle(bundle, blobs));
        List<OutputBundle> displays = new ArrayList<>();
        for (MimeBundle display : keptDisplays(end.displays())) {
            displays.add(bundle(display, blobs));
        }
        String source = TextCap.cap(start.source(), limits.sourceChars(), redactor::redactSource);
        Duration duration = end.end().isBefore(start.start()) ? Duration.ZERO : Duration.between(start.start(), end.end());
        CellRecord record = new CellRecord(
                CellIds.of(start.cellId(), start.executionCount(), start.source()),
                start.executionCount(),
                start.silent(),
                source,
                start.start(),
                duration,
                outcome(end.outcome()),
                TextCap.cap(end.stdout(), limits.outputChars(), redactor::redactText),
                TextCap.cap(end.stderr(), limits.outputChars(), redactor::redactText),
                result,
                displays,
                redacted(changes));
        return new BuiltCell(record, blobs);
    }

    private List<MimeBundle> keptDisplays(List<MimeBundle> displays) {
        if (displays.size() <= limits.displays()) {
            return displays;
        }
        int half = limits.displays() / 2;
        List<MimeBundle> kept = new ArrayList<>(displays.subList(0, half));
        // A note from the kernel, which keeps a bounded number of displays itself, counts as the displays it stands for.
        int cut = 0;
        for (MimeBundle display : displays.subList(half, displays.size() - half)) {
            cut += OmittedOutput.displaysBehind(display);
        }
        kept.add(MimeBundle.text("[... " + cut + " displays cut by Labbook ...]"));
        kept.addAll(displays.subList(displays.size() - half, displays.size()));
        return kept;
    }

    private Outcome outcome(CellOutcome outcome) {
        if (outcome instanceof CellOutcome.Error error) {
            List<String> traceback = error.traceback().stream()
                    .limit(200)
                    .map(line -> TextCap.cap(line, limits.summaryChars() * 8, redactor::redactText))
                    .toList();
            return new Outcome(Outcome.Kind.ERROR, TextCap.cap(error.ename(), limits.summaryChars(), s -> s),
                    TextCap.cap(error.evalue(), limits.outputChars(), redactor::redactText), traceback);
        }
        if (outcome instanceof CellOutcome.Interrupted) {
            return Outcome.of(Outcome.Kind.INTERRUPTED);
        }
        if (outcome instanceof CellOutcome.Aborted) {
            return Outcome.of(Outcome.Kind.ABORTED);
        }
        return Outcome.ok();
    }

    private StateChanges redacted(StateChanges changes) {
        List<VariableRecord> variables = changes.variables().stream()
                .map(v -> new VariableRecord(v.name(), v.type(), redactor.isSecretName(v.name())
                        ? Redactor.MARKER : TextCap.cap(v.summary(), limits.summaryChars(), redactor::redactText)))
                .toList();
        return new StateChanges(variables, changes.imports(), changes.methods(), changes.types(), changes.classpath());
    }

    private OutputBundle bundle(MimeBundle bundle, Map<String, byte[]> blobs) {
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, BlobRef> refs = new LinkedHashMap<>();
        bundle.data().forEach((mime, value) -> {
            if (value instanceof String text && isBinary(mime)) {
                Optional<byte[]> bytes = decodeBase64(text);
                if (bytes.isPresent()) {
                    String sha = sha256(bytes.get());
                    blobs.putIfAbsent(sha, bytes.get());
                    refs.put(mime, new BlobRef(mime, sha, bytes.get().length));
                    return;
                }
            }
            data.put(mime, value(value));
        });
        Map<String, Object> metadata = new LinkedHashMap<>();
        bundle.metadata().forEach((key, value) -> metadata.put(key, value(value)));
        return new OutputBundle(data, metadata, refs);
    }

    /** Text is capped and redacted; a JSON tree is kept unless its text would be too long. */
    private Object value(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String text) {
            return TextCap.cap(text, limits.outputChars(), redactor::redactText);
        }
        JsonTrees.Copy copy = JsonTrees.copy(value, limits.jsonChars(), text -> TextCap.cap(text, limits.outputChars(),
                redactor::redactText));
        return copy.complete() ? copy.value()
                : "[JSON output of more than " + limits.jsonChars() + " characters cut by Labbook]";
    }

    /** Binary MIME types arrive base64-encoded; SVG and JSON types are text. */
    static boolean isBinary(String mime) {
        if (mime.equals("image/svg+xml")) {
            return false;
        }
        return mime.startsWith("image/") || mime.startsWith("audio/") || mime.startsWith("video/")
                || mime.equals("application/pdf") || mime.equals("application/octet-stream");
    }

    private static Optional<byte[]> decodeBase64(String text) {
        try {
            return Optional.of(Base64.getMimeDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
