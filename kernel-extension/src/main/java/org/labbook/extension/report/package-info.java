/**
 * The review report: one self-contained HTML file of an experiment's runs, for teammates who do not run the
 * notebook ({@code labbook report}, {@code %track report}).
 *
 * <p>Its charts are interactive ({@code InteractiveCharts}): each is the notebook's
 * Vega-Lite spec drawn by Vega, Vega-Lite and vega-embed, inlined once per page from this package's
 * {@code vega/} resources, over the chart's PNG, which readers without scripts, print and mail clients see.
 * Those builds, and {@code vega/THIRD-PARTY-NOTICES.txt} that lists every package bundled in them with its
 * licence, are written by {@code scripts/update-vega.sh} from {@code notebooks/checks/vega/package-lock.json};
 * the page carries the notice at its end, as the libraries' licences ask of a copy.
 */
package org.labbook.extension.report;
