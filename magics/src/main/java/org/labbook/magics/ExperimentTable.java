package org.labbook.magics;

import java.util.List;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.api.MimeBundleProvider;
import org.labbook.magics.internal.Formats;
import org.labbook.magics.internal.TextTable;
import org.labbook.tracking.Experiment;

/** What {@code %track experiments} returns: the store's experiments, by name. */
public record ExperimentTable(List<Experiment> experiments) implements MimeBundleProvider {
    public ExperimentTable {
        experiments = List.copyOf(experiments);
    }

    public String text() {
        if (experiments.isEmpty()) {
            return "No experiments yet: %track start creates one.";
        }
        TextTable table = new TextTable(List.of("experiment", "created"));
        experiments.forEach(e -> table.row(List.of(e.name(), Formats.time(e.createdAt()))));
        return table.render();
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(text());
    }
}
