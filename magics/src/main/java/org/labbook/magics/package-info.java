/**
 * Experiment tracking in notebooks: the {@link org.labbook.magics.Track} API that cells call, the values
 * {@code %track} queries return ({@link org.labbook.magics.RunTable}, {@link org.labbook.magics.RunComparison},
 * {@link org.labbook.magics.BestRun}, {@link org.labbook.magics.RunReport}) for renderers to draw, and the
 * {@link org.labbook.magics.TrackSubcommand} hook for subcommands other modules implement.
 */
package org.labbook.magics;
