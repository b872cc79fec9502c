package org.labbook.kernel.engine;

import java.util.Optional;
import org.labbook.kernel.api.MimeBundle;

/** What inspect found at the cursor (a signature and its javadoc), or empty. */
public record Inspection(Optional<MimeBundle> found) {
}
