/**
 * The review report: one self-contained HTML file of an experiment's runs, for teammates who do not run the
 * notebook ({@code labbook report}).
 */
package org.labbook.extension.report;
